package org.mlarena.pipeline.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.logging.Logger;

import org.mlarena.dataset.control.SplitLoader;
import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.evaluation.Direction;
import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.experiment.entity.ExperimentStatus;
import org.mlarena.numerics.Numerics;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.EarlyStopping;
import org.mlarena.numerics.nn.LayerSpec;
import org.mlarena.numerics.nn.Lbfgs;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.Optimizer;
import org.mlarena.numerics.nn.Preprocessing;
import org.mlarena.numerics.nn.RegressionData;
import org.mlarena.numerics.nn.Shape;
import org.mlarena.numerics.nn.Trainer;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.numerics.nn.WeightFile;
import org.mlarena.numerics.trees.TreeKernels;
import org.mlarena.settings.Settings;

/**
 * The training of one experiment, epoch by epoch, apart from where its figures are recorded ({@link Progress}).
 *
 * <p>Before each epoch it checks cancellation and the team's budget; after each it records the learning-curve point,
 * keeps the best epoch's weights as the model ({@link EarlyStopping}: the model file always holds the best epoch so
 * far) and stops once the validation score has not improved for the patience. A checkpoint (weights, optimiser state)
 * is written every {@value #DEFAULT_CHECKPOINT_SECONDS} seconds ({@link #CHECKPOINT_SECONDS}), on a stop and at the end:
 * a run that starts where a checkpoint exists continues from it, after a restart, a crash or a cancel, and trains
 * again the epochs after it. Each epoch's shuffle is seeded from the experiment's seed and the epoch number, so a
 * resumed run trains exactly the epochs an uninterrupted one would (L-BFGS, whose epoch is one iteration over all the
 * rows, resumes from the same weights with a new curvature history: a linear model reaches the same minimum).
 *
 * <p>The preprocessing ({@link Preprocessing}) is fitted on the training split when a run starts from scratch and then
 * belongs to the model: a resumed run takes the checkpoint's, a finetuning run the one of the model it starts from.
 */
public final class TrainingRun {

    /** Seconds between two checkpoints of a run (0: after every epoch); one is always written at the end. */
    public static final String CHECKPOINT_SECONDS = "arena.training.checkpoint-seconds";
    static final long DEFAULT_CHECKPOINT_SECONDS = 30;
    private static final Logger LOG = Logger.getLogger(TrainingRun.class.getName());

    /** Where a run's figures go and where it learns that it must stop. */
    public interface Progress {

        /** Cancellation, the batch runtime stopping the job, or the run taken over. */
        boolean stopRequested();

        /**
         * Another node runs this now (this one was taken for dead): stop without writing a checkpoint, which is the
         * other node's to write.
         */
        default boolean takenOver() {
            return false;
        }

        /** What the team may still spend, in FLOPs. */
        long budgetLeft();

        /** The run has its device and its preprocessing (described for people). */
        void started(String device, String preprocessing);

        /** @param bestEpoch the epoch whose weights the model file now holds: this one or an earlier one */
        void epochDone(int epoch, double trainingLoss, Evaluation.Figures validation, long flops, double seconds, int bestEpoch);

        /** A model whose size the plan could only bound (boosted trees) has its own: nodes, bytes, operations per row. */
        default void sized(int parameters, long bytes, long inferenceFlopsPerSample) {
        }
    }

    /** How a run ended, and what a person should know about it (or null). */
    public record Outcome(ExperimentStatus status, String reason) {
    }

    private final TrainingJob job;
    private final Path directory;
    private final Path checkpointFile;
    private final Path modelFile;
    private final Progress progress;

    public TrainingRun(TrainingJob job, Path directory, Progress progress) {
        this.job = job;
        this.directory = directory;
        this.checkpointFile = ModelFiles.checkpoint(directory);
        this.modelFile = ModelFiles.model(directory);
        this.progress = progress;
    }

