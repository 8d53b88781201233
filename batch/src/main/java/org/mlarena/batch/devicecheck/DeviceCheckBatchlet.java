package org.mlarena.batch.devicecheck;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.numerics.DeviceCheck;
import org.mlarena.numerics.Numerics;

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
        DeviceCheck.Report report = DeviceCheck.run(Numerics.get(), Integer.parseInt(size.trim()), Long.parseLong(seed.trim()));
        jobContext.setTransientUserData(report);
        if (!report.matches()) {
            throw new IllegalStateException(report.mismatches() + " of " + (report.size() * report.size())
                    + " elements differ from the plain-Java reference on " + report.ranOn().describe());
        }
        if (Boolean.parseBoolean(Numerics.setting(REQUIRE_OPENCL_PROPERTY)) && !report.ranOn().isOpenCl()) {
            throw new IllegalStateException("OpenCL is required (" + REQUIRE_OPENCL_PROPERTY + "=true) but the kernel ran on "
                    + report.ranOn().describe() + "; selection: " + Numerics.get().selectionReason());
        }
        return "MATCHED";
    }
}
