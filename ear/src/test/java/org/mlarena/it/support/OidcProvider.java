package org.mlarena.it.support;

import java.util.List;
import java.util.Map;

import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * The test's corporate SSO: a real OpenID Connect provider (mock-oauth2-server) on the port failsafe
 * reserved, with the issuer the server under test was configured with ({@code /corporate-sso}).
 */
public final class OidcProvider {

    public static final String ISSUER_ID = "corporate-sso";
    public static final String CLIENT_ID = "ml-arena";
    private static MockOAuth2Server server;

    private OidcProvider() {
    }

    static synchronized void start() {
        if (server == null) {
            server = new MockOAuth2Server();
            server.start(TestEnvironment.oidcPort());
        }
    }

    static synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server = null;
        }
    }

    public static synchronized MockOAuth2Server server() {
        if (server == null) {
            throw new IllegalStateException("the OIDC provider runs only in the oidc suite (it.auth=oidc)");
        }
        return server;
    }

    /** A signed access token for the user, with this application as audience; expiry in seconds from now. */
    public static String token(String user, List<String> groups, long expirySeconds) {
        return server().issueToken(ISSUER_ID, user, CLIENT_ID,
                Map.of("preferred_username", user, "groups", groups), expirySeconds).serialize();
    }

    /** The next browser sign-in at the provider will be this user. */
    public static void nextSignIn(String user, List<String> groups) {
        server().enqueueCallback(new DefaultOAuth2TokenCallback(ISSUER_ID, user, "JWT", List.of(CLIENT_ID),
                Map.of("preferred_username", user, "groups", groups), 3600));
    }
}
