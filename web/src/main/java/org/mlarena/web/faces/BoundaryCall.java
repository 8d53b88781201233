package org.mlarena.web.faces;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.faces.application.FacesMessage;
import jakarta.faces.context.FacesContext;

import org.mlarena.common.ActionForbiddenException;
import org.mlarena.common.InvalidInputException;
import org.mlarena.common.PayloadTooLargeException;
import org.mlarena.common.QuotaExceededException;
import org.mlarena.common.ResourceNotFoundException;
import org.mlarena.common.StateConflictException;

/**
 * Calls a boundary for a view and turns what it refuses into a message on the page, never an error page: the
 * boundary's own message says what is wrong and what to do. An unexpected failure is logged and reported as such.
 */
public final class BoundaryCall {

    private static final Logger LOG = Logger.getLogger(BoundaryCall.class.getName());

    private BoundaryCall() {
    }

    /**
     * The result of {@code call}, or empty after a message for {@code clientId} (null: the page's messages).
     */
    public static <T> Optional<T> call(Supplier<T> call, String clientId) {
        try {
            return Optional.ofNullable(call.get());
        } catch (RuntimeException e) {
            show(e, clientId);
            return Optional.empty();
        }
    }

    /**
     * For forms: the result of {@code call}, or empty after messages. Each wrong field of an
     * {@link InvalidInputException} goes next to its input: {@code clientIds} maps the boundary's field name (e.g.
     * {@code hyperparameters.hidden}; "" for a refusal of the whole input) to the input's client id, or to null for a
     * field without an input, whose message goes to the page's messages. A summary at the top says how many fields to fix.
     */
    public static <T> Optional<T> callForm(Supplier<T> call, Function<String, String> clientIds) {
        try {
            return Optional.ofNullable(call.get());
        } catch (InvalidInputException e) {
            FieldErrors.show(e, clientIds, null);
            FacesContext.getCurrentInstance().validationFailed();
            return Optional.empty();
        } catch (RuntimeException e) {
            show(e, null);
            return Optional.empty();
        }
    }

    /** Runs {@code action}; true when it succeeded, false after a message. */
    public static boolean run(Runnable action, String clientId) {
        return call(() -> {
            action.run();
            return Boolean.TRUE;
        }, clientId).isPresent();
    }

    /** Shows a boundary's refusal as a message; rethrows what is not a refusal nor a container failure. */
    public static void show(RuntimeException e, String clientId) {
        FacesMessage.Severity severity;
        String summary;
        if (e instanceof InvalidInputException || e instanceof PayloadTooLargeException) {
            severity = FacesMessage.SEVERITY_ERROR;
            summary = e.getMessage();
        } else if (e instanceof ResourceNotFoundException || e instanceof StateConflictException || e instanceof QuotaExceededException) {
            severity = FacesMessage.SEVERITY_WARN;
            summary = e.getMessage();
        } else if (e instanceof ActionForbiddenException) {
            severity = FacesMessage.SEVERITY_ERROR;
            summary = e.getMessage();
        } else if (e instanceof EJBAccessException) {
            severity = FacesMessage.SEVERITY_ERROR;
            summary = "You may not do this; sign in with an account that has the right role.";
        } else if (e instanceof EJBException) {
            LOG.log(Level.WARNING, "a boundary failed", e);
            severity = FacesMessage.SEVERITY_FATAL;
            summary = "The server could not answer this part of the page. It has been logged; reload the page to try again.";
        } else {
            throw e;
        }
        add(clientId, severity, summary, null);
    }

    /**
     * A message. Without a detail, a message for the page gets an empty one (a FacesMessage would repeat the summary,
     * which p:messages then shows twice) and a message for an input repeats the summary (p:message shows the detail).
     */
    public static void add(String clientId, FacesMessage.Severity severity, String summary, String detail) {
        String shown = detail != null ? detail : clientId == null ? "" : summary;
        FacesContext.getCurrentInstance().addMessage(clientId, new FacesMessage(severity, summary, shown));
    }
}
