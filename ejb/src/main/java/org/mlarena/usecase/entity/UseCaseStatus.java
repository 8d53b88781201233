package org.mlarena.usecase.entity;

/** The life of a use case: hosts prepare it, participants compete while it is active, the private ranking shows once it closes. */
public enum UseCaseStatus {
    DRAFT, ACTIVE, CLOSED
}
