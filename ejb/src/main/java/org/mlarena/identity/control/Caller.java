package org.mlarena.identity.control;

import jakarta.ejb.EJBContext;

/**
 * Who calls a boundary: the signed-in name and whether the platform lets them host use cases.
 *
 * @param name         the principal's name
 * @param platformHost in the {@link Roles#HOST} group: may create use cases
 */
public record Caller(String name, boolean platformHost) {

    public static Caller of(EJBContext context) {
        return new Caller(context.getCallerPrincipal().getName(), context.isCallerInRole(Roles.HOST));
    }
}
