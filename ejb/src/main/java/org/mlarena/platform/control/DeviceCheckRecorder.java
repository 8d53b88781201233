package org.mlarena.platform.control;

import java.util.logging.Logger;

import jakarta.batch.api.listener.JobListener;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.batch.devicecheck.DeviceCheckBatchlet;
import org.mlarena.numerics.DeviceCheck;

/**
 * The job listener named by the batch module's {@code device-check.xml}: records the run's start and
 * its outcome (the batchlet's report in the transient user data, or the failure in the exit status).
 */
@Named("deviceCheckRecorder")
@Dependent
public class DeviceCheckRecorder implements JobListener {

    private static final Logger LOG = Logger.getLogger(DeviceCheckRecorder.class.getName());

    @Inject
    JobContext jobContext;

    @Inject
    DeviceCheckLedger ledger;

    @Override
    public void beforeJob() {
        ledger.started(runId(), jobContext.getExecutionId());
    }

    @Override
    public void afterJob() {
        DeviceCheck.Report report = jobContext.getTransientUserData() instanceof DeviceCheck.Report r ? r : null;
        String exit = jobContext.getExitStatus();
        String failure = exit != null && exit.startsWith(DeviceCheckBatchlet.FAILED_PREFIX)
                ? exit.substring(DeviceCheckBatchlet.FAILED_PREFIX.length()) : null;
        if (report == null && failure == null) {
            failure = "the job ended (" + jobContext.getBatchStatus() + ") without a report";
        }
        ledger.finished(runId(), report, failure);
        String outcome = failure == null ? "matched" : "failed: " + failure;
        LOG.info(() -> "Device check " + runId() + " " + outcome);
    }

    private long runId() {
        return Long.parseLong(BatchRuntime.getJobOperator().getParameters(jobContext.getExecutionId())
                .getProperty(DeviceCheckLauncher.RUN_ID));
    }
}
