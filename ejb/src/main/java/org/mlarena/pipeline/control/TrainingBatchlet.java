package org.mlarena.pipeline.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
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
import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.experiment.entity.ExperimentStatus;
import org.mlarena.numerics.Numerics;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.LayerSpec;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.Optimizer;
import org.mlarena.numerics.nn.Shape;
import org.mlarena.numerics.nn.Trainer;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.numerics.nn.WeightFile;

/**
 * Trains one experiment, epoch by epoch: before each epoch it checks cancellation and the team's budget; after each
 * it records the learning-curve point (validation loss and metrics) and then writes a checkpoint (weights, optimiser
 * state, epoch). A run that starts where a checkpoint exists continues from it: after a restart, a crash or a
 * cancel. Each epoch's shuffle is seeded from the experiment's seed and the epoch number, so a resumed run trains
 * exactly the epochs an uninterrupted one would.
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
        EnergyMeter meter = EnergyMeter.start();
        try {
            return train(id, meter);
        } catch (InvalidDataException e) {
            end(id, ExperimentStatus.FAILED, "The dataset could not be read: " + e.getMessage(), meter);
        } catch (IOException e) {
            end(id, ExperimentStatus.FAILED, "The model files could not be written under the data directory: " + e, meter);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Training of experiment " + id + " failed", e);
            end(id, ExperimentStatus.FAILED, "Training failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()), meter);
        }
        return ExperimentStatus.FAILED.name();
    }

    /** Records the end of the run with the energy it used, retrying when it races with a person's change. */
    private void end(long id, ExperimentStatus status, String reason, EnergyMeter meter) {
        EnergyMeter.Reading energy = meter.stop();
        Conflicts.retry(() -> runs.experimentEnded(id, status, reason, energy));
    }

    @Override
    public void stop() {
        stopRequested = true;
    }

    private String train(long id, EnergyMeter meter) throws InvalidDataException, IOException {
        TrainingJob job = runs.trainingJob(id);
        TrainingData train = load(job, "train");
        TrainingData validation = load(job, "validation");
        Metric metric = MetricRegistry.standard().get(job.metric());
        Optimizer optimizer = TrainingPlan.optimizer(job.optimizer(), job.learningRate(), job.weightDecay());
        Files.createDirectories(ModelFiles.directory(id));
        int stepsPerEpoch = (train.rows() + job.batchSize() - 1) / job.batchSize();
        WeightFile.Saved checkpoint = checkpoint(id);
        int done = checkpoint == null ? 0 : Math.min(job.epochs(), checkpoint.step() / stepsPerEpoch);
        if (done > job.epochsRecorded()) {
            // the records of the checkpoint's last epochs are missing (the database lost them): train again from the
            // start so that the learning curve is complete; the seeded epochs give the same figures again
            LOG.warning("Experiment " + id + ": the checkpoint holds " + done + " epochs but only " + job.epochsRecorded()
                    + " are recorded; training starts over");
            done = 0;
            checkpoint = null;
        }
        Backend backend = Numerics.get().newBackend();
        try (Network net = network(job, backend, train, done > 0 ? checkpoint : null)) {
            Conflicts.retry(() -> runs.ranOn(id, jobContext.getExecutionId(), backend.device().describe()));
            for (int next = done + 1; next <= job.epochs(); next++) {
                int epoch = next;
                if (stopRequested || runs.cancelRequested(id)) {
                    end(id, ExperimentStatus.CANCELLED, "Cancelled on request after epoch " + (epoch - 1) + " of " + job.epochs()
                            + "; a restart continues from there.", meter);
                    return ExperimentStatus.CANCELLED.name();
                }
                long needed = epochFlops(net, train.rows(), job.batchSize(), optimizer) + net.inferenceFlopsPerSample() * validation.rows();
                long left = runs.budgetLeft(id);
                if (left < needed) {
                    end(id, ExperimentStatus.BUDGET_EXHAUSTED, String.format(java.util.Locale.ROOT,
                            "Stopped before epoch %d: the team's compute budget has %.3f PFLOPs left and the epoch needs %.3f."
                                    + " The hosts can raise the budget; the trained epochs are kept.", epoch, left / 1e15, needed / 1e15), meter);
                    return ExperimentStatus.BUDGET_EXHAUSTED.name();
                }
                long start = System.nanoTime();
                Trainer.Pass pass = Trainer.pass(net, train, job.batchSize(), optimizer, new SplittableRandom(job.seed() * 0x9E3779B97F4A7C15L + epoch));
                if (!Double.isFinite(pass.loss())) {
                    end(id, ExperimentStatus.FAILED, "The training diverged in epoch " + epoch + " (the loss is not a number);"
                            + " try a smaller learning rate.", meter);
                    return ExperimentStatus.FAILED.name();
                }
                Predictions.Outputs outputs = Predictions.outputs(net, validation);
                Evaluation.Figures figures = Evaluation.figures(outputs, validation, metric);
                double seconds = (System.nanoTime() - start) / 1e9;
                Conflicts.retry(() -> runs.epochDone(id, epoch, pass.loss(), figures, pass.flops() + outputs.flops(), seconds));
                WeightFile.save(net, ModelFiles.checkpoint(id), true);
                meter.sample();
            }
            WeightFile.save(net, ModelFiles.model(id), false);
        }
        end(id, ExperimentStatus.COMPLETED, null, meter);
        return ExperimentStatus.COMPLETED.name();
    }

    /**
     * The network: from the checkpoint when one exists, else from the weights it finetunes (all of them for the same
     * number of outputs, all but the output layer otherwise), else freshly initialised; then the frozen layers.
     */
    private static Network network(TrainingJob job, Backend backend, TrainingData train, WeightFile.Saved checkpoint) throws InvalidDataException {
        Shape input = inputShape(job, train);
        int outputs = job.classNames().isEmpty() ? 1 : job.classNames().size();
        Network net;
        if (checkpoint != null) {
            net = new Network(checkpoint.input(), checkpoint.layers(), checkpoint.loss(), backend, job.batchSize());
            checkpoint.restoreInto(net, true);
        } else if (job.finetuneWeights() != null) {
            if (!Files.isRegularFile(job.finetuneWeights())) {
                throw new IllegalStateException("the model it finetunes is missing (" + job.finetuneWeights().getFileName() + ")");
            }
            WeightFile.Saved base = WeightFile.load(job.finetuneWeights());
            boolean sameOutputs = base.layers().get(base.layers().size() - 1) instanceof LayerSpec.Dense last && last.outputs() == outputs;
            if (sameOutputs) {
                // the same task: every layer starts from the trained weights (the optimiser's state starts afresh)
                net = new Network(base.input(), base.layers(), base.loss(), backend, job.batchSize());
                base.restoreInto(net, false);
            } else {
                // another number of classes: a new output layer on the trained ones
                net = base.finetune(outputs, backend, job.batchSize(), job.seed());
            }
        } else {
            net = ModelZoo.build(job.model(), job.hyperparameters(), input, outputs, backend, job.batchSize());
            net.initialise(job.seed());
        }
        for (int layer = 0; layer < Math.min(job.frozenLayers(), net.layers() - 1); layer++) {
            net.freeze(layer, true);
        }
        return net;
    }

    static Shape inputShape(TrainingJob job, TrainingData data) {
        return job.imageShape() != null && job.imageShape()[0] > 0 ? new Shape(1, job.imageShape()[0], job.imageShape()[1]) : Shape.vector(data.features());
    }

    private static TrainingData load(TrainingJob job, String split) throws InvalidDataException {
        return SplitLoader.load(job.datasetDirectory(), job.format(), job.targetColumn(), job.textColumn(), job.classNames(), job.imageShape(),
                split, job.buckets());
    }

    /** FLOPs of one training pass: full batches and the smaller last one. */
    static long epochFlops(Network net, int rows, int batchSize, Optimizer optimizer) {
        long full = rows / batchSize;
        int rest = rows % batchSize;
        return full * net.trainingFlops(batchSize, optimizer) + (rest == 0 ? 0 : net.trainingFlops(rest, optimizer));
    }

    /**
     * The checkpoint of the last finished epoch, or null when there is none or it cannot be read (training then starts
     * over). It is written atomically after the epoch's record, so it never holds more than the record shows; the
     * epoch it holds follows from the optimiser's step count.
     */
    private static WeightFile.Saved checkpoint(long id) {
        Path file = ModelFiles.checkpoint(id);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return WeightFile.load(file);
        } catch (InvalidDataException e) {
            LOG.warning(() -> "The checkpoint of experiment " + id + " is unreadable (" + e.getMessage() + "); training starts over");
            return null;
        }
    }
}
