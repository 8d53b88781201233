package org.mlarena.common;

import jakarta.ejb.ApplicationException;

/** An upload larger than the configured limit; says the limit and how to raise it. REST answers 413. */
@ApplicationException(rollback = true)
public class PayloadTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
