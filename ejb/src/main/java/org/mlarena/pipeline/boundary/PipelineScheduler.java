package org.mlarena.pipeline.boundary;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.annotation.PostConstruct;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.ejb.AccessTimeout;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;

import org.mlarena.dataset.control.DatasetImported;
import org.mlarena.experiment.control.ExperimentQueued;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.pipeline.control.NodeLeases;
import org.mlarena.pipeline.control.PipelineJobEnded;
import org.mlarena.pipeline.control.PipelineRuns;
import org.mlarena.pipeline.control.ProfileBatchlet;
import org.mlarena.pipeline.control.ScoringBatchlet;
import org.mlarena.pipeline.control.TrainingBatchlet;
import org.mlarena.settings.Settings;
import org.mlarena.submission.control.SubmissionQueued;
import org.mlarena.submission.entity.Submission;

/**
 * The queue of the pipelines, on each node of a cluster: starts training and scoring jobs as this node's slots free up
 * ({@value #TRAININGS} training jobs at once, default 1 for a small machine; {@value #SCORINGS} scoring jobs, default
 * 1), claimed from the queue every node shares, fair between teams (see {@link PipelineRuns#claimExperiment()}). It
 * reacts to new runs after their transaction commits and to jobs that end, and every 5 seconds it renews this node's
 * lease ({@link NodeLeases}), takes back the runs of nodes whose lease ran out, looks for its jobs that died without
 * recording their end or ran past {@value #TIMEOUT_MINUTES} (default 240 minutes) and ends them with a clear reason,
 * and claims what waits (runs queued through another node included). After a start, runs this node left RUNNING go
 * back to the queue and continue from their checkpoints, on whichever node claims them.
 */
@Singleton
@Startup
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
// a new run's event waits for the lock rather than being lost: at a demo start, imports, queued runs and ending jobs
// arrive together and one dispatch can hold the lock for longer than the default 5 seconds
@AccessTimeout(value = 2, unit = TimeUnit.MINUTES)
public class PipelineScheduler {

    public static final String TRAININGS = "arena.pipeline.trainings";
    public static final String SCORINGS = "arena.pipeline.scorings";
    public static final String TIMEOUT_MINUTES = "arena.pipeline.timeout-minutes";
    private static final Logger LOG = Logger.getLogger(PipelineScheduler.class.getName());

    @Inject
    PipelineRuns runs;

    @Inject
    NodeLeases leases;

    @PostConstruct
    void start() {
        leases.joined();
        runs.pendingProfiles(leases.alive(), true).forEach(this::profile);
        int interrupted = runs.recover();
        if (interrupted > 0) {
            LOG.info(() -> interrupted + " runs were interrupted by the last shutdown; they are queued again");
        }
        dispatch();
    }

    public void experimentQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) ExperimentQueued queued) {
        dispatch();
    }

    public void submissionQueued(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubmissionQueued queued) {
        dispatch();
    }

    /** Profiles are light (one pass over the data): each import gets its job at once, outside the training slots. */
    public void datasetImported(@Observes(during = TransactionPhase.AFTER_SUCCESS) DatasetImported imported) {
        profile(imported.datasetId());
    }

    private void profile(long datasetId) {
        runs.profiling(datasetId);
        Properties parameters = new Properties();
        parameters.setProperty(ProfileBatchlet.PARAMETER, Long.toString(datasetId));
        try {
            BatchRuntime.getJobOperator().start(ProfileBatchlet.JOB_NAME, parameters);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "The profile job of dataset " + datasetId + " could not be started", e);
        }
    }

    @Schedule(hour = "*", minute = "*", second = "*/5", persistent = false)
    public void watch() {
        leases.renew();
        Set<String> alive = leases.alive();
        runs.pendingProfiles(alive, false).forEach(this::profile);
        int takenBack = runs.takeBack(alive);
        if (takenBack > 0) {
            LOG.info(() -> takenBack + " runs of nodes that stopped answering (lease " + leases.lease().toSeconds() + " s) are queued again");
        }
        reap(Experiment.class);
        reap(Submission.class);
        dispatch();
    }

    public void jobEnded(@Observes PipelineJobEnded ended) {
        dispatch();
    }

    /** Starts queued runs while slots are free. */
    public void dispatch() {
        fill(Experiment.class, slots(TRAININGS), runs::claimExperiment, TrainingBatchlet.JOB_NAME, TrainingBatchlet.PARAMETER,
                id -> runs.endedWithoutRecord(Experiment.class, id, null, "The training job could not be started; see the server log."));
        fill(Submission.class, slots(SCORINGS), runs::claimSubmission, ScoringBatchlet.JOB_NAME, ScoringBatchlet.PARAMETER,
                id -> runs.endedWithoutRecord(Submission.class, id, null, "The scoring job could not be started; see the server log."
                        + " This submission does not count against the daily limit."));
    }

    private void fill(Class<?> kind, int slots, Supplier<Optional<Long>> claim, String jobName, String parameter, LongConsumer failed) {
        JobOperator jobs = BatchRuntime.getJobOperator();
        while (runs.running(kind) < slots) {
            Optional<Long> next = claim.get();
            if (next.isEmpty()) {
                return;
            }
            long id = next.get();
            Properties parameters = new Properties();
            parameters.setProperty(parameter, Long.toString(id));
            try {
                // the job records its execution id itself: a second writer here would race with it
                jobs.start(jobName, parameters);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The " + jobName + " job of " + id + " could not be started", e);
                failed.accept(id);
            }
        }
    }

    /** Ends runs whose job is over without having recorded it, or that ran past the time limit. */
    private void reap(Class<?> kind) {
        JobOperator jobs = BatchRuntime.getJobOperator();
        Duration limit = Duration.ofMinutes(Long.parseLong(Settings.read(TIMEOUT_MINUTES, "240").trim()));
        for (Map.Entry<Long, Long> run : runs.runningExecutions(kind).entrySet()) {
            JobExecution execution;
            try {
                execution = jobs.getJobExecution(run.getValue());
            } catch (RuntimeException e) {
                runs.endedWithoutRecord(kind, run.getKey(), run.getValue(), "Its job execution " + run.getValue() + " is unknown to the batch runtime.");
                continue;
            }
            BatchStatus status = execution.getBatchStatus();
            boolean over = status == BatchStatus.COMPLETED || status == BatchStatus.FAILED || status == BatchStatus.STOPPED
                    || status == BatchStatus.ABANDONED;
            if (over) {
                runs.endedWithoutRecord(kind, run.getKey(), run.getValue(), "Its job ended (" + status + ") without recording a result; see the server log.");
            } else if (execution.getStartTime() != null
                    && execution.getStartTime().toInstant().plus(limit).isBefore(java.time.Instant.now())) {
                try {
                    jobs.stop(run.getValue());
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "could not stop job execution " + run.getValue(), e);
                }
                runs.endedWithoutRecord(kind, run.getKey(), run.getValue(), "Stopped after running longer than " + limit.toMinutes() + " minutes ("
                        + TIMEOUT_MINUTES + ").");
            }
        }
    }

    static int slots(String setting) {
        String value = Settings.read(setting, "1").trim();
        try {
            int slots = Integer.parseInt(value);
            if (slots >= 1 && slots <= 64) {
                return slots;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(setting + " must be a whole number from 1 to 64 (jobs running at once), got '" + value + "'");
    }
}
