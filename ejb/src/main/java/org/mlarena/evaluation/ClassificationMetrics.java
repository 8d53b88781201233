package org.mlarena.evaluation;

/**
 * Metrics of predicted class labels, computed from a {@link ConfusionMatrix} and equal to scikit-learn's
 * (1.2) with its defaults.
 *
 * <p>Zero division follows scikit-learn's default {@code zero_division="warn"}: a ratio whose denominator
 * is zero counts as 0.0 (precision of a class never predicted, recall of a class absent from the truth,
 * an F-score whose precision and recall are both 0). Averages run over the classes present in the truth
 * or in the predictions, as scikit-learn's {@code labels=None}.
 */
public final class ClassificationMetrics {

    private ClassificationMetrics() {
    }

    // <snippet:accuracy>
    /** The share of samples whose predicted class is the true class. */
    public static double accuracy(ConfusionMatrix cm) {
        long correct = 0;
        for (int c = 0; c < cm.classes(); c++) {
            correct += cm.count(c, c);
        }
        return (double) correct / cm.total();
    }
    // </snippet:accuracy>

    // <snippet:balanced_accuracy>
    /** The mean recall over the classes present in the truth (a class absent from the truth is skipped). */
    public static double balancedAccuracy(ConfusionMatrix cm) {
        long[] support = cm.truthCounts();
        double sum = 0;
        int present = 0;
        for (int c = 0; c < cm.classes(); c++) {
            if (support[c] > 0) {
                sum += (double) cm.count(c, c) / support[c];
                present++;
            }
        }
        return sum / present;
    }
    // </snippet:balanced_accuracy>

    // <snippet:precision_recall_f>
    /** Precision: of the samples predicted as a class, the share truly of it. */
    public static double precision(ConfusionMatrix cm, Average average) {
        return averaged(cm, average, Kind.PRECISION, 1.0);
    }

    /** Recall: of the samples truly of a class, the share predicted as it. */
    public static double recall(ConfusionMatrix cm, Average average) {
        return averaged(cm, average, Kind.RECALL, 1.0);
    }

    /** F1: the harmonic mean of precision and recall. */
    public static double f1(ConfusionMatrix cm, Average average) {
        return averaged(cm, average, Kind.F, 1.0);
    }

    /** F-beta: recall weighted beta times as much as precision. */
    public static double fBeta(ConfusionMatrix cm, Average average, double beta) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("beta must be a positive finite number, got " + beta);
        }
        return averaged(cm, average, Kind.F, beta);
    }

    private enum Kind { PRECISION, RECALL, F }

    private static double averaged(ConfusionMatrix cm, Average average, Kind kind, double beta) {
        int k = cm.classes();
        long[] actual = cm.truthCounts();
        long[] predicted = cm.predictedCounts();
        switch (average) {
            case BINARY: {
                if (k != 2) {
                    throw new IllegalArgumentException("average 'binary' needs 2 classes, got " + k);
                }
                return score(kind, beta, cm.count(1, 1), predicted[1], actual[1]);
            }
            case MICRO: {
                long tp = 0, pred = 0, act = 0;
                for (int c = 0; c < k; c++) {
                    tp += cm.count(c, c);
                    pred += predicted[c];
                    act += actual[c];
                }
                return score(kind, beta, tp, pred, act);
            }
            case MACRO: {
                double sum = 0;
                int present = 0;
                for (int c = 0; c < k; c++) {
                    if (actual[c] > 0 || predicted[c] > 0) {
                        sum += score(kind, beta, cm.count(c, c), predicted[c], actual[c]);
                        present++;
                    }
                }
                return sum / present;
            }
            case WEIGHTED: {
                double sum = 0;
                long weights = 0;
                for (int c = 0; c < k; c++) {
                    sum += score(kind, beta, cm.count(c, c), predicted[c], actual[c]) * actual[c];
                    weights += actual[c];
                }
                return weights == 0 ? 0.0 : sum / weights;
            }
            default:
                throw new IllegalArgumentException("unknown average " + average);
        }
    }

    /** One class's (or the micro-summed) score; a zero denominator gives 0.0. */
    private static double score(Kind kind, double beta, long tp, long predicted, long actual) {
        double precision = predicted == 0 ? 0.0 : (double) tp / predicted;
        double recall = actual == 0 ? 0.0 : (double) tp / actual;
        switch (kind) {
            case PRECISION:
                return precision;
            case RECALL:
                return recall;
            default: {
                double beta2 = beta * beta;
                double denominator = beta2 * precision + recall;
                return denominator == 0.0 ? 0.0 : (1 + beta2) * precision * recall / denominator;
            }
        }
    }
    // </snippet:precision_recall_f>

    // <snippet:matthews_corrcoef>
    /**
     * Matthews correlation coefficient (multiclass R_K statistic); 0.0 when the truth or the predictions
     * hold a single class (scikit-learn's value for the undefined 0/0).
     */
    public static double matthewsCorrcoef(ConfusionMatrix cm) {
        long[] t = cm.truthCounts();
        long[] p = cm.predictedCounts();
        double n = cm.total();
        double correct = 0, tp = 0, pp = 0, tt = 0;
        for (int c = 0; c < cm.classes(); c++) {
            correct += cm.count(c, c);
            tp += (double) t[c] * p[c];
            pp += (double) p[c] * p[c];
            tt += (double) t[c] * t[c];
        }
        double covTruePred = correct * n - tp;
        double covPredPred = n * n - pp;
        double covTrueTrue = n * n - tt;
        if (covPredPred * covTrueTrue == 0) {
            return 0.0;
        }
        return covTruePred / Math.sqrt(covTrueTrue * covPredPred);
    }
    // </snippet:matthews_corrcoef>

    // <snippet:cohen_kappa>
    /**
     * Cohen's kappa: agreement beyond chance. With {@code quadratic}, disagreements weigh the squared
     * distance between the class positions, positions counted among the classes present in the truth or
     * the predictions (as scikit-learn). NaN (as scikit-learn) when chance agreement is perfect, e.g. when
     * truth and predictions hold one and the same class.
     */
    public static double cohenKappa(ConfusionMatrix cm, boolean quadratic) {
        int k = cm.classes();
        long[] t = cm.truthCounts();
        long[] p = cm.predictedCounts();
        int[] present = new int[k];
        int m = 0;
        for (int c = 0; c < k; c++) {
            if (t[c] > 0 || p[c] > 0) {
                present[m++] = c;
            }
        }
        double n = cm.total();
        double observed = 0, expected = 0;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                double w = quadratic ? (double) (i - j) * (i - j) : (i == j ? 0 : 1);
                observed += w * cm.count(present[i], present[j]);
                expected += w * (p[present[i]] * (double) t[present[j]] / n);
            }
        }
        return 1 - observed / expected;
    }
    // </snippet:cohen_kappa>
}
