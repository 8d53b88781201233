package org.mlarena.pipeline.control;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.logging.Logger;

import org.mlarena.dataset.control.SplitLoader;
import org.mlarena.evaluation.Direction;
import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.experiment.entity.ExperimentStatus;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.EarlyStopping;
import org.mlarena.numerics.nn.Preprocessing;
import org.mlarena.numerics.nn.RegressionData;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.numerics.trees.BoostedTrees;
import org.mlarena.numerics.trees.Boosting;
import org.mlarena.numerics.trees.Objective;
import org.mlarena.numerics.trees.Tree;
import org.mlarena.numerics.trees.TreeFile;
import org.mlarena.numerics.trees.TreeKernels;

/**
 * The training of a boosted-trees experiment ({@code gradient-boosting}), round by round: a round is an epoch of the
 * learning curve. As {@link TrainingRun} does for networks, it checks cancellation and the team's budget between rounds,
 * keeps the best round's trees as the model file ({@link EarlyStopping} on the validation loss or score), stops after
 * the patience, and writes a checkpoint (every tree so far) every so many seconds and at the end; a run that finds a
 * checkpoint boosts on from it, and a finetuning run boosts on from the model it finetunes. Boosting on gives the trees
 * an uninterrupted run would have grown.
 *
 * <p>The rows keep their numbers as they are, missing values included (a tree sends them the way that gains more);
 * categories are one-hot ({@link Preprocessing#forTrees}).
 */
final class BoostingRun {

    private static final Logger LOG = Logger.getLogger(BoostingRun.class.getName());

    private final TrainingJob job;
    private final Path checkpointFile;
    private final Path modelFile;
    private final TrainingRun.Progress progress;
    private final TreeKernels kernels;

    BoostingRun(TrainingJob job, Path directory, TrainingRun.Progress progress, TreeKernels kernels) {
        this.job = job;
        this.kernels = kernels;
        this.checkpointFile = ModelFiles.checkpoint(directory);
        this.modelFile = ModelFiles.model(directory);
        this.progress = progress;
    }

