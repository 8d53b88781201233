package org.mlarena.common;

import java.util.List;

import jakarta.ejb.ApplicationException;

/**
 * Input that a person or a calling system got wrong, with a message that says what is wrong and what to
 * do. Boundaries throw it; REST answers 400 and the views show the message next to the field.
 * An application exception: the container passes it through unwrapped and rolls the transaction back.
 */
@ApplicationException(rollback = true)
public class InvalidInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;
    private final transient List<FieldError> errors;

    /** One wrong input field. */
    public record FieldError(String field, String message) {
    }

    /**
     * @param field   the input that is wrong (a JSON property or form field), or null for the whole input
     * @param message what is wrong and what to do
     */
    public InvalidInputException(String field, String message) {
        super(message);
        this.errors = field == null ? List.of() : List.of(new FieldError(field, message));
    }

    /** Several wrong fields at once, so that a person fixes them all in one go. */
    public InvalidInputException(List<FieldError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    private static String summary(List<FieldError> errors) {
        if (errors.size() == 1) {
            return errors.get(0).message();
        }
        StringBuilder text = new StringBuilder(errors.size() + " inputs are wrong: ");
        for (int i = 0; i < errors.size(); i++) {
            text.append(i == 0 ? "" : "; ").append(errors.get(i).field()).append(": ").append(errors.get(i).message());
        }
        return text.toString();
    }

    /** The first wrong field, or null. */
    public String field() {
        return errors.isEmpty() ? null : errors.get(0).field();
    }

    public List<FieldError> errors() {
        return errors == null ? List.of() : errors;
    }

    /** Collects field errors and throws them together. */
    public static final class Collector {

        private final java.util.ArrayList<FieldError> errors = new java.util.ArrayList<>();

        public Collector add(String field, String message) {
            errors.add(new FieldError(field, message));
            return this;
        }

        public boolean isEmpty() {
            return errors.isEmpty();
        }

        /** Throws when anything was collected. */
        public void throwIfAny() {
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        }
    }
}
