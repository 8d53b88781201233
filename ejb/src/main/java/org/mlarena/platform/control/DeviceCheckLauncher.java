package org.mlarena.platform.control;

import java.util.Properties;

import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.JobStartException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

import org.mlarena.batch.devicecheck.DeviceCheckBatchlet;
import org.mlarena.platform.entity.DeviceCheckRun;

/**
 * Stores a device-check run, then starts its batch job. Must be called without a transaction: the run
 * is committed before the job starts, so the job's listener always finds it.
 */
@Dependent
public class DeviceCheckLauncher {

    public static final String RUN_ID = "runId";

    @Inject
    DeviceCheckLedger ledger;

    public DeviceCheckRun launch(String requestedBy, int size, long seed) {
        DeviceCheckRun run = ledger.create(requestedBy, size, seed);
        Properties parameters = new Properties();
        parameters.setProperty(RUN_ID, Long.toString(run.getId()));
        parameters.setProperty("size", Integer.toString(size));
        parameters.setProperty("seed", Long.toString(seed));
        JobOperator jobs = BatchRuntime.getJobOperator();
        try {
            // the job's listener records the execution id and the start: no second writer here
            jobs.start(DeviceCheckBatchlet.JOB_NAME, parameters);
        } catch (JobStartException | JobSecurityException e) {
            ledger.finished(run.getId(), null, "The batch job could not be started: " + e.getMessage());
        }
        return ledger.find(run.getId()).orElse(run);
    }
}
