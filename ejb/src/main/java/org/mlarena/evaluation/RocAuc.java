package org.mlarena.evaluation;

/**
 * Area under the ROC curve, equal to scikit-learn's {@code roc_auc_score} (trapezoids over the ROC curve,
 * tied scores forming one step). Computed as the Mann-Whitney statistic: the share of (positive, negative)
 * pairs in which the positive scores higher, a tie counting one half; the two are the same number. It sorts
 * the positives' and the negatives' scores separately ({@link DoubleSort}: radix sort for large inputs) and
 * merges them in one linear pass, with two arrays of scores as the only allocation.
 *
 * <p>Undefined when the truth holds only one class: {@link IllegalArgumentException}, as scikit-learn
 * raises. For multiclass, one-vs-rest: each class against the others, then averaged (macro) or weighted
 * by the class's number of true instances (weighted); every class must be present in the truth.
 */
public final class RocAuc {

    private RocAuc() {
    }

    // <snippet:roc_auc>
    /** Binary ROC AUC of the positive class 1, scored by probability column 1. */
    public static double binary(MetricInput.ClassProbabilities input) {
        ProbabilityMetrics.requireBinary(input, "Binary ROC AUC");
        return ofClass(input, 1);
    }

    /** ROC AUC of class {@code c} against all others, scored by probability column c. */
    public static double ofClass(MetricInput.ClassProbabilities input, int c) {
        int[] truth = input.truth();
        double[][] p = input.probabilities();
        int positives = 0;
        for (int t : truth) {
            if (t == c) {
                positives++;
            }
        }
        int negatives = truth.length - positives;
        if (positives == 0 || negatives == 0) {
            throw new IllegalArgumentException("ROC AUC is undefined for class " + c + ": the truth holds "
                    + (positives == 0 ? "no" : "only") + " samples of that class");
        }
        double[] pos = new double[positives];
        double[] neg = new double[negatives];
        for (int i = 0, a = 0, b = 0; i < truth.length; i++) {
            if (truth[i] == c) {
                pos[a++] = p[i][c];
            } else {
                neg[b++] = p[i][c];
            }
        }
        DoubleSort.sort(pos);
        DoubleSort.sort(neg);
        // twice the Mann-Whitney U: per positive, 2 per negative scored lower, 1 per tie; exact in a long
        long twiceU = 0;
        int below = 0;
        for (int i = 0; i < positives; ) {
            double v = pos[i];
            int group = 0;
            while (i < positives && pos[i] == v) {
                group++;
                i++;
            }
            while (below < negatives && neg[below] < v) {
                below++;
            }
            int equal = below;
            while (equal < negatives && neg[equal] == v) {
                equal++;
            }
            twiceU += group * (2L * below + (equal - below));
            below = equal;
        }
        return twiceU / (2.0 * positives * negatives);
    }
    // </snippet:roc_auc>

    // <snippet:roc_auc_ovr>
    /** One-vs-rest ROC AUC: per class, then the mean (weighted=false) or the support-weighted mean. */
    public static double oneVsRest(MetricInput.ClassProbabilities input, boolean weighted) {
        int classes = input.classes();
        long[] support = new long[classes];
        for (int t : input.truth()) {
            support[t]++;
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            double auc = ofClass(input, c);
            sum += weighted ? auc * support[c] : auc;
        }
        return weighted ? sum / input.size() : sum / classes;
    }
    // </snippet:roc_auc_ovr>
}
