package org.mlarena.dataset.control;

import org.mlarena.usecase.entity.UseCase;

/**
 * How many experiments were trained on a use case's dataset: a new import would make them meaningless. The experiment
 * component, which sits above this one, answers it.
 */
public interface DatasetUse {

    long experimentsOn(UseCase useCase);
}
