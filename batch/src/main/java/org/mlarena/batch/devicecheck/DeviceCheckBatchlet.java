package org.mlarena.batch.devicecheck;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.numerics.DeviceCheck;
import org.mlarena.numerics.Numerics;
import org.mlarena.settings.Settings;

/**
 * Runs {@link DeviceCheck} and leaves its {@link DeviceCheck.Report} in the job context's transient user
 * data for the job listener. Fails the step when the device's result differs from the reference, or when
 * OpenCL is required ({@code arena.numerics.require-opencl=true}) and the kernel did not run on OpenCL.
 */
@Named
@Dependent
public class DeviceCheckBatchlet extends AbstractBatchlet {

    public static final String JOB_NAME = "device-check";
    public static final String REQUIRE_OPENCL_PROPERTY = "arena.numerics.require-opencl";
    /** Prefix of the job's exit status when the check failed; the message follows it. */
    public static final String FAILED_PREFIX = "FAILED: ";

    @Inject
    JobContext jobContext;

    @Inject
    @BatchProperty
    String size;

    @Inject
    @BatchProperty
    String seed;

    @Override
    public String process() {
        try {
            return check();
        } catch (RuntimeException e) {
            String message = e instanceof NumberFormatException
                    ? "size and seed must be whole numbers: " + e.getMessage() : e.getMessage();
            jobContext.setExitStatus(FAILED_PREFIX + (message == null ? e.toString() : message));
            throw e;
        }
    }

    private String check() {
        DeviceCheck.Report report = DeviceCheck.run(Numerics.get(), Integer.parseInt(size.trim()), Long.parseLong(seed.trim()));
        jobContext.setTransientUserData(report);
        if (!report.matches()) {
            throw new IllegalStateException(report.mismatches() + " of " + (report.size() * report.size())
                    + " elements differ from the plain-Java reference on " + report.ranOn().describe());
        }
        if (Boolean.parseBoolean(Settings.read(REQUIRE_OPENCL_PROPERTY, "false")) && !report.ranOn().isOpenCl()) {
            throw new IllegalStateException("OpenCL is required (" + REQUIRE_OPENCL_PROPERTY + "=true) but the kernel ran on "
                    + report.ranOn().describe() + "; selection: " + Numerics.get().selectionReason());
        }
        return "MATCHED";
    }
}
