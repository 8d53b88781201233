package org.mlarena.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.mlarena.evaluation.MetricInput.ClassLabels;
import org.mlarena.evaluation.MetricInput.ClassProbabilities;
import org.mlarena.evaluation.MetricInput.RegressionValues;

/** Bad input is refused with a message that names what is wrong; resampling picks samples by index. */
class MetricInputTest {

    private static void refused(String expectedPart, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().contains(expectedPart), "message '" + e.getMessage() + "' lacks '" + expectedPart + "'");
    }

    @Test
    void labelsAreChecked() {
        refused("classification takes at most 1000 classes, got 46341", () -> new ClassLabels(new int[] {0, 1}, new int[] {1, 1}, 46_341));
        refused("at most 1000 classes, got 2147483647", () -> new ClassLabels(new int[] {0}, new int[] {0}, Integer.MAX_VALUE));
        refused("different lengths: truth has 2 samples but there are 3 predicted labels",
                () -> new ClassLabels(new int[] {0, 1}, new int[] {0, 1, 1}, 2));
        refused("the input is empty", () -> new ClassLabels(new int[0], new int[0], 2));
        refused("predicted[1] is 3, outside the class range 0..2",
                () -> new ClassLabels(new int[] {0, 1}, new int[] {0, 3}, 3));
        refused("truth[0] is -1", () -> new ClassLabels(new int[] {-1}, new int[] {0}, 2));
        refused("at least 2 classes", () -> new ClassLabels(new int[] {0}, new int[] {0}, 1));
        refused("truth is missing", () -> new ClassLabels(null, new int[] {0}, 2));
    }

    @Test
    void probabilitiesAreChecked() {
        refused("probabilities row 1 sums to 0.9", () -> new ClassProbabilities(new int[] {0, 1},
                new double[][] {{0.5, 0.5}, {0.5, 0.4}}));
        refused("probabilities[0][1] is NaN", () -> new ClassProbabilities(new int[] {0},
                new double[][] {{0.5, Double.NaN}}));
        refused("probabilities[0][0] is -0.5", () -> new ClassProbabilities(new int[] {0},
                new double[][] {{-0.5, 1.5}}));
        refused("probabilities row 1 has 3 columns; row 0 has 2", () -> new ClassProbabilities(new int[] {0, 1},
                new double[][] {{0.5, 0.5}, {0.2, 0.3, 0.5}}));
        refused("truth[0] is 2, outside the class range 0..1",
                () -> new ClassProbabilities(new int[] {2}, new double[][] {{0.5, 0.5}}));
        refused("different lengths", () -> new ClassProbabilities(new int[] {0, 1}, new double[][] {{0.5, 0.5}}));
        // within the tolerance of 1e-6
        new ClassProbabilities(new int[] {0}, new double[][] {{0.5, 0.5000009}});
    }

    @Test
    void valuesAreChecked() {
        refused("predicted[1] is NaN", () -> new RegressionValues(new double[] {1, 2}, new double[] {1, Double.NaN}));
        refused("truth[0] is Infinity", () -> new RegressionValues(new double[] {Double.POSITIVE_INFINITY},
                new double[] {1}));
        refused("different lengths", () -> new RegressionValues(new double[] {1}, new double[] {1, 2}));
        refused("the input is empty", () -> new RegressionValues(new double[0], new double[0]));
    }

    @Test
    void resamplingPicksByIndex() {
        int[] idx = {2, 2, 0};
        ClassLabels labels = new ClassLabels(new int[] {0, 1, 2}, new int[] {1, 1, 2}, 3).resample(idx);
        assertArrayEquals(new int[] {2, 2, 0}, labels.truth());
        assertArrayEquals(new int[] {2, 2, 1}, labels.predicted());
        assertEquals(3, labels.classes());
        ClassProbabilities p = new ClassProbabilities(new int[] {0, 1, 1},
                new double[][] {{1, 0}, {0.3, 0.7}, {0.4, 0.6}}).resample(idx);
        assertArrayEquals(new int[] {1, 1, 0}, p.truth());
        assertArrayEquals(new double[] {0.4, 0.6}, p.probabilities()[0]);
        RegressionValues v = new RegressionValues(new double[] {1, 2, 3}, new double[] {4, 5, 6}).resample(idx);
        assertArrayEquals(new double[] {3, 3, 1}, v.truth());
        assertArrayEquals(new double[] {6, 6, 4}, v.predicted());
        assertEquals(3, v.size());
    }

    @Test
    void anyMetricRunsOnABootstrapResample() {
        java.util.Random random = new java.util.Random(7);
        int n = 200;
        int[] truth = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(3);
            predicted[i] = random.nextInt(10) < 7 ? truth[i] : random.nextInt(3);
        }
        ClassLabels input = new ClassLabels(truth, predicted, 3);
        Metric f1 = MetricRegistry.standard().get("f1_macro");
        double[] replicates = new double[100];
        for (int b = 0; b < replicates.length; b++) {
            int[] idx = random.ints(n, 0, n).toArray();
            replicates[b] = f1.evaluate(input.resample(idx));
            assertTrue(replicates[b] > 0.3 && replicates[b] < 1.0, String.valueOf(replicates[b]));
        }
    }
}
