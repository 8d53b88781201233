package org.mlarena.identity.control;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import org.mlarena.settings.Settings;

/**
 * How people sign in, read from system properties or environment variables at start-up.
 *
 * <p>With {@code arena.oidc.issuer} ({@code ARENA_OIDC_ISSUER}) set, sign-in goes through that OpenID
 * Connect provider (the corporate SSO) and REST calls carry its bearer tokens; the client id and secret
 * come from {@code arena.oidc.client-id} and {@code arena.oidc.client-secret}. Without it, a form login
 * against the built-in demo users, and HTTP Basic for REST.
 *
 * @param issuer       the provider's issuer URI, empty for the built-in demo users
 * @param clientId     this application's client id at the provider
 * @param clientSecret its secret
 * @param groupsClaim  the ID/access-token claim that lists a person's groups (roles)
 * @param hostGroup    the provider group whose members are hosts
 */
public record SignInSettings(Optional<URI> issuer, String clientId, String clientSecret, String groupsClaim, String hostGroup) {

    public static final String ISSUER = "arena.oidc.issuer";
    public static final String CLIENT_ID = "arena.oidc.client-id";
    public static final String CLIENT_SECRET = "arena.oidc.client-secret";
    public static final String GROUPS_CLAIM = "arena.oidc.groups-claim";
    public static final String HOST_GROUP = "arena.oidc.host-group";

    /**
     * Reads the settings; an issuer that is set but unusable, or one without client id and secret, is an
     * error that names the setting to fix.
     */
    public static SignInSettings fromEnvironment() {
        String issuer = Settings.read(ISSUER, "");
        if (issuer.isBlank()) {
            return new SignInSettings(Optional.empty(), "", "", "groups", Roles.HOST);
        }
        URI uri;
        try {
            uri = new URI(issuer.trim());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(ISSUER + " is not a URI: '" + issuer + "' (" + e.getMessage() + ")", e);
        }
        if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
            throw new IllegalStateException(ISSUER + " must be an http(s) URL such as https://sso.example.com/realms/corp, got '" + issuer + "'");
        }
        String clientId = Settings.read(CLIENT_ID, "");
        String secret = Settings.read(CLIENT_SECRET, "");
        if (clientId.isBlank() || secret.isBlank()) {
            throw new IllegalStateException(ISSUER + " is set, so " + CLIENT_ID + " and " + CLIENT_SECRET + " must be set too");
        }
        return new SignInSettings(Optional.of(uri), clientId, secret, Settings.read(GROUPS_CLAIM, "groups"), Settings.read(HOST_GROUP, Roles.HOST));
    }

    /** {@code oidc} or {@code form}, as shown by the status resource. */
    public String mode() {
        return issuer.isPresent() ? "oidc" : "form";
    }

    public boolean oidc() {
        return issuer.isPresent();
    }
}
