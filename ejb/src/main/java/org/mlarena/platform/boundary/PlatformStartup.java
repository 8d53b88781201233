package org.mlarena.platform.boundary;

import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.mlarena.identity.control.SignInSettings;
import org.mlarena.numerics.Numerics;
import org.mlarena.platform.control.DeviceCheckLauncher;
import org.mlarena.platform.control.DeviceCheckLedger;
import org.mlarena.settings.Settings;

/**
 * Deployment start and stop: chooses the numerics device (once, and logged), checks the sign-in
 * settings, seeds demo data on an empty database ({@code arena.demo-data}, default true), and releases the
 * OpenCL device on undeploy so that a redeploy starts clean.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PlatformStartup {

    public static final String DEMO_DATA = "arena.demo-data";
    private static final Logger LOG = Logger.getLogger(PlatformStartup.class.getName());

    @Inject
    DeviceCheckLauncher launcher;

    @Inject
    DeviceCheckLedger ledger;

    @PostConstruct
    void start() {
        LOG.info(() -> "Sign-in: " + SignInSettings.fromEnvironment().mode());
        Numerics numerics = Numerics.get();
        if (Boolean.parseBoolean(Settings.read(DEMO_DATA, "true")) && ledger.count() == 0) {
            LOG.info("Empty database: seeding demo data (a first device check)");
            launcher.launch("system", 128, 1);
        }
        LOG.info(() -> "ML Arena started; numerics on " + numerics.device().describe());
    }

    @PreDestroy
    void stop() {
        Numerics.shutdown();
    }
}
