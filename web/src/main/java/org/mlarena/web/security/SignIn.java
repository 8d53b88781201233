package org.mlarena.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import org.mlarena.identity.control.SignInSettings;

/** The sign-in settings of this deployment, read once, and the OIDC client when a provider is configured. */
@ApplicationScoped
public class SignIn {

    private SignInSettings settings;
    private OidcClient oidc;

    @PostConstruct
    void read() {
        settings = SignInSettings.fromEnvironment();
        oidc = settings.oidc() ? new OidcClient(settings) : null;
    }

    public SignInSettings settings() {
        return settings;
    }

    /** The OIDC client; only when {@link SignInSettings#oidc()}. */
    public OidcClient oidc() {
        if (oidc == null) {
            throw new IllegalStateException("no OIDC provider is configured (" + SignInSettings.ISSUER + ")");
        }
        return oidc;
    }
}
