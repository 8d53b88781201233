package org.mlarena.web.faces;

import java.util.Map;
import java.util.function.Function;

import jakarta.faces.application.FacesMessage;

import org.mlarena.common.InvalidInputException;

/**
 * Puts each wrong field of a boundary's refusal next to the input it concerns, so that a person sees on the form what
 * to correct; a field the form does not show goes to the page's messages. What was typed stays in the inputs.
 */
public final class FieldErrors {

    private FieldErrors() {
    }

    /**
     * @param e        the refusal
     * @param inputs   the boundary's field names mapped to the client ids of the inputs that hold them
     * @param pageId   the client id of the messages for the rest (null: the page's global messages)
     */
    public static void show(InvalidInputException e, Map<String, String> inputs, String pageId) {
        show(e, inputs::get, pageId);
    }

    /**
     * @param inputs the client id of the input for a field name ("" for a refusal of the whole input), or null when
     *               the form has no input for it
     */
    public static void show(InvalidInputException e, Function<String, String> inputs, String pageId) {
        if (e.errors().isEmpty()) {
            String input = inputs.apply("");
            BoundaryCall.add(input == null ? pageId : input, FacesMessage.SEVERITY_ERROR, e.getMessage(), null);
            return;
        }
        int placed = 0;
        for (InvalidInputException.FieldError error : e.errors()) {
            String input = error.field() == null ? null : inputs.apply(error.field());
            if (input == null) {
                BoundaryCall.add(pageId, FacesMessage.SEVERITY_ERROR, error.message(), null);
            } else {
                BoundaryCall.add(input, FacesMessage.SEVERITY_ERROR, error.message(), null);
                placed++;
            }
        }
        if (placed > 0) {
            BoundaryCall.add(pageId, FacesMessage.SEVERITY_ERROR, placed == 1 ? "One input is wrong; the message next to it says what to change."
                    : placed + " inputs are wrong; the messages next to them say what to change.", null);
        }
    }
}
