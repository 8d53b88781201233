package org.mlarena.evaluation;

/**
 * Metrics of predicted class probabilities, other than the ranking metrics {@link RocAuc} and
 * {@link AveragePrecision}; equal to scikit-learn's (1.2).
 */
public final class ProbabilityMetrics {

    /** numpy's {@code finfo(float64).eps}, scikit-learn's log-loss clipping bound. */
    static final double EPS = Math.ulp(1.0);

    private ProbabilityMetrics() {
    }

    // <snippet:top_k_accuracy>
    /**
     * The share of samples whose true class is among the {@code k} most probable. Ties rank the higher
     * class index first (scikit-learn's stable sort, reversed). With 2 classes and k = 1, the positive
     * class is predicted when its probability exceeds 0.5 (scikit-learn's binary rule).
     */
    public static double topKAccuracy(MetricInput.ClassProbabilities input, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        int[] truth = input.truth();
        double[][] p = input.probabilities();
        int classes = input.classes();
        if (k >= classes) {
            return 1.0;
        }
        long hits = 0;
        for (int i = 0; i < truth.length; i++) {
            int c = truth[i];
            double[] row = p[i];
            if (classes == 2) {
                hits += ((row[1] > 0.5 ? 1 : 0) == c) ? 1 : 0;
                continue;
            }
            double own = row[c];
            int ahead = 0;
            for (int j = 0; j < classes; j++) {
                if (row[j] > own || (row[j] == own && j > c)) {
                    ahead++;
                }
            }
            if (ahead < k) {
                hits++;
            }
        }
        return (double) hits / truth.length;
    }
    // </snippet:top_k_accuracy>

    // <snippet:log_loss>
    /**
     * Mean negative log-likelihood of the true class. Each probability is first clipped to
     * [eps, 1 - eps] (eps = 2.22e-16, so a confident wrong answer costs about 36, not infinity) and each
     * row renormalised to sum 1, as scikit-learn.
     */
    public static double logLoss(MetricInput.ClassProbabilities input) {
        int[] truth = input.truth();
        double[][] p = input.probabilities();
        double total = 0;
        for (int i = 0; i < truth.length; i++) {
            double[] row = p[i];
            double sum = 0;
            for (double v : row) {
                sum += clip(v);
            }
            total -= Math.log(clip(row[truth[i]]) / sum);
        }
        return total / truth.length;
    }

    private static double clip(double v) {
        return Math.min(Math.max(v, EPS), 1 - EPS);
    }
    // </snippet:log_loss>

    // <snippet:brier_score>
    /** Binary Brier score: the mean squared difference between the positive-class probability and the truth (0/1). */
    public static double brierScore(MetricInput.ClassProbabilities input) {
        requireBinary(input, "Brier score");
        int[] truth = input.truth();
        double[][] p = input.probabilities();
        double sum = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = truth[i] - p[i][1];
            sum += d * d;
        }
        return sum / truth.length;
    }
    // </snippet:brier_score>

    static void requireBinary(MetricInput.ClassProbabilities input, String metric) {
        if (input.classes() != 2) {
            throw new IllegalArgumentException(metric + " is a binary metric: it needs 2 probability columns, got "
                    + input.classes());
        }
    }
}
