package org.mlarena.experiment.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.dataset.control.DatasetUse;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.usecase.entity.UseCase;

/** Tells the dataset component how many experiments a use case's dataset has. */
@ApplicationScoped
public class TrainedExperiments implements DatasetUse {

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Override
    public long experimentsOn(UseCase useCase) {
        return em.createNamedQuery(Experiment.COUNT_OF_USE_CASE, Long.class).setParameter("useCase", useCase).getSingleResult();
    }
}
