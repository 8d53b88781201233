package org.mlarena.numerics.trees;

import java.util.List;

/**
 * A boosted model: the baseline raw prediction and, per round, one tree per raw output ({@code trees} round-major).
 *
 * @param rounds     the rounds kept (the best on the validation rows)
 * @param roundsRun  the rounds boosted before stopping
 * @param operations what boosting did, counted: histogram additions, split evaluations and row comparisons
 */
public record BoostedTrees(Objective objective, int features, int outputs, double[] baseline, List<Tree> trees, int rounds, int roundsRun,
                           long operations) {

    /**
     * The raw predictions of rows (row-major, NaN where missing): rows &times; outputs, a regression's value, a binary
     * model's log-odds, a multi-class model's logits.
     */
    public double[] predictRaw(float[] x, int rows) {
        return predict(x, rows).raw();
    }

    /**
     * Raw predictions and what computing them took: one operation per node a row passes (a comparison at an inner
     * node, the addition of a leaf's value).
     */
    public record Prediction(double[] raw, long operations) {
    }

    public Prediction predict(float[] x, int rows) {
        return predict(x, rows, new JavaTreeKernels());
    }

    /** {@link #predict(float[], int)} on a device: the same bits. */
    public Prediction predict(float[] x, int rows, TreeKernels kernels) {
        if (x.length != (long) rows * features) {
            throw new IllegalArgumentException(x.length + " values do not make " + rows + " rows of " + features);
        }
        double[] raw = new double[rows * outputs];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(baseline, 0, raw, r * outputs, outputs);
        }
        long operations = kernels.predict(trees, x, rows, features, outputs, raw);
        return new Prediction(raw, operations);
    }

    /** Bytes of the model as stored: 29 per node (feature, threshold, bin, direction, children, value) and 8 per baseline. */
    public long bytes() {
        return 29L * nodes() + 8L * outputs;
    }

    /** The model of its first {@code rounds} rounds (the best, when boosting went on past it). */
    public BoostedTrees firstRounds(int rounds) {
        if (rounds < 0 || rounds > this.rounds) {
            throw new IllegalArgumentException("the first " + rounds + " of " + this.rounds + " rounds");
        }
        return new BoostedTrees(objective, features, outputs, baseline, List.copyOf(trees.subList(0, rounds * outputs)), rounds, roundsRun,
                operations);
    }

    /** Nodes in all trees. */
    public int nodes() {
        return trees.stream().mapToInt(Tree::nodes).sum();
    }
}
