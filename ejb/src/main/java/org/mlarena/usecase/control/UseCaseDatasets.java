package org.mlarena.usecase.control;

import org.mlarena.usecase.entity.UseCase;

/**
 * Whether a use case has its dataset: from then on its category and metric are fixed ({@link UseCaseEditor}). The
 * dataset component, which sits above this one, answers it.
 */
public interface UseCaseDatasets {

    boolean exists(UseCase useCase);
}
