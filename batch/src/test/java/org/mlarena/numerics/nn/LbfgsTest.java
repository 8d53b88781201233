package org.mlarena.numerics.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class LbfgsTest {

    /** Rows of a noisy linear function of 4 correlated features, standardised as the preprocessing would. */
    private static RegressionData table(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[rows * 4];
        float[] y = new float[rows];
        for (int r = 0; r < rows; r++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            double[] features = {a, b, a + 0.1 * random.nextGaussian(), a - b + 0.5 * random.nextGaussian()};
            double target = 0.3;
            for (int f = 0; f < 4; f++) {
                x[r * 4 + f] = (float) features[f];
                target += (f + 1) * 0.4 * features[f];
            }
            y[r] = (float) (target + random.nextGaussian());
        }
        return new RegressionData(x, y, 4, 1);
    }

    /** Ridge with an unpenalised intercept, solved exactly: (Xc'Xc + alpha I) w = Xc'yc on the centred data. */
    private static double[] ridge(RegressionData data, double alpha) {
        int n = data.rows();
        int d = data.features();
        double[] mean = new double[d + 1];
        for (int r = 0; r < n; r++) {
            for (int f = 0; f < d; f++) {
                mean[f] += data.inputs()[r * d + f] / (double) n;
            }
            mean[d] += data.targets()[r] / (double) n;
        }
        double[][] a = new double[d][d + 1];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                double xi = data.inputs()[r * d + i] - mean[i];
                for (int j = 0; j < d; j++) {
                    a[i][j] += xi * (data.inputs()[r * d + j] - mean[j]);
                }
                a[i][d] += xi * (data.targets()[r] - mean[d]);
            }
        }
        for (int i = 0; i < d; i++) {
            a[i][i] += alpha;
        }
        for (int c = 0; c < d; c++) {
            for (int r = c + 1; r < d; r++) {
                double factor = a[r][c] / a[c][c];
                for (int k = c; k <= d; k++) {
                    a[r][k] -= factor * a[c][k];
                }
            }
        }
        double[] w = new double[d + 1];
        for (int r = d - 1; r >= 0; r--) {
            double sum = a[r][d];
            for (int k = r + 1; k < d; k++) {
                sum -= a[r][k] * w[k];
            }
            w[r] = sum / a[r][r];
        }
        double intercept = mean[d];
        for (int f = 0; f < d; f++) {
            intercept -= w[f] * mean[f];
        }
        w[d] = intercept;
        return w;
    }

    private static int iterateUntilConverged(Lbfgs solver, Network net, TrainingData data, int most) {
        for (int i = 1; i <= most; i++) {
            if (solver.iterate(net, data).converged()) {
                return i;
            }
        }
        return most + 1;
    }

    @Test
    void linearRegressionReachesRidgesExactSolutionWhateverTheBatches() {
        RegressionData data = table(150, 7);
        double alpha = 5;
        double[] exact = ridge(data, alpha);
        for (int capacity : new int[]{150, 32}) {
            try (Network net = Network.dense(new int[]{4, 1}, Network.Loss.MEAN_SQUARED_ERROR, new JavaBackend(), capacity)) {
                net.initialise(3);
                // the mean squared error of rows: Ridge's sum of squares plus alpha |w|^2, divided by the rows
                int iterations = iterateUntilConverged(new Lbfgs((float) (2 * alpha / data.rows())), net, data, 100);
                assertTrue(iterations <= 30, "converged in " + iterations + " iterations");
                float[] w = new float[5];
                net.backend().read(0, 5, w, 0);
                for (int i = 0; i < 5; i++) {
                    assertEquals(exact[i], w[i], 2e-4 * (1 + Math.abs(exact[i])), "parameter " + i + " in batches of " + capacity);
                }
                assertEquals(iterations, net.step(), "one step per iteration");
            }
        }
    }

    @Test
    void softmaxRegressionReachesTheMinimumOfTheRegularisedLogLoss() {
        SplittableRandom random = new SplittableRandom(11);
        int rows = 120;
        float[] x = new float[rows * 3];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = r % 3;
            for (int f = 0; f < 3; f++) {
                x[r * 3 + f] = (float) (random.nextGaussian() + (f == labels[r] ? 1.5 : 0));
            }
        }
        ClassificationData data = new ClassificationData(x, labels, 3, 3);
        float l2 = 1f / rows;
        try (Network net = Network.dense(new int[]{3, 3}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 50)) {
            net.initialise(5);
            Lbfgs solver = new Lbfgs(l2);
            int iterations = iterateUntilConverged(solver, net, data, 100);
            assertTrue(iterations <= 100, "converged within 100 iterations (scikit-learn's max_iter)");
            float[] p = new float[12];
            net.backend().read(0, 12, p, 0);
            // the objective's gradient, computed here in double: mean of (softmax - onehot) x, plus l2 w on the weights
            double[] gradient = new double[12];
            for (int r = 0; r < rows; r++) {
                double[] logits = new double[3];
                for (int c = 0; c < 3; c++) {
                    logits[c] = p[9 + c];
                    for (int f = 0; f < 3; f++) {
                        logits[c] += x[r * 3 + f] * p[f * 3 + c];
                    }
                }
                double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
                double sum = 0;
                for (int c = 0; c < 3; c++) {
                    sum += Math.exp(logits[c] - max);
                }
                for (int c = 0; c < 3; c++) {
                    double residual = Math.exp(logits[c] - max) / sum - (labels[r] == c ? 1 : 0);
                    for (int f = 0; f < 3; f++) {
                        gradient[f * 3 + c] += residual * x[r * 3 + f] / rows;
                    }
                    gradient[9 + c] += residual / rows;
                }
            }
            for (int i = 0; i < 9; i++) {
                gradient[i] += l2 * p[i];
            }
            for (int i = 0; i < 12; i++) {
                assertEquals(0, gradient[i], 2e-4, "gradient component " + i + " at the solution");
            }
        }
    }

    @Test
    void aFrozenLayerDoesNotMove() {
        RegressionData data = table(80, 9);
        try (Network net = Network.dense(new int[]{4, 8, 1}, Network.Loss.MEAN_SQUARED_ERROR, new JavaBackend(), 80)) {
            net.initialise(1);
            net.freeze(0, true);
            int first = net.parameterCount(0);
            float[] before = new float[first];
            net.backend().read(0, first, before, 0);
            Lbfgs solver = new Lbfgs(0.01f);
            double start = solver.iterate(net, data).loss();
            double last = start;
            for (int i = 0; i < 20; i++) {
                last = solver.iterate(net, data).loss();
            }
            float[] after = new float[first];
            net.backend().read(0, first, after, 0);
            assertTrue(java.util.Arrays.equals(before, after), "the frozen layer's weights are unchanged");
            assertTrue(last < start, "the output layer learnt: loss " + start + " -> " + last);
        }
    }

    @Test
    void networksWhoseTrainingPassIsRandomAreRefused() {
        assertNull(Lbfgs.unsupported(List.of(new LayerSpec.Dense(8, true, 0f), new LayerSpec.Dense(1, false, 0f))));
        assertEquals("dropout", Lbfgs.unsupported(List.of(new LayerSpec.Dense(8, true, 0.2f), new LayerSpec.Dense(1, false, 0f))));
        assertEquals("dropout", Lbfgs.unsupported(List.of(new LayerSpec.Residual(List.of(new LayerSpec.Dropout(0.1f)), false, 1))));
        try (Network net = Network.dense(new int[]{4, 8, 1}, Network.Loss.MEAN_SQUARED_ERROR, new JavaBackend(), 10, 0.5f)) {
            assertThrows(IllegalArgumentException.class, () -> new Lbfgs(0f).iterate(net, table(10, 1)));
        }
        assertThrows(IllegalArgumentException.class, () -> new Lbfgs(-1f));
    }
}
