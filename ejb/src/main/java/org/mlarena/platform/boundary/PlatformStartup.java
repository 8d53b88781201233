package org.mlarena.platform.boundary;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

import org.mlarena.accounting.Carbon;
import org.mlarena.identity.control.SignInSettings;
import org.mlarena.numerics.Numerics;
import org.mlarena.pipeline.control.NodeLeases;
import org.mlarena.platform.control.DemoTemplates;
import org.mlarena.platform.control.DeviceCheckLauncher;
import org.mlarena.platform.control.DeviceCheckLedger;
import org.mlarena.settings.Settings;

/**
 * Deployment start and stop: chooses the numerics device (once, and logged), checks the sign-in
 * settings, seeds demo data (template use cases, teams, template experiments) on an empty database ({@code arena.demo-data}, default true), and releases the
 * OpenCL device on undeploy so that a redeploy starts clean.
 * <p>
 * The seeding runs on a timer right after the start, not in it: importing the data sets and training the templates
 * takes minutes on a busy machine, and a deployment that waits for it can exceed the server's deployment timeout.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class PlatformStartup {

    public static final String DEMO_DATA = "arena.demo-data";
    private static final Logger LOG = Logger.getLogger(PlatformStartup.class.getName());

    @Inject
    DeviceCheckLauncher launcher;

    @Inject
    DeviceCheckLedger ledger;

    @Inject
    DemoData demo;

    @Resource
    TimerService timers;

    @Inject
    NodeLeases leases;

    @PostConstruct
    void start() {
        int abandoned = ledger.abandon(leases.alive(), true);
        if (abandoned > 0) {
            LOG.info(() -> abandoned + " device checks were running when this server stopped; they are marked failed");
        }
        LOG.info(() -> "Sign-in: " + SignInSettings.fromEnvironment().mode());
        Carbon.checkSettings();
        Numerics numerics = Numerics.get();
        if (Boolean.parseBoolean(Settings.read(DEMO_DATA, "true"))) {
            timers.createSingleActionTimer(1, new TimerConfig("demo data", false));
        }
        LOG.info(() -> "ML Arena started; numerics on " + numerics.device().describe());
    }

    /** Template use cases on an empty database (each in its own transaction: one that fails leaves the others) and a first device check. */
    @Timeout
    void seedDemoData() {
        if (demo.empty()) {
            for (DemoTemplates.Template template : DemoTemplates.all()) {
                try {
                    demo.seed(template);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "The demo use case '" + template.slug() + "' could not be seeded; the others are", e);
                }
            }
        }
        if (ledger.count(null, true) == 0) {
            LOG.info("Empty database: a first device check as demo data");
            launcher.launch("system", 128, 1);
        }
    }

    /** Device checks of nodes that stopped answering end as failed (a check takes seconds: it is not worth resuming). */
    @Schedule(hour = "*", minute = "*", second = "*/15", persistent = false)
    void abandonChecksOfLostNodes() {
        ledger.abandon(leases.alive(), false);
    }

    @PreDestroy
    void stop() {
        Numerics.shutdown();
    }
}
