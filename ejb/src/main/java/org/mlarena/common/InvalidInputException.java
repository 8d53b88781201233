package org.mlarena.common;

import jakarta.ejb.ApplicationException;

/**
 * Input that a person or a calling system got wrong, with a message that says what is wrong and what to
 * do. Boundaries throw it; REST answers 400 and the views show the message next to the field.
 * An application exception: the container passes it through unwrapped and rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final String field;

    /**
     * @param field   the input that is wrong (a JSON property or form field), or null for the whole input
     * @param message what is wrong and what to do
     */
    public InvalidInputException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
