package org.mlarena.bench;

import java.util.Locale;

import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.MetricInput;
import org.mlarena.evaluation.MetricRegistry;

/**
 * Scores n predictions of 10 classes (n = 1e6 and 1e7 by default): accuracy, macro-F1, confusion matrix
 * and one-vs-rest ROC AUC, best of 3 runs each. Prints {@code metrics java <metric> <n> <seconds>}.
 * The data come from integer formulas that bench/python/metrics_sklearn.py computes identically.
 */
public final class MetricsBench {

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[]{1_000_000, 10_000_000} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        MetricRegistry registry = MetricRegistry.standard();
        for (int n : sizes) {
            int[] truth = new int[n];
            int[] predicted = new int[n];
            double[][] scores = new double[n][10];
            for (int i = 0; i < n; i++) {
                truth[i] = (int) (((long) i * 7 + i / 10) % 10);
                predicted[i] = i % 10 < 7 ? truth[i] : (truth[i] + 1 + i % 3) % 10;
                double sum = 0;
                for (int c = 0; c < 10; c++) {
                    double raw = 1 + ((long) i * 31 + c * 17) % 13 + (c == truth[i] ? 6 : 0);
                    scores[i][c] = raw;
                    sum += raw;
                }
                for (int c = 0; c < 10; c++) {
                    scores[i][c] /= sum;
                }
            }
            MetricInput labels = new MetricInput.ClassLabels(truth, predicted, 10);
            MetricInput probabilities = new MetricInput.ClassProbabilities(truth, scores);
            time("accuracy", n, registry.get("accuracy"), labels);
            time("f1_macro", n, registry.get("f1_macro"), labels);
            time("confusion_matrix", n, registry.get("confusion_matrix"), labels);
            time("roc_auc_ovr", n, registry.get("roc_auc_ovr_macro"), probabilities);
        }
    }

    private static void time(String name, int n, Metric metric, MetricInput input) {
        long best = Long.MAX_VALUE;
        double value = 0;
        for (int r = 0; r < 3; r++) {
            long start = System.nanoTime();
            value = metric.isScalar() ? metric.evaluate(input) : metric.matrix(input).count(0, 0);
            best = Math.min(best, System.nanoTime() - start);
        }
        System.out.printf(Locale.ROOT, "metrics java %s %d %.4f %.6f%n", name, n, best / 1e9, value);
    }
}
