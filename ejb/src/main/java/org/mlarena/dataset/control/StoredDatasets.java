package org.mlarena.dataset.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.dataset.entity.Dataset;
import org.mlarena.usecase.control.UseCaseDatasets;
import org.mlarena.usecase.entity.UseCase;

/** Tells the use-case component whether a use case's dataset is on record. */
@ApplicationScoped
public class StoredDatasets implements UseCaseDatasets {

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Override
    public boolean exists(UseCase useCase) {
        return !em.createNamedQuery(Dataset.OF_USE_CASE, Dataset.class).setParameter("useCase", useCase).getResultList().isEmpty();
    }
}
