package org.mlarena.it.support;

import java.nio.file.Path;

/**
 * What the integration suite runs against, as failsafe's execution set it: the database variant
 * ({@code h2} or {@code postgresql}) and the sign-in ({@code form} with the built-in users, or {@code oidc}
 * through the test OIDC provider).
 */
public final class TestEnvironment {

    /** The tested server's HTTP address: its own port (ear/pom.xml's it.http.port), not a developer's 8080. */
    public static final String SERVER_URL = "http://localhost:" + System.getProperty("it.http.port", "18080") + "/";
    public static final String BASE_URL = SERVER_URL + "arena/";

    private TestEnvironment() {
    }

    public static String variant() {
        return System.getProperty("it.variant", "h2");
    }

    /** The database kind the server must report. */
    public static String databaseKind() {
        return variant().startsWith("postgresql") ? "postgresql" : "h2";
    }

    /** The suite runs against a cluster's balancer (ClusterIT). */
    public static boolean cluster() {
        return "cluster".equals(variant());
    }

    public static boolean oidc() {
        return "oidc".equals(System.getProperty("it.auth", "form"));
    }

    public static int oidcPort() {
        return Integer.parseInt(System.getProperty("it.oidc.port", "0"));
    }

    public static Path screenshots() {
        return Path.of(System.getProperty("it.screenshots", "target/screenshots/" + variant()));
    }
}
