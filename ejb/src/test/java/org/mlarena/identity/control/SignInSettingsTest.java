package org.mlarena.identity.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SignInSettingsTest {

    @AfterEach
    void clear() {
        for (String p : List.of(SignInSettings.ISSUER, SignInSettings.CLIENT_ID, SignInSettings.CLIENT_SECRET,
                SignInSettings.GROUPS_CLAIM, SignInSettings.HOST_GROUP)) {
            System.clearProperty(p);
        }
    }

    @Test
    void withoutAnIssuerTheBuiltInUsersSignIn() {
        SignInSettings settings = SignInSettings.fromEnvironment();
        assertFalse(settings.oidc());
        assertEquals("form", settings.mode());
    }

    @Test
    void anIssuerWithClientCredentialsSelectsOidc() {
        System.setProperty(SignInSettings.ISSUER, "https://sso.example.com/realms/corp");
        System.setProperty(SignInSettings.CLIENT_ID, "ml-arena");
        System.setProperty(SignInSettings.CLIENT_SECRET, "s3cret");
        System.setProperty(SignInSettings.GROUPS_CLAIM, "roles");
        SignInSettings settings = SignInSettings.fromEnvironment();
        assertTrue(settings.oidc());
        assertEquals("oidc", settings.mode());
        assertEquals(URI.create("https://sso.example.com/realms/corp"), settings.issuer().orElseThrow());
        assertEquals("roles", settings.groupsClaim());
        assertEquals(Roles.HOST, settings.hostGroup());
    }

    @Test
    void anIssuerWithoutClientCredentialsNamesTheMissingSettings() {
        System.setProperty(SignInSettings.ISSUER, "https://sso.example.com");
        IllegalStateException e = assertThrows(IllegalStateException.class, SignInSettings::fromEnvironment);
        assertEquals("arena.oidc.issuer is set, so arena.oidc.client-id and arena.oidc.client-secret must be set too", e.getMessage());
    }

    @Test
    void anIssuerThatIsNotAnHttpUrlIsRefused() {
        System.setProperty(SignInSettings.ISSUER, "sso.example.com");
        IllegalStateException e = assertThrows(IllegalStateException.class, SignInSettings::fromEnvironment);
        assertTrue(e.getMessage().startsWith("arena.oidc.issuer must be an http(s) URL"), e.getMessage());
    }
}
