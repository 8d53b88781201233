package org.mlarena.evaluation;

/**
 * Average precision, equal to scikit-learn's {@code average_precision_score}: the step-wise (not
 * interpolated) area under the precision-recall curve, AP = sum over thresholds of
 * (R_n - R_{n-1}) * P_n, tied scores forming one threshold. When the truth holds no positive, recall is
 * undefined; scikit-learn then sets it to 1 everywhere and the result is 0.0, as here.
 */
public final class AveragePrecision {

    private AveragePrecision() {
    }

    // <snippet:average_precision>
    /** Average precision of the positive class 1, scored by probability column 1. */
    public static double binary(MetricInput.ClassProbabilities input) {
        ProbabilityMetrics.requireBinary(input, "Average precision");
        int[] truth = input.truth();
        double[][] p = input.probabilities();
        int positives = 0;
        for (int t : truth) {
            positives += t;
        }
        if (positives == 0) {
            return 0.0;
        }
        double[] pos = new double[positives];
        double[] neg = new double[truth.length - positives];
        for (int i = 0, a = 0, b = 0; i < truth.length; i++) {
            if (truth[i] == 1) {
                pos[a++] = p[i][1];
            } else {
                neg[b++] = p[i][1];
            }
        }
        DoubleSort.sort(pos);
        DoubleSort.sort(neg);
        // walk the thresholds from the highest score down, both arrays at once
        int i = pos.length - 1, j = neg.length - 1;
        long truePositives = 0, falsePositives = 0;
        double ap = 0;
        while (i >= 0) {
            double threshold = j >= 0 ? Math.max(pos[i], neg[j]) : pos[i];
            long newTrue = 0;
            while (i >= 0 && pos[i] == threshold) {
                newTrue++;
                i--;
            }
            while (j >= 0 && neg[j] == threshold) {
                falsePositives++;
                j--;
            }
            if (newTrue > 0) {
                truePositives += newTrue;
                ap += ((double) newTrue / positives) * ((double) truePositives / (truePositives + falsePositives));
            }
        }
        return ap;
    }
    // </snippet:average_precision>
}
