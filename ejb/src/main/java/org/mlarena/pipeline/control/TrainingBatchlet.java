package org.mlarena.pipeline.control;

import java.io.IOException;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.accounting.EnergyMeter;
import org.mlarena.experiment.entity.ExperimentStatus;
import org.mlarena.numerics.Numerics;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.data.InvalidDataException;

/**
 * Trains one experiment as a batch job: a {@link TrainingRun} whose figures go to the database (retrying when they race
 * with a person's change) and whose energy is metered; the run's end is recorded whatever happens.
 */
@Named("trainingBatchlet")
@Dependent
public class TrainingBatchlet extends AbstractBatchlet {

    public static final String JOB_NAME = "training";
    public static final String PARAMETER = "experimentId";
    private static final Logger LOG = Logger.getLogger(TrainingBatchlet.class.getName());

    @Inject
    @BatchProperty
    String experimentId;

    @Inject
    PipelineRuns runs;

    @Inject
    JobContext jobContext;

    private volatile boolean stopRequested;

    @Override
    public String process() {
        long id = Long.parseLong(experimentId.trim());
        long execution = jobContext.getExecutionId();
        EnergyMeter meter = EnergyMeter.start();
        try {
            return train(id, execution, meter);
        } catch (InvalidDataException e) {
            end(id, execution, ExperimentStatus.FAILED, "The dataset could not be read: " + e.getMessage(), meter);
        } catch (IOException e) {
            end(id, execution, ExperimentStatus.FAILED, "The model files could not be written under the data directory: " + e, meter);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Training of experiment " + id + " failed", e);
            end(id, execution, ExperimentStatus.FAILED, "Training failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()), meter);
        }
        return ExperimentStatus.FAILED.name();
    }

    /** Records the end of the run with the energy it used, retrying when it races with a person's change. */
    private void end(long id, long execution, ExperimentStatus status, String reason, EnergyMeter meter) {
        EnergyMeter.Reading energy = meter.stop();
        Conflicts.retry(() -> runs.experimentEnded(id, execution, status, reason, energy));
    }

    @Override
    public void stop() {
        stopRequested = true;
    }

    private String train(long id, long execution, EnergyMeter meter) throws InvalidDataException, IOException {
        TrainingJob job = runs.trainingJob(id);
        TrainingRun.Progress progress = new TrainingRun.Progress() {
            /** What the last epoch's record read; before the first epoch, what the job read when it started. */
            private PipelineRuns.Standing standing = new PipelineRuns.Standing(false, job.budgetLeftFlops(), false);

            @Override
            public boolean stopRequested() {
                return stopRequested || standing.cancelRequested();
            }

            @Override
            public boolean takenOver() {
                return standing.takenOver();
            }

            @Override
            public long budgetLeft() {
                return standing.budgetLeftFlops();
            }

            @Override
            public void started(String device, String preprocessing) {
                if (!Conflicts.retry(() -> runs.ranOn(id, execution, device, preprocessing))) {
                    standing = PipelineRuns.Standing.TAKEN_OVER;
                }
            }

            @Override
            public void epochDone(int epoch, double trainingLoss, Evaluation.Figures validation, long flops, double seconds, int bestEpoch) {
                standing = Conflicts.retry(() -> runs.epochDone(id, execution, epoch, trainingLoss, validation, flops, seconds, bestEpoch));
                meter.sample();
            }

            @Override
            public void sized(int parameters, long bytes, long inferenceFlopsPerSample) {
                Conflicts.retry(() -> runs.sized(id, execution, parameters, bytes, inferenceFlopsPerSample));
            }
        };
        TrainingRun.Outcome outcome;
        // closed here too, whatever the run did with it: an undeploy waits for every open backend (Numerics.shutdown)
        try (Backend backend = Numerics.get().newBackend()) {
            outcome = new TrainingRun(job, ModelFiles.directory(id), progress).run(backend);
        }
        end(id, execution, outcome.status(), outcome.reason(), meter);
        return outcome.status().name();
    }
}