    TrainingRun.Outcome run() throws InvalidDataException, IOException {
        TreeFile.Saved base = finetuned();
        TreeFile.Saved checkpoint = checkpoint();
        int offset = base == null ? 0 : base.model().rounds();
        int done = checkpoint == null ? 0 : checkpoint.model().rounds() - offset;
        if (checkpoint != null && (done < 0 || done > job.epochsRecorded())) {
            LOG.warning("Experiment " + job.experimentId() + ": the checkpoint holds " + done + " rounds but " + job.epochsRecorded()
                    + " are recorded; boosting starts over");
            checkpoint = null;
            done = 0;
        }
        TreeFile.Saved from = checkpoint != null ? checkpoint : base;
        List<List<String>> categories = from == null ? null : from.preprocessing().categories();
        TrainingData rawTrain = load("train", categories);
        TrainingData rawValidation = load("validation", categories);
        Preprocessing preprocessing = from != null ? from.preprocessing()
                : Preprocessing.forTrees(rawTrain.inputs(), rawTrain.features(), SplitLoader.categories(job.datasetDirectory(), job.featureNames()));
        TrainingData train = preprocessing.apply(rawTrain, false);
        TrainingData validation = preprocessing.apply(rawValidation, false);
        int classes = train instanceof ClassificationData c ? c.classes() : 0;
        Metric metric = MetricRegistry.standard().get(job.metric());
        EarlyStopping stopping = new EarlyStopping(job.patience(), job.minDelta(), EarlyStopping.Monitor.of(job.monitor()),
                metric.direction() != Direction.LOWER_IS_BETTER);
        for (TrainingJob.Recorded epoch : job.recorded()) {
            if (epoch.epoch() <= done) {
                stopping.observe(epoch.epoch(), epoch.score(), epoch.loss());
            }
        }
        if (done > 0 && stopping.bestEpoch() != modelRounds() - offset) {
            // the model file holds another round than the replayed best (it was written after the checkpoint)
            stopping.reset();
        }
        progress.started(kernels.device(), preprocessing.describe(job.featureNames()));
        BoostedTrees start = from == null ? null : from.model();
        Objective objective = Objective.of(classes);
        double[] targets = train.targetValues();
        double[] baseline = start != null ? start.baseline() : objective.baseline(targets, classes);
        int outputs = objective.outputs(classes);
        List<Tree> trees = new ArrayList<>(start == null ? List.of() : start.trees());
        double[] validationRaw = start != null ? start.predict(validation.inputs(), validation.rows(), kernels).raw() : repeat(baseline, validation.rows());
        long preprocessingFlops = preprocessing.flopsPerSample(0) * (rawTrain.rows() + (long) rawValidation.rows());
        Boosting.Settings settings = Boosting.settings(job.hyperparameters(), job.learningRate(), offset + job.epochs());
        long checkpointNanos = TrainingRun.checkpointSeconds() * 1_000_000_000L;
        long[] lastCheckpoint = {System.nanoTime()};
        long[] roundStart = {System.nanoTime()};
        String[] stopped = {null};
        boolean[] stoppedEarly = {stopping.shouldStop(done)};
        int firstRound = offset + done + 1;
        if (!stoppedEarly[0] && done < job.epochs()) {
            String before = stopReason(done + 1, Long.MAX_VALUE);
            if (before != null) {
                stopped[0] = before;
            } else {
                try {
                    boost(train, targets, classes, settings, start, (round, added, trainingLoss, unused, operations) -> {
                    int epoch = round - offset;
                    trees.addAll(added);
                    long validationOperations = kernels.predict(added, validation.inputs(), validation.rows(), validation.features(), outputs,
                            validationRaw);
                    Predictions.Outputs predicted = Predictions.outputs(model(objective, train.features(), outputs, baseline, trees, round),
                            validationRaw, validation.rows(), validationOperations);
                    Evaluation.Figures figures = Evaluation.figures(predicted, validation, metric);
                    boolean better = stopping.observe(epoch, figures.score(), figures.loss());
                    try {
                        if (better) {
                            save(model(objective, train.features(), outputs, baseline, trees, round), preprocessing, modelFile);
                        }
                        long flops = operations + validationOperations + (round == firstRound ? preprocessingFlops : 0);
                        double seconds = (System.nanoTime() - roundStart[0]) / 1e9;
                        // the loss of scikit-learn's squared error is half the mean square; the curves show the mean square
                        progress.epochDone(epoch, objective == Objective.SQUARED_ERROR ? 2 * trainingLoss : trainingLoss, figures, flops, seconds,
                                stopping.bestEpoch());
                        stoppedEarly[0] = stopping.shouldStop(epoch);
                        stopped[0] = epoch < job.epochs() && !stoppedEarly[0] ? stopReason(epoch + 1, flops) : null;
                        boolean last = epoch == job.epochs() || stoppedEarly[0] || stopped[0] != null;
                        if (!progress.takenOver() && (last || System.nanoTime() - lastCheckpoint[0] >= checkpointNanos)) {
                            save(model(objective, train.features(), outputs, baseline, trees, round), preprocessing, checkpointFile);
                            lastCheckpoint[0] = System.nanoTime();
                        }
                        roundStart[0] = System.nanoTime();
                        return !last;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    });
                } catch (java.io.UncheckedIOException e) {
                    throw e.getCause();
                }
            }
        }
        if (!Files.isRegularFile(modelFile)) {
            save(model(objective, train.features(), outputs, baseline, trees, offset + done), preprocessing, modelFile);
        }
        TreeFile.Saved best = TreeFile.load(modelFile);
        BoostedTrees.Prediction sized = best.model().predict(validation.inputs(), validation.rows(), kernels);
        progress.sized(best.model().nodes(), best.model().bytes(),
                (sized.operations() + preprocessing.flopsPerSample(0) * (long) validation.rows()) / Math.max(1, validation.rows()));
        if (stopped[0] != null) {
            return new TrainingRun.Outcome(stopped[0].startsWith("Cancelled") ? ExperimentStatus.CANCELLED : ExperimentStatus.BUDGET_EXHAUSTED,
                    stopped[0]);
        }
        return new TrainingRun.Outcome(ExperimentStatus.COMPLETED, notice(stopping.bestEpoch(), stoppedEarly[0]));
    }

    /**
     * Why the next round must not run, or null: a cancel, or a budget smaller than what the last round cost.
     *
     * @param lastRound what the last round cost (Long.MAX_VALUE before the first: only a cancel stops it then)
     */
    private String stopReason(int round, long lastRound) {
        if (progress.stopRequested()) {
            return "Cancelled on request before round " + round + " of " + job.epochs() + "; a restart boosts on from there.";
        }
        long left = progress.budgetLeft();
        if (lastRound != Long.MAX_VALUE && left < lastRound) {
            return String.format(Locale.ROOT, "Stopped before round %d: the team's compute budget has %.6f PFLOPs left and a round needs"
                    + " about %.6f. The hosts can raise the budget; the rounds boosted are kept.", round, left / 1e15, lastRound / 1e15);
        }
        return null;
    }

    private String notice(int best, boolean stoppedEarly) {
        if (job.keepsLastEpoch()) {
            return null;
        }
        if (stoppedEarly) {
            return "Stopped early after round " + (best + job.patience()) + " of " + job.epochs() + ": no better validation " + job.monitor()
                    + " for " + job.patience() + " rounds. The model holds the first " + best + " rounds, the best.";
        }
        if (best == job.epochs() && job.epochs() > 1) {
            return "The validation " + job.monitor() + " was still improving at the last round (" + best + "): more rounds or a higher"
                    + " learning rate may give a better model.";
        }
        return best > 0 && best < job.epochs() ? "The model holds the first " + best + " rounds, the best on the validation split." : null;
    }

    private void boost(TrainingData train, double[] targets, int classes, Boosting.Settings settings, BoostedTrees start,
                       Boosting.Rounds rounds) {
        Boosting.fit(train.inputs(), targets, train.features(), classes, null, null, settings, rounds, start, kernels);
    }

    private static BoostedTrees model(Objective objective, int features, int outputs, double[] baseline, List<Tree> trees, int rounds) {
        return new BoostedTrees(objective, features, outputs, baseline, List.copyOf(trees.subList(0, rounds * outputs)), rounds, rounds, 0);
    }

    private static void save(BoostedTrees model, Preprocessing preprocessing, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        TreeFile.save(model, preprocessing, file);
    }

    private static double[] repeat(double[] baseline, int rows) {
        double[] raw = new double[rows * baseline.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(baseline, 0, raw, r * baseline.length, baseline.length);
        }
        return raw;
    }

    /** The rounds the model file holds, 0 when there is none or it cannot be read. */
    private int modelRounds() {
        try {
            return Files.isRegularFile(modelFile) ? TreeFile.load(modelFile).model().rounds() : 0;
        } catch (InvalidDataException e) {
            return 0;
        }
    }

    private TreeFile.Saved finetuned() throws InvalidDataException {
        if (job.finetuneWeights() == null) {
            return null;
        }
        if (!Files.isRegularFile(job.finetuneWeights())) {
            throw new IllegalStateException("the model it finetunes is missing (" + job.finetuneWeights().getFileName() + ")");
        }
        return TreeFile.load(job.finetuneWeights());
    }

    private TreeFile.Saved checkpoint() {
        if (!Files.isRegularFile(checkpointFile)) {
            return null;
        }
        try {
            return TreeFile.load(checkpointFile);
        } catch (InvalidDataException e) {
            LOG.warning(() -> "The checkpoint of experiment " + job.experimentId() + " is unreadable (" + e.getMessage() + "); boosting starts over");
            return null;
        }
    }

    private TrainingData load(String split, List<List<String>> categories) throws InvalidDataException {
        return SplitLoader.load(job.datasetDirectory(), job.format(), job.targetColumn(), job.textColumn(), job.classNames(), job.imageShape(),
                split, job.buckets(), categories);
    }

    static boolean isTrees(TrainingJob job) {
        return Objects.equals(job.model(), org.mlarena.numerics.nn.ModelZoo.GRADIENT_BOOSTING);
    }
}
