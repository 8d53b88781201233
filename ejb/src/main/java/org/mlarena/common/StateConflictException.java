package org.mlarena.common;

import jakarta.ejb.ApplicationException;

/**
 * The request is well formed and allowed, but the current state forbids it (already in a team, a use case
 * without a dataset, a spent compute budget). The message says what state and what to do. REST answers 409.
 */
@ApplicationException(rollback = true)
public class StateConflictException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateConflictException(String message) {
        super(message);
    }
}
