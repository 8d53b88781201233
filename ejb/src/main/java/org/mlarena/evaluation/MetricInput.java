package org.mlarena.evaluation;

import org.mlarena.numerics.data.ClassIndex;

/**
 * The truth and a submission's predictions, validated once, in the primitive arrays the metrics read.
 *
 * <p>The arrays are not copied (inputs can be large); callers must not change them afterwards. As records
 * holding arrays, two inputs are {@code equals} only when they share the same arrays.
 * {@link #resample(int[])} builds the input a bootstrap needs: sample {@code indices[i]} becomes sample
 * {@code i}. Every constructor throws {@link IllegalArgumentException} naming what is wrong: different
 * lengths, empty input, NaN or infinite values, a label outside {@code 0..classes-1}, a probability outside
 * [0, 1] or a row of probabilities whose sum differs from 1 by more than {@value #PROBABILITY_SUM_TOLERANCE}.
 */
public sealed interface MetricInput {

    /** How far a row of probabilities may sum away from 1. */
    double PROBABILITY_SUM_TOLERANCE = 1e-6;

    /** The number of samples. */
    int size();

    /** The input made of the samples at {@code indices} (repeats allowed), in that order. */
    MetricInput resample(int[] indices);

    /** True labels and predicted labels, classes numbered {@code 0..classes-1}. */
    record ClassLabels(int[] truth, int[] predicted, int classes) implements MetricInput {
        public ClassLabels {
            checkClasses(classes);
            checkNotNull(truth, "truth");
            checkNotNull(predicted, "predicted");
            checkSameLength(truth.length, predicted.length, "predicted labels");
            checkLabels(truth, "truth", classes);
            checkLabels(predicted, "predicted", classes);
        }

        @Override
        public int size() {
            return truth.length;
        }

        @Override
        public ClassLabels resample(int[] indices) {
            return new ClassLabels(pick(truth, indices), pick(predicted, indices), classes);
        }
    }

    /** True labels and, per sample, a row of class probabilities ({@code probabilities[i][c]} for class c). */
    record ClassProbabilities(int[] truth, double[][] probabilities) implements MetricInput {
        public ClassProbabilities {
            checkNotNull(truth, "truth");
            checkNotNull(probabilities, "probabilities");
            checkSameLength(truth.length, probabilities.length, "rows of probabilities");
            int classes = probabilities[0] == null ? 0 : probabilities[0].length;
            checkClasses(classes);
            checkLabels(truth, "truth", classes);
            for (int i = 0; i < probabilities.length; i++) {
                double[] row = probabilities[i];
                if (row == null || row.length != classes) {
                    throw new IllegalArgumentException("probabilities row " + i + " has "
                            + (row == null ? "no" : String.valueOf(row.length)) + " columns; row 0 has " + classes);
                }
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    double p = row[c];
                    if (!(p >= 0 && p <= 1)) {
                        throw new IllegalArgumentException("probabilities[" + i + "][" + c + "] is " + p
                                + "; a probability must be a number in [0, 1]");
                    }
                    sum += p;
                }
                if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE) {
                    throw new IllegalArgumentException("probabilities row " + i + " sums to " + sum
                            + "; each row must sum to 1 (within " + PROBABILITY_SUM_TOLERANCE + ")");
                }
            }
        }

        /** The number of classes (columns). */
        public int classes() {
            return probabilities[0].length;
        }

        @Override
        public int size() {
            return truth.length;
        }

        @Override
        public ClassProbabilities resample(int[] indices) {
            double[][] rows = new double[indices.length][];
            for (int i = 0; i < indices.length; i++) {
                rows[i] = probabilities[indices[i]];
            }
            return new ClassProbabilities(pick(truth, indices), rows);
        }
    }

    /** True and predicted numeric targets. */
    record RegressionValues(double[] truth, double[] predicted) implements MetricInput {
        public RegressionValues {
            checkNotNull(truth, "truth");
            checkNotNull(predicted, "predicted");
            checkSameLength(truth.length, predicted.length, "predicted values");
            checkFinite(truth, "truth");
            checkFinite(predicted, "predicted");
        }

        @Override
        public int size() {
            return truth.length;
        }

        @Override
        public RegressionValues resample(int[] indices) {
            double[] t = new double[indices.length];
            double[] p = new double[indices.length];
            for (int i = 0; i < indices.length; i++) {
                t[i] = truth[indices[i]];
                p[i] = predicted[indices[i]];
            }
            return new RegressionValues(t, p);
        }
    }

    private static void checkNotNull(Object array, String name) {
        if (array == null) {
            throw new IllegalArgumentException(name + " is missing (null)");
        }
    }

    private static void checkClasses(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("classification needs at least 2 classes, got " + classes);
        }
        if (classes > ClassIndex.MAX_CLASSES) {
            throw new IllegalArgumentException("classification takes at most " + ClassIndex.MAX_CLASSES
                    + " classes, got " + classes);
        }
    }

    private static void checkSameLength(int truth, int other, String what) {
        if (truth == 0) {
            throw new IllegalArgumentException("the input is empty: a metric needs at least one sample");
        }
        if (truth != other) {
            throw new IllegalArgumentException("different lengths: truth has " + truth + " samples but there are "
                    + other + " " + what);
        }
    }

    private static void checkLabels(int[] labels, String name, int classes) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + labels[i]
                        + ", outside the class range 0.." + (classes - 1));
            }
        }
    }

    private static void checkFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + values[i] + "; values must be finite numbers");
            }
        }
    }

    private static int[] pick(int[] values, int[] indices) {
        int[] out = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            out[i] = values[indices[i]];
        }
        return out;
    }
}