    public Outcome run(Backend backend) throws InvalidDataException, IOException {
        if (BoostingRun.isTrees(job)) {
            // the trees take their own kernels on the backend's device; the network kernels are given back at once
            backend.close();
            try (TreeKernels kernels = Numerics.treeKernels(backend.device())) {
                return new BoostingRun(job, directory, progress, kernels).run();
            }
        }
        WeightFile.Saved checkpoint = checkpoint();
        WeightFile.Saved base = finetuned();
        List<List<String>> categories = categories(checkpoint, base);
        TrainingData rawTrain = load("train", categories);
        Metric metric = MetricRegistry.standard().get(job.metric());
        Optimizer constant = TrainingPlan.optimizer(job.optimizer(), job.learningRate(), job.weightDecay());
        // L-BFGS: an epoch is one iteration (one step) over all the rows; its curvature history starts afresh on a resume
        Lbfgs solver = job.byLbfgs() ? new Lbfgs((float) job.weightDecay()) : null;
        Files.createDirectories(modelFile.getParent());
        int stepsPerEpoch = solver != null ? 1 : (rawTrain.rows() + job.batchSize() - 1) / job.batchSize();
        int done = checkpoint == null ? 0 : Math.min(job.epochs(), checkpoint.epochs(stepsPerEpoch));
        if (done > job.epochsRecorded()) {
            // the records of the checkpoint's last epochs are missing (the database lost them): train again from the
            // start so that the learning curve is complete; the seeded epochs give the same figures again
            LOG.warning("Experiment " + job.experimentId() + ": the checkpoint holds " + done + " epochs but only " + job.epochsRecorded()
                    + " are recorded; training starts over");
            done = 0;
            checkpoint = null;
            if (!Objects.equals(categories, categories(null, base))) {
                categories = categories(null, base);
                rawTrain = load("train", categories);
            }
        }
        TrainingData rawValidation = load("validation", categories);
        Preprocessing preprocessing = checkpoint != null ? checkpoint.preprocessing() : base != null ? base.preprocessing() : fit(rawTrain);
        TrainingData train = preprocessing.apply(rawTrain, true);
        TrainingData validation = preprocessing.apply(rawValidation, false);
        long preprocessingFlops = preprocessing.flopsPerSample(0) * (rawTrain.rows() + (long) rawValidation.rows());
        EarlyStopping stopping = new EarlyStopping(job.patience(), job.minDelta(), EarlyStopping.Monitor.of(job.monitor()),
                metric.direction() != Direction.LOWER_IS_BETTER);
        for (TrainingJob.Recorded epoch : job.recorded()) {
            if (epoch.epoch() <= done) {
                stopping.observe(epoch.epoch(), epoch.score(), epoch.loss());
            }
        }
        if (done > 0 && stopping.bestEpoch() != modelEpoch(stepsPerEpoch)) {
            // the model file holds another epoch than the replayed best (it was written after the checkpoint)
            stopping.reset();
        }
        boolean stoppedEarly = stopping.shouldStop(done);
        int convergedAt = 0;
        long checkpointNanos = checkpointSeconds() * 1_000_000_000L;
        try (Network net = network(backend, train, checkpoint, base)) {
            progress.started(backend.device().describe(), preprocessing.describe(job.featureNames()) + beyondTheBag(net, train));
            long lastCheckpoint = System.nanoTime();
            for (int epoch = done + 1; epoch <= job.epochs() && !stoppedEarly && convergedAt == 0; epoch++) {
                Optimizer optimizer = constant != null && "cosine".equals(job.schedule())
                        ? constant.withLearningRate(Optimizer.cosine(constant.learningRate(), epoch, job.epochs())) : constant;
                if (progress.stopRequested()) {
                    if (!progress.takenOver()) {
                        WeightFile.save(net, preprocessing, checkpointFile, true);
                    }
                    return new Outcome(ExperimentStatus.CANCELLED, "Cancelled on request after epoch " + (epoch - 1) + " of " + job.epochs()
                            + "; a restart continues from there.");
                }
                // L-BFGS: one evaluation of the objective, the least an iteration takes (its line search may take more)
                long needed = epochFlops(net, train.rows(), job.batchSize(), optimizer) + net.inferenceFlopsPerSample() * validation.rows();
                long left = progress.budgetLeft();
                if (left < needed) {
                    WeightFile.save(net, preprocessing, checkpointFile, true);
                    return new Outcome(ExperimentStatus.BUDGET_EXHAUSTED, String.format(Locale.ROOT,
                            "Stopped before epoch %d: the team's compute budget has %.3f PFLOPs left and the epoch needs %.3f."
                                    + " The hosts can raise the budget; the trained epochs are kept.", epoch, left / 1e15, needed / 1e15));
                }
                long start = System.nanoTime();
                Trainer.Pass pass;
                if (solver != null) {
                    Lbfgs.Iteration iteration = solver.iterate(net, train);
                    pass = new Trainer.Pass(iteration.loss(), iteration.accuracy(), iteration.flops());
                    convergedAt = iteration.converged() ? epoch : 0;
                } else {
                    pass = Trainer.pass(net, train, job.batchSize(), optimizer, new SplittableRandom(job.seed() * 0x9E3779B97F4A7C15L + epoch));
                }
                if (!Double.isFinite(pass.loss())) {
                    return new Outcome(ExperimentStatus.FAILED, "The training diverged in epoch " + epoch + " (the loss is not a number);"
                            + " try a smaller learning rate.");
                }
                Predictions.Outputs outputs = Predictions.outputs(net, validation);
                preprocessing.restoreTargets(outputs.values());
                Evaluation.Figures figures = Evaluation.figures(outputs, validation, metric);
                if (stopping.observe(epoch, figures.score(), figures.loss())) {
                    WeightFile.save(net, preprocessing, modelFile, false);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double trainingLoss = train instanceof RegressionData ? preprocessing.targetLoss(pass.loss()) : pass.loss();
                long flops = pass.flops() + outputs.flops() + (epoch == done + 1 ? preprocessingFlops : 0);
                progress.epochDone(epoch, trainingLoss, figures, flops, seconds, stopping.bestEpoch());
                stoppedEarly = stopping.shouldStop(epoch);
                // every so many seconds rather than every epoch: writing a checkpoint can take longer than a short epoch
                if (!progress.takenOver() && (epoch == job.epochs() || stoppedEarly || convergedAt > 0
                        || System.nanoTime() - lastCheckpoint >= checkpointNanos)) {
                    WeightFile.save(net, preprocessing, checkpointFile, true);
                    lastCheckpoint = System.nanoTime();
                }
            }
            if (!Files.isRegularFile(modelFile)) {
                WeightFile.save(net, preprocessing, modelFile, false);
            }
        }
        return new Outcome(ExperimentStatus.COMPLETED, notice(stopping.bestEpoch(), stoppedEarly, convergedAt));
    }

    /**
     * For an embedding bag, how many training texts bring more ids (distinct words and word pairs) than it reads: said
     * with the preprocessing rather than lost in silence.
     */
    static String beyondTheBag(Network net, TrainingData train) {
        if (!(net.specs().get(0) instanceof LayerSpec.EmbeddingBag bag) || bag.entries() >= train.features()) {
            return "";
        }
        int beyond = bag.rowsBeyondEntries(train.inputs(), train.features());
        return beyond == 0 ? "" : String.format(Locale.ROOT, "; %,d of %,d training texts have more than %d distinct words and word pairs:"
                + " the embedding bag reads the first %d of each (raise its 'entries' to read more)", beyond, train.rows(), bag.entries(), bag.entries());
    }

    /** What a person should know about how the run ended: early, converged, or still improving. */
    String notice(int best, boolean stoppedEarly, int convergedAt) {
        String held = best > 0 && best < Math.max(convergedAt, job.epochs()) && !job.keepsLastEpoch()
                ? " The model holds epoch " + best + ", the best on the validation split." : "";
        if (convergedAt > 0) {
            return "L-BFGS converged at iteration " + convergedAt + " of " + job.epochs() + ": the training loss with its L2 penalty no longer"
                    + " decreases." + (best < convergedAt ? held : "");
        }
        if (job.byLbfgs()) {
            return "L-BFGS had not converged after " + job.epochs() + " iterations: more epochs may give a better model." + held;
        }
        if (job.keepsLastEpoch()) {
            return null;
        }
        if (stoppedEarly) {
            return "Stopped early after epoch " + (best + job.patience()) + " of " + job.epochs() + ": no better validation " + job.monitor()
                    + " for " + job.patience() + " epochs. The model holds epoch " + best + ", the best.";
        }
        if (best == job.epochs() && job.epochs() > 1) {
            return "The validation " + job.monitor() + " was still improving at the last epoch (" + best + "): more epochs or a higher learning rate"
                    + " may give a better model.";
        }
        return best > 0 && best < job.epochs() ? "The model holds epoch " + best + ", the best on the validation split." : null;
    }

    /**
     * The preprocessing a run from scratch fits on the training split: for tables, the imputation of missing values and
     * (unless switched off) standardisation.
     */
    private Preprocessing fit(TrainingData train) throws InvalidDataException {
        if (job.format() != DatasetFormat.CSV) {
            return Preprocessing.none(train.features());
        }
        return Preprocessing.fit(train.inputs(), train.features(), train instanceof RegressionData r ? r.targets() : null, job.standardize(),
                SplitLoader.categories(job.datasetDirectory(), job.featureNames()));
    }

    /**
     * What a table's categories are numbered by: the lists of the model a run continues (a checkpoint's, or the one it
     * finetunes), so that a category keeps its input; for a run from scratch the dataset's (null).
     */
    private List<List<String>> categories(WeightFile.Saved checkpoint, WeightFile.Saved base) {
        WeightFile.Saved model = checkpoint != null ? checkpoint : base;
        return model != null ? model.preprocessing().categories() : null;
    }

    static long checkpointSeconds() {
        String value = Settings.read(CHECKPOINT_SECONDS, Long.toString(DEFAULT_CHECKPOINT_SECONDS)).trim();
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(CHECKPOINT_SECONDS + " must be a whole number of seconds, 0 or more; it is '" + value + "'");
    }

    /** The epoch the model file holds, 0 when there is none or it cannot be read. */
    private int modelEpoch(int stepsPerEpoch) {
        if (!Files.isRegularFile(modelFile)) {
            return 0;
        }
        try {
            return WeightFile.load(modelFile).epochs(stepsPerEpoch);
        } catch (InvalidDataException e) {
            return 0;
        }
    }

    /** The weights a finetuning run starts from, or null for a run from scratch. */
    private WeightFile.Saved finetuned() throws InvalidDataException {
        if (job.finetuneWeights() == null) {
            return null;
        }
        if (!Files.isRegularFile(job.finetuneWeights())) {
            throw new IllegalStateException("the model it finetunes is missing (" + job.finetuneWeights().getFileName() + ")");
        }
        return WeightFile.load(job.finetuneWeights());
    }

    /**
     * The network: from the checkpoint when one exists, else freshly initialised with the leading layers it shares with the
     * model it finetunes (all of them for the same model and outputs, all but the output layer for other outputs) copied
     * from that model; then the frozen layers.
     */
    private Network network(Backend backend, TrainingData train, WeightFile.Saved checkpoint, WeightFile.Saved base) {
        int outputs = job.classNames().isEmpty() ? 1 : job.classNames().size();
        Network net;
        if (checkpoint != null) {
            net = new Network(checkpoint.input(), checkpoint.layers(), checkpoint.loss(), backend, job.batchSize());
            checkpoint.restoreInto(net, true);
        } else {
            net = ModelZoo.build(job.model(), job.hyperparameters(), inputShape(train), outputs, train.loss(), backend, job.batchSize());
            net.initialise(job.seed());
            if (base != null && base.transplant(net) == 0) {
                // the experiment checks it when created; a base changed since would train from scratch unnoticed
                throw new IllegalStateException("the model it finetunes shares no leading layer with this one");
            }
        }
        for (int layer = 0; layer < Math.min(job.frozenLayers(), net.layers() - 1); layer++) {
            net.freeze(layer, true);
        }
        return net;
    }

    private Shape inputShape(TrainingData data) {
        return job.imageShape() != null && job.imageShape()[0] > 0 ? new Shape(1, job.imageShape()[0], job.imageShape()[1]) : Shape.vector(data.features());
    }

    private TrainingData load(String split, List<List<String>> categories) throws InvalidDataException {
        return SplitLoader.load(job.datasetDirectory(), job.format(), job.targetColumn(), job.textColumn(), job.classNames(), job.imageShape(),
                split, job.buckets(), categories);
    }

    /** FLOPs of one training pass: full batches and the smaller last one. */
    static long epochFlops(Network net, int rows, int batchSize, Optimizer optimizer) {
        long full = rows / batchSize;
        int rest = rows % batchSize;
        return full * net.trainingFlops(batchSize, optimizer) + (rest == 0 ? 0 : net.trainingFlops(rest, optimizer));
    }

    /**
     * The last checkpoint, or null when there is none or it cannot be read (training then starts over). It is written
     * after the records of its epochs, so it never holds more than the records show; the epoch it holds follows from
     * the optimiser's step count.
     */
    private WeightFile.Saved checkpoint() {
        if (!Files.isRegularFile(checkpointFile)) {
            return null;
        }
        try {
            return WeightFile.load(checkpointFile);
        } catch (InvalidDataException e) {
            LOG.warning(() -> "The checkpoint of experiment " + job.experimentId() + " is unreadable (" + e.getMessage() + "); training starts over");
            return null;
        }
    }
}
