package org.mlarena.common;

import java.time.Instant;

import jakarta.ejb.ApplicationException;

/** A limit per period is used up (submissions per team per day); says when it resets. REST answers 429. */
@ApplicationException(rollback = true)
public class QuotaExceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final Instant resetsAt;

    public QuotaExceededException(String message, Instant resetsAt) {
        super(message);
        this.resetsAt = resetsAt;
    }

    public Instant resetsAt() {
        return resetsAt;
    }
}
