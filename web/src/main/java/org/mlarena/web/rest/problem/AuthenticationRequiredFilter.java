package org.mlarena.web.rest.problem;

import java.lang.reflect.AnnotatedElement;
import java.util.Arrays;

import jakarta.annotation.Priority;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;

import org.mlarena.web.security.ArenaAuthenticationMechanism;

/**
 * Answers 401 with a JSON problem (not an HTML page, not a redirect) when a resource that is not
 * {@code @PermitAll} is called without valid credentials, and 403 when the caller lacks a role that
 * {@code @RolesAllowed} names. The authentication mechanism has already
 * checked any credentials; when they were wrong it left the reason in a request attribute.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AuthenticationRequiredFilter implements ContainerRequestFilter {

    @Context
    ResourceInfo resource;

    @Context
    HttpServletRequest request;

    @Override
    public void filter(ContainerRequestContext context) {
        if (permitAll(resource.getResourceMethod()) || (!denies(resource.getResourceMethod()) && permitAll(resource.getResourceClass()))) {
            return;
        }
        if (context.getSecurityContext().getUserPrincipal() != null) {
            RolesAllowed roles = rolesAllowed();
            if (roles != null && Arrays.stream(roles.value()).noneMatch(context.getSecurityContext()::isUserInRole)) {
                context.abortWith(Problem.of(Status.FORBIDDEN, "You are signed in as "
                        + context.getSecurityContext().getUserPrincipal().getName() + " but this needs the role "
                        + String.join(" or ", roles.value()) + ".", context.getUriInfo().getRequestUri().getPath()).toResponse());
            }
            return;
        }
        Object reason = request.getAttribute(ArenaAuthenticationMechanism.FAILURE_ATTRIBUTE);
        String detail = reason != null ? reason.toString()
                : "Sign-in required: send " + ArenaAuthenticationMechanism.expectedCredentials() + " in the Authorization header.";
        context.abortWith(jakarta.ws.rs.core.Response.fromResponse(
                        Problem.of(Status.UNAUTHORIZED, detail, context.getUriInfo().getRequestUri().getPath()).toResponse())
                .header(HttpHeaders.WWW_AUTHENTICATE, ArenaAuthenticationMechanism.challenge())
                .build());
    }

    private static boolean permitAll(AnnotatedElement element) {
        return element != null && element.isAnnotationPresent(PermitAll.class);
    }

    private static boolean denies(AnnotatedElement element) {
        return element != null && element.isAnnotationPresent(RolesAllowed.class);
    }

    private RolesAllowed rolesAllowed() {
        RolesAllowed onMethod = resource.getResourceMethod() == null ? null : resource.getResourceMethod().getAnnotation(RolesAllowed.class);
        return onMethod != null ? onMethod
                : resource.getResourceClass() == null ? null : resource.getResourceClass().getAnnotation(RolesAllowed.class);
    }
}
