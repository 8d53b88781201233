package org.mlarena.it.support;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/** Starts the test OIDC provider before any test of the oidc suite and stops it after the last. */
public class OidcProviderLifecycle implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (TestEnvironment.oidc()) {
            OidcProvider.start();
        }
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        OidcProvider.stop();
    }
}
