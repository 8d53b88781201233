package org.mlarena.identity.control;

/** The application's roles, as groups in the identity stores and in {@code @RolesAllowed}. */
public final class Roles {

    /** Every signed-in person. */
    public static final String USER = "user";
    /** People who host use cases. */
    public static final String HOST = "host";

    private Roles() {
    }
}
