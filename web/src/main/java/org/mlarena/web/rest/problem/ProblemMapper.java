package org.mlarena.web.rest.problem;

import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import org.mlarena.common.ActionForbiddenException;
import org.mlarena.common.InvalidInputException;
import org.mlarena.common.PayloadTooLargeException;
import org.mlarena.common.QuotaExceededException;
import org.mlarena.common.ResourceNotFoundException;
import org.mlarena.common.StateConflictException;

/**
 * Turns every exception that leaves a resource into a {@link Problem}: the caller's mistakes into 4xx
 * with a message that says what to fix, anything else into a 500 that names an incident id (logged with
 * its stack trace on the server, never sent to the caller).
 */
@Provider
public class ProblemMapper implements ExceptionMapper<Throwable> {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class.getName());

    @Context
    UriInfo uri;

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = unwrap(thrown);
        String path = uri == null ? null : uri.getRequestUri().getPath();
        if (e instanceof InvalidInputException invalid) {
            List<Problem.FieldError> errors = invalid.errors().stream().map(f -> new Problem.FieldError(f.field(), f.message())).toList();
            return new Problem("about:blank", Status.BAD_REQUEST.getReasonPhrase(), 400, invalid.getMessage(), path, errors).toResponse();
        }
        if (e instanceof ResourceNotFoundException) {
            return Problem.of(Status.NOT_FOUND, e.getMessage(), path).toResponse();
        }
        if (e instanceof ActionForbiddenException) {
            return Problem.of(Status.FORBIDDEN, e.getMessage(), path).toResponse();
        }
        if (e instanceof PayloadTooLargeException) {
            return Problem.of(Status.REQUEST_ENTITY_TOO_LARGE, e.getMessage(), path).toResponse();
        }
        if (e instanceof StateConflictException) {
            return Problem.of(Status.CONFLICT, e.getMessage(), path).toResponse();
        }
        if (e instanceof QuotaExceededException quota) {
            Response.ResponseBuilder answer = Response.fromResponse(Problem.of(Status.TOO_MANY_REQUESTS, e.getMessage(), path).toResponse());
            if (quota.resetsAt() != null) {
                answer.header("Retry-After", Math.max(1, java.time.Duration.between(java.time.Instant.now(), quota.resetsAt()).toSeconds()));
            }
            return answer.build();
        }
        if (lostRace(e)) {
            return Problem.of(Status.CONFLICT, "Someone changed this at the same time; read it again and repeat your change.", path).toResponse();
        }
        if (e instanceof JsonbException || e instanceof ProcessingException) {
            // the JSON provider's own words name Java types ("class [D"); request records are read by RequestBodyReader
            return Problem.of(Status.BAD_REQUEST, "The request body could not be read as the JSON this resource expects."
                    + " Check the body against the OpenAPI document at /openapi.", path).toResponse();
        }
        if (e instanceof EJBAccessException) {
            return Problem.of(Status.FORBIDDEN, "You are signed in but not allowed to do this.", path).toResponse();
        }
        if (e instanceof WebApplicationException web) {
            Response.StatusType status = web.getResponse().getStatusInfo();
            Response.ResponseBuilder answer = Response.fromResponse(Problem.of(status, describe(web, status), path).toResponse());
            for (String header : List.of("Allow", "WWW-Authenticate", "Location")) {
                String value = web.getResponse().getHeaderString(header);
                if (value != null) {
                    answer.header(header, value);
                }
            }
            return answer.build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.log(Level.SEVERE, "Incident " + incident + " at " + path, thrown);
        return Problem.of(Status.INTERNAL_SERVER_ERROR, "Something went wrong on the server; it has been logged as incident "
                + incident + ". Please try again, and quote the incident if it happens again.", path).toResponse();
    }

    private static String describe(WebApplicationException web, Response.StatusType status) {
        return switch (status.getStatusCode()) {
            case 404 -> web.getMessage() != null && !web.getMessage().startsWith("HTTP 404")
                    && !web.getMessage().startsWith("RESTEASY") ? web.getMessage()
                    : "There is nothing at this address. The API's resources are listed in the OpenAPI document at /openapi.";
            case 405 -> "This resource does not accept this HTTP method.";
            case 406 -> "This resource cannot answer in the media type you asked for; ask for application/json.";
            case 415 -> "This resource does not accept this Content-Type; send application/json.";
            default -> web.getMessage() == null || web.getMessage().startsWith("RESTEASY") ? status.getReasonPhrase() : web.getMessage();
        };
    }

    /** An optimistic-lock conflict, also when it surfaced at commit wrapped in the transaction's rollback. */
    private static boolean lostRace(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof jakarta.persistence.OptimisticLockException) {
                return true;
            }
        }
        return false;
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof EJBException && !(current instanceof EJBAccessException)) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

}
