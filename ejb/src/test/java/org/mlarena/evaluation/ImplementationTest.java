package org.mlarena.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.mlarena.evaluation.MetricInput.ClassProbabilities;
import org.mlarena.evaluation.MetricInput.RegressionValues;

/** The fast algorithms against slow, obviously correct ones, on many random inputs with ties. */
class ImplementationTest {

    private final Random random = new Random(42);

    @Test
    void rocAucEqualsPairCounting() {
        for (int round = 0; round < 200; round++) {
            int n = 2 + random.nextInt(60);
            int[] truth = new int[n];
            double[][] p = new double[n][];
            truth[0] = 0;
            truth[1] = 1;
            for (int i = 0; i < n; i++) {
                if (i > 1) {
                    truth[i] = random.nextInt(2);
                }
                double s = random.nextInt(6) / 5.0; // many ties, including 0 and 1
                p[i] = new double[] {1 - s, s};
            }
            double pairs = 0, wins = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (truth[i] == 1 && truth[j] == 0) {
                        pairs++;
                        wins += p[i][1] > p[j][1] ? 1 : p[i][1] == p[j][1] ? 0.5 : 0;
                    }
                }
            }
            assertEquals(wins / pairs, RocAuc.binary(new ClassProbabilities(truth, p)), 1e-15);
        }
    }

    @Test
    void averagePrecisionEqualsThresholdWalk() {
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(60);
            int[] truth = new int[n];
            double[][] p = new double[n][];
            for (int i = 0; i < n; i++) {
                truth[i] = random.nextInt(2);
                double s = random.nextInt(8) / 7.0;
                p[i] = new double[] {1 - s, s};
            }
            int positives = Arrays.stream(truth).sum();
            double expected = 0;
            if (positives > 0) {
                double[] thresholds = Arrays.stream(p).mapToDouble(r -> r[1]).distinct().sorted().toArray();
                double previousRecall = 0;
                for (int t = thresholds.length - 1; t >= 0; t--) {
                    int tp = 0, predicted = 0;
                    for (int i = 0; i < n; i++) {
                        if (p[i][1] >= thresholds[t]) {
                            predicted++;
                            tp += truth[i];
                        }
                    }
                    double recall = (double) tp / positives;
                    expected += (recall - previousRecall) * tp / predicted;
                    previousRecall = recall;
                }
            }
            assertEquals(expected, AveragePrecision.binary(new ClassProbabilities(truth, p)), 1e-12);
        }
    }

    @Test
    void radixSortEqualsArraysSort() {
        for (int n : new int[] {0, 1, 100, DoubleSort.RADIX_THRESHOLD, 50_000}) {
            double[][] inputs = new double[4][n];
            for (int i = 0; i < n; i++) {
                inputs[0][i] = random.nextDouble();                        // probabilities: top digits shared
                inputs[1][i] = random.nextGaussian() * 1e6;                // both signs, wide range
                inputs[2][i] = random.nextInt(7) / 6.0 - 0.5;              // many ties, -0.0 and 0.0 absent
                inputs[3][i] = random.nextBoolean() ? -0.0 : random.nextInt(3) - 1.0; // -0.0, 0.0, ties
            }
            for (double[] a : inputs) {
                double[] expected = a.clone();
                Arrays.sort(expected);
                double[] actual = a.clone();
                DoubleSort.sort(actual);
                assertArrayEquals(expected, actual);
            }
        }
    }

    @Test
    void selectionFindsTheOrderStatistic() {
        for (int round = 0; round < 500; round++) {
            int n = 1 + random.nextInt(40);
            double[] a = new double[n];
            for (int i = 0; i < n; i++) {
                a[i] = random.nextInt(5); // duplicates
            }
            double[] sorted = a.clone();
            Arrays.sort(sorted);
            int k = random.nextInt(n);
            assertEquals(sorted[k], RegressionMetrics.select(a.clone(), k));
        }
    }

    @Test
    void medianEqualsSortedMiddle() {
        for (int round = 0; round < 300; round++) {
            int n = 1 + random.nextInt(round < 250 ? 50 : 20_000);
            double[] y = new double[n];
            double[] f = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = round % 3 == 0 ? random.nextInt(4) : random.nextGaussian() * Math.pow(10, random.nextInt(9) - 4);
                f[i] = round % 3 == 0 ? random.nextInt(4) : -random.nextDouble();
            }
            double[] errors = new double[n];
            for (int i = 0; i < n; i++) {
                errors[i] = Math.abs(y[i] - f[i]);
            }
            Arrays.sort(errors);
            double expected = n % 2 == 1 ? errors[n / 2] : (errors[n / 2 - 1] + errors[n / 2]) / 2;
            assertEquals(expected, RegressionMetrics.medianAbsoluteError(new RegressionValues(y, f)), "n = " + n);
        }
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2.0, RegressionMetrics.medianAbsoluteError(
                new RegressionValues(new double[] {0, 0, 0}, new double[] {1, 2, 7})));
        assertEquals(2.5, RegressionMetrics.medianAbsoluteError(
                new RegressionValues(new double[] {0, 0, 0, 0}, new double[] {3, -2, 7, 1})));
    }

    @Test
    void topKBreaksTiesTowardsTheHigherClass() {
        ClassProbabilities tie = new ClassProbabilities(new int[] {0, 2},
                new double[][] {{0.25, 0.25, 0.25, 0.25}, {0.25, 0.25, 0.25, 0.25}});
        // ranking 3, 2, 1, 0: class 2 is in the top 2, class 0 is not
        assertEquals(0.5, ProbabilityMetrics.topKAccuracy(tie, 2));
        assertEquals(1.0, ProbabilityMetrics.topKAccuracy(tie, 4));
        assertThrows(IllegalArgumentException.class, () -> ProbabilityMetrics.topKAccuracy(tie, 0));
    }

    @Test
    void rocAucNeedsBothClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RocAuc.binary(
                new ClassProbabilities(new int[] {1, 1}, new double[][] {{0.2, 0.8}, {0.6, 0.4}})));
        assertEquals("ROC AUC is undefined for class 1: the truth holds only samples of that class", e.getMessage());
    }

    @Test
    void largeInputsStayExact() {
        int n = 2_000_000;
        int[] truth = new int[n];
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            truth[i] = i % 2;
            double s = (i % 1000) / 1000.0;
            p[i] = new double[] {1 - s, s};
        }
        // positives score (2a+1)/1000, negatives 2b/1000, a and b uniform on 0..499: the positive wins iff
        // a >= b, in 500 * 501 / 2 of 500 * 500 pairs
        double auc = RocAuc.binary(new ClassProbabilities(truth, p));
        assertEquals(0.501, auc, 1e-15);
    }
}
