package org.mlarena.common;

import jakarta.ejb.ApplicationException;

/**
 * What the caller asked for does not exist, or exists but is not theirs to see: both answer the same, so
 * that a private use case or another team's experiment does not reveal that it exists. REST answers 404.
 */
@ApplicationException(rollback = true)
public class ResourceNotFoundException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ResourceNotFoundException(String message) {
        super(message);
    }
}
