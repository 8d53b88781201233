package org.mlarena.numerics.trees;

import java.util.ArrayList;
import java.util.List;

/**
 * Histogram-based gradient boosting of regression trees (as LightGBM and scikit-learn's {@code HistGradientBoosting*}):
 * the features are binned once on the training rows ({@link Binning}); each round fits one tree per raw output to the
 * gradients and hessians of the loss ({@link Objective}) leaf-wise ({@link TreeGrower}) and adds it, shrunk by the
 * learning rate; after each round the validation loss is measured, and boosting stops once it has not improved by
 * {@code tolerance} for {@code patience} rounds, keeping the rounds up to the best.
 */
public final class Boosting {

    /**
     * How to boost.
     *
     * @param learningRate   the shrinkage of every tree's values
     * @param maxRounds      the most boosting rounds
     * @param maxLeaves      the most leaves of a tree
     * @param maxDepth       the deepest a leaf may be (0: no limit)
     * @param minSamplesLeaf the fewest training rows in a leaf
     * @param l2             the L2 regularisation of the leaf values (λ)
     * @param maxBins        bins of present values per feature, 2 to 255
     * @param patience       rounds without a better validation loss before boosting stops (0: never)
     * @param tolerance      how much lower a validation loss must be to count as better
     */
    public record Settings(double learningRate, int maxRounds, int maxLeaves, int maxDepth, int minSamplesLeaf, double l2, int maxBins,
                           int patience, double tolerance) {

        /** scikit-learn's defaults, with early stopping on the validation rows after 10 rounds without improvement. */
        public static Settings defaults() {
            return new Settings(0.1, 100, 31, 0, 20, 0, Binning.MAX_BINS, 10, 1e-7);
        }

        public Settings {
            if (!(learningRate > 0 && learningRate <= 1) || maxRounds < 1 || maxLeaves < 2 || maxDepth < 0 || minSamplesLeaf < 1
                    || !(l2 >= 0) || maxBins < 2 || maxBins > Binning.MAX_BINS || patience < 0 || !(tolerance >= 0)) {
                throw new IllegalArgumentException("unusable boosting settings " + this);
            }
        }
    }

    /** Where each round's losses go. */
    public interface Rounds {

        /** @return false to stop boosting after this round */
        boolean round(int round, double trainingLoss, double validationLoss);
    }

    private Boosting() {
    }

    /**
     * Boosts a model.
     *
     * @param x          training rows, row-major rows &times; features, NaN where missing
     * @param targets    a number per training row (regression) or its class index
     * @param classes    0 for regression, else the number of classes
     * @param validation validation rows as x, or null to boost all rounds
     */
    public static BoostedTrees fit(float[] x, double[] targets, int features, int classes, float[] validation, double[] validationTargets,
                                   Settings settings, Rounds rounds) {
        int rows = targets.length;
        if (x.length != (long) rows * features || rows == 0) {
            throw new IllegalArgumentException(x.length + " values do not make " + rows + " rows of " + features);
        }
        Objective objective = Objective.of(classes);
        int outputs = objective.outputs(classes);
        Binning binning = Binning.fit(x, rows, features, settings.maxBins());
        byte[][] bins = binning.apply(x, rows);
        double[] baseline = objective.baseline(targets, classes);
        double[] raw = start(baseline, rows);
        int validationRows = validationTargets == null ? 0 : validationTargets.length;
        double[] validationRaw = start(baseline, validationRows);
        double[] probabilities = objective == Objective.MULTINOMIAL_LOG_LOSS ? new double[raw.length] : null;
        float[] gradient = new float[rows];
        float[] hessian = new float[rows];
        List<Tree> trees = new ArrayList<>();
        long operations = 0;
        double best = Double.POSITIVE_INFINITY;
        int bestRound = 0;
        int round = 0;
        while (round < settings.maxRounds()) {
            round++;
            if (probabilities != null) {
                Objective.probabilities(raw, outputs, probabilities);
            }
            for (int k = 0; k < outputs; k++) {
                objective.gradients(raw, probabilities, targets, outputs, k, gradient, hessian);
                TreeGrower grower = new TreeGrower(bins, binning, gradient, hessian, settings);
                Tree tree = grower.grow(raw, outputs, k);
                operations += grower.operations;
                trees.add(tree);
                for (int r = 0; r < validationRows; r++) {
                    validationRaw[r * outputs + k] += tree.predict(validation, r * features);
                }
            }
            double trainingLoss = objective.loss(raw, targets, outputs);
            double validationLoss = validationRows == 0 ? Double.NaN : objective.loss(validationRaw, validationTargets, outputs);
            if (validationRows == 0 || validationLoss < best - settings.tolerance()) {
                best = validationRows == 0 ? best : validationLoss;
                bestRound = round;
            }
            boolean go = rounds == null || rounds.round(round, trainingLoss, validationLoss);
            if (!go || settings.patience() > 0 && validationRows > 0 && round - bestRound >= settings.patience()) {
                break;
            }
        }
        return new BoostedTrees(objective, features, outputs, baseline, List.copyOf(trees.subList(0, bestRound * outputs)), bestRound, round,
                operations);
    }

    private static double[] start(double[] baseline, int rows) {
        double[] raw = new double[rows * baseline.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(baseline, 0, raw, r * baseline.length, baseline.length);
        }
        return raw;
    }
}
