package org.mlarena.pipeline.control;

import java.io.IOException;
import java.nio.file.Files;
import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.mlarena.dataset.control.SplitLoader;
import org.mlarena.accounting.EnergyMeter;
import org.mlarena.evaluation.Bootstrap;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.numerics.Numerics;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.submission.control.PredictionFile;
import org.mlarena.submission.entity.SubmissionStatus;

/**
 * Scores one submission: the experiment's trained model predicts the hidden test set, and the use case's metric is
 * computed on its public and its private part, each with a bootstrap confidence interval. Nothing of the test labels
 * leaves this job but the scores.
 */
@Named("scoringBatchlet")
@Dependent
public class ScoringBatchlet extends AbstractBatchlet {

    public static final String JOB_NAME = "scoring";
    public static final String PARAMETER = "submissionId";
    /** Rows per forward pass when predicting. */
    static final int BATCH = 256;
    private static final Logger LOG = Logger.getLogger(ScoringBatchlet.class.getName());

    @Inject
    @BatchProperty
    String submissionId;

    @Inject
    PipelineRuns runs;

    @Inject
    JobContext jobContext;

    @Override
    public String process() {
        long id = Long.parseLong(submissionId.trim());
        EnergyMeter meter = EnergyMeter.start();
        try {
            ScoringJob job = runs.scoringJob(id);
            long execution = jobContext.getExecutionId();
            if (!Conflicts.retry(() -> runs.submissionAttached(id, execution))) {
                return "TAKEN_OVER";
            }
            if (!Files.isRegularFile(job.weights())) {
                runs.submissionFailed(id, execution, "The trained model of experiment " + job.experimentId() + " is missing from the data directory;"
                        + " train it again and resubmit. This submission does not count against the daily limit.");
                return SubmissionStatus.FAILED.name();
            }
            // the model's own preprocessing, as fitted on the training split: the test rows never change it; its
            // categories number the test rows' (a category it never saw reads as none)
            TrainedModel saved = TrainedModel.load(job.weights());
            TrainingData test = SplitLoader.load(job.datasetDirectory(), job.format(), job.targetColumn(), job.textColumn(), job.classNames(),
                    job.imageShape(), "test", job.buckets(), saved.categories());
            Predictions.Outputs outputs;
            String device;
            // closed here too, whatever the model did with it: an undeploy waits for every open backend (Numerics.shutdown)
            try (Backend backend = Numerics.get().newBackend()) {
                outputs = saved.predict(test, backend, BATCH);
                device = backend.device().describe();
            }
            Evaluation.Scores scores = Evaluation.score(outputs, test, MetricRegistry.standard().get(job.metric()), job.publicFraction(),
                    job.splitSeed(), Bootstrap.DEFAULT_RESAMPLES, job.bootstrapSeed());
            // kept for hosts and for reproductions: the outputs as computed, and their digest
            String sha256 = PredictionFile.write(job.predictions(), outputs.values(), outputs.rows(), outputs.columns());
            PredictionFile.Comparison comparison = job.originalPredictions() == null || !Files.isRegularFile(job.originalPredictions()) ? null
                    : PredictionFile.compare(PredictionFile.read(job.originalPredictions()),
                            new PredictionFile.Outputs(outputs.values(), outputs.rows(), outputs.columns()));
            Conflicts.retry(() -> runs.scored(id, execution, scores, outputs.flops(), meter.stop(), sha256, device, comparison));
            return SubmissionStatus.SCORED.name();
        } catch (IOException e) {
            Conflicts.retry(() -> runs.submissionFailed(id, jobContext.getExecutionId(), "The predictions could not be stored under the data directory: " + e.getMessage()
                    + ". This submission does not count against the daily limit."));
        } catch (InvalidDataException e) {
            Conflicts.retry(() -> runs.submissionFailed(id, jobContext.getExecutionId(), "The model or the test set could not be read: " + e.getMessage() + ". This submission does not count against the daily limit."));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Scoring of submission " + id + " failed", e);
            Conflicts.retry(() -> runs.submissionFailed(id, jobContext.getExecutionId(), "Scoring failed: " + (e.getMessage() == null ? e.toString() : e.getMessage())
                    + ". This submission does not count against the daily limit."));
        }
        return SubmissionStatus.FAILED.name();
    }
}
