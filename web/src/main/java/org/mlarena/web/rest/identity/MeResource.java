package org.mlarena.web.rest.identity;

import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.mlarena.identity.control.Roles;

/** {@code GET /api/v1/me}: who the caller is signed in as, and with which roles. */
@Path("me")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.USER)
public class MeResource {

    @Inject
    SecurityContext security;

    /**
     * @param name  the signed-in user's name
     * @param roles the application roles the caller has
     */
    public record Me(String name, Set<String> roles) {
    }

    @GET
    public Me me() {
        Set<String> roles = new TreeSet<>();
        for (String role : new String[]{Roles.USER, Roles.HOST}) {
            if (security.isCallerInRole(role)) {
                roles.add(role);
            }
        }
        return new Me(security.getCallerPrincipal().getName(), roles);
    }
}
