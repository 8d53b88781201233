package org.mlarena.numerics.trees;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

        /**
         * @param trees      the trees this round added, one per raw output
         * @param operations what the round did, counted (histogram additions, split evaluations, row comparisons)
         * @return false to stop boosting after this round
         */
        boolean round(int round, List<Tree> trees, double trainingLoss, double validationLoss, long operations);
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
        return fit(x, targets, features, classes, validation, validationTargets, settings, rounds, null);
    }

    /**
     * Boosts on from a model (a resumed run, or finetuning): its trees come first and its predictions are where
     * boosting starts; {@code settings.maxRounds()} counts its rounds too.
     */
    public static BoostedTrees fit(float[] x, double[] targets, int features, int classes, float[] validation, double[] validationTargets,
                                   Settings settings, Rounds rounds, BoostedTrees start) {
        return fit(x, targets, features, classes, validation, validationTargets, settings, rounds, start, new JavaTreeKernels());
    }

    /** {@link #fit} with the histograms on a device: the same trees on every device. */
    public static BoostedTrees fit(float[] x, double[] targets, int features, int classes, float[] validation, double[] validationTargets,
                                   Settings settings, Rounds rounds, BoostedTrees start, TreeKernels kernels) {
        int rows = targets.length;
        if (x.length != (long) rows * features || rows == 0) {
            throw new IllegalArgumentException(x.length + " values do not make " + rows + " rows of " + features);
        }
        Objective objective = Objective.of(classes);
        int outputs = objective.outputs(classes);
        Binning binning = Binning.fit(x, rows, features, settings.maxBins());
        byte[][] bins = binning.apply(x, rows);
        int[] offsets = TreeGrower.offsets(binning, features);
        kernels.bins(bins, offsets, settings.maxLeaves());
        if (start != null && (start.objective() != objective || start.features() != features || start.outputs() != outputs)) {
            throw new IllegalArgumentException("boosting on needs a model of the same task and features: " + start.objective() + " of "
                    + start.features() + " features and " + start.outputs() + " outputs, here " + objective + ", " + features + ", " + outputs);
        }
        double[] baseline = start != null ? start.baseline() : objective.baseline(targets, classes);
        int validationRows = validationTargets == null ? 0 : validationTargets.length;
        double[] raw = start != null ? start.predictRaw(x, rows) : start(baseline, rows);
        double[] validationRaw = start != null && validationRows > 0 ? start.predictRaw(validation, validationRows) : start(baseline, validationRows);
        double[] probabilities = objective == Objective.MULTINOMIAL_LOG_LOSS ? new double[raw.length] : null;
        float[] gradient = new float[rows];
        float[] hessian = new float[rows];
        List<Tree> trees = new ArrayList<>(start == null ? List.of() : start.trees());
        long operations = start == null ? 0 : start.operations();
        double best = Double.POSITIVE_INFINITY;
        int round = start == null ? 0 : start.rounds();
        int bestRound = round;
        while (round < settings.maxRounds()) {
            round++;
            long before = operations;
            if (probabilities != null) {
                Objective.probabilities(raw, outputs, probabilities);
            }
            for (int k = 0; k < outputs; k++) {
                objective.gradients(raw, probabilities, targets, outputs, k, gradient, hessian);
                operations += 2L * rows;
                kernels.gradients(gradient, hessian);
                TreeGrower grower = new TreeGrower(bins, binning, offsets, gradient, hessian, settings, kernels);
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
            boolean go = rounds == null
                    || rounds.round(round, List.copyOf(trees.subList(trees.size() - outputs, trees.size())), trainingLoss, validationLoss, operations - before);
            if (!go || settings.patience() > 0 && validationRows > 0 && round - bestRound >= settings.patience()) {
                break;
            }
        }
        return new BoostedTrees(objective, features, outputs, baseline, List.copyOf(trees.subList(0, bestRound * outputs)), bestRound, round,
                operations);
    }

    /** A whole number of a hyperparameter, or its default when absent; a message naming it and its range otherwise. */
    private static int whole(Map<String, String> hyper, String name, int fallback, int min, int max) {
        String value = hyper.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + name + "' must be a whole number from " + min + " to " + max + ", got '" + value + "'");
    }

    private static double number(Map<String, String> hyper, String name, double fallback, double min, double max) {
        String value = hyper.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            double v = Double.parseDouble(value.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + name + "' must be a number from " + min + " to " + max + ", got '" + value + "'");
    }

    /** The hyperparameters of a boosted model and their defaults (scikit-learn's), in the order a form shows them. */
    public static final Map<String, String> HYPERPARAMETERS = hyperparameters();

    private static Map<String, String> hyperparameters() {
        Map<String, String> defaults = new java.util.LinkedHashMap<>();
        defaults.put("maxLeaves", "31");
        defaults.put("maxDepth", "0");
        defaults.put("minSamplesLeaf", "20");
        defaults.put("l2", "0");
        defaults.put("maxBins", Integer.toString(Binning.MAX_BINS));
        return java.util.Collections.unmodifiableMap(defaults);
    }

    /**
     * The settings that hyperparameters (names of {@link #HYPERPARAMETERS}), a learning rate and a number of rounds
     * describe; early stopping is the caller's (patience 0 here).
     *
     * @throws IllegalArgumentException naming the first wrong hyperparameter and its range, or an unknown one
     */
    public static Settings settings(Map<String, String> hyper, double learningRate, int rounds) {
        for (String name : hyper.keySet()) {
            if (!HYPERPARAMETERS.containsKey(name)) {
                throw new IllegalArgumentException("gradient boosting has no hyperparameter '" + name + "'; it has " + HYPERPARAMETERS.keySet());
            }
        }
        if (!(learningRate > 0 && learningRate <= 1)) {
            throw new IllegalArgumentException("the learning rate (shrinkage) of boosting must be more than 0 and at most 1, got " + learningRate);
        }
        return new Settings(learningRate, rounds, whole(hyper, "maxLeaves", 31, 2, 4096), whole(hyper, "maxDepth", 0, 0, 64),
                whole(hyper, "minSamplesLeaf", 20, 1, 1_000_000), number(hyper, "l2", 0, 0, 1e6), whole(hyper, "maxBins", Binning.MAX_BINS, 2,
                Binning.MAX_BINS), 0, 0);
    }

    private static double[] start(double[] baseline, int rows) {
        double[] raw = new double[rows * baseline.length];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(baseline, 0, raw, r * baseline.length, baseline.length);
        }
        return raw;
    }
}
