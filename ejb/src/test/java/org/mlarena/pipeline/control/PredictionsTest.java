package org.mlarena.pipeline.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.JavaBackend;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.RegressionData;
import org.mlarena.pipeline.control.Predictions.Outputs;

/** Outputs read back from the backend against a row-by-row hand computation, in batches smaller than the data. */
class PredictionsTest {

    /** Five rows of three features: with a capacity of 2 the last batch holds one row. */
    private static final float[] INPUTS = {
            1f, 0f, -1f,
            0.5f, 2f, 0.25f,
            -3f, 1f, 0f,
            0f, 0f, 0f,
            2f, -0.5f, 1.5f};
    /** Three inputs by four outputs, row-major, as the dense layer keeps them; then the four biases. */
    private static final float[] WEIGHTS = {
            0.1f, -0.2f, 0.3f, 0.4f,
            -0.5f, 0.6f, 0.7f, -0.8f,
            0.9f, 1.0f, -1.1f, 1.2f};
    private static final float[] BIASES = {0.01f, -0.02f, 0.03f, 0.5f};

    private static Network softmaxRegression(Backend backend) {
        Network net = Network.dense(new int[]{3, 4}, Network.Loss.SOFTMAX_CROSS_ENTROPY, backend, 2);
        net.initialise(1);
        System.arraycopy(WEIGHTS, 0, backend.memory(), net.weightOffset(0), WEIGHTS.length);
        System.arraycopy(BIASES, 0, backend.memory(), net.biasOffset(0), BIASES.length);
        backend.upload();
        return net;
    }

    /** z = x W + b, one row at a time. */
    private static float[] byHand() {
        float[] logits = new float[5 * 4];
        for (int row = 0; row < 5; row++) {
            for (int out = 0; out < 4; out++) {
                float sum = 0f;
                for (int in = 0; in < 3; in++) {
                    sum += INPUTS[row * 3 + in] * WEIGHTS[in * 4 + out];
                }
                logits[row * 4 + out] = sum + BIASES[out];
            }
        }
        return logits;
    }

    private static ClassificationData data() {
        return new ClassificationData(INPUTS, new int[]{0, 3, 1, 2, 3}, 3, 4);
    }

    @Test
    void outputsAreEveryRowsLogitsComputedInBatchesOfTheCapacity() {
        Network net = softmaxRegression(new JavaBackend());
        Outputs outputs = Predictions.outputs(net, data());
        assertEquals(5, outputs.rows());
        assertEquals(4, outputs.columns());
        assertArrayEquals(byHand(), outputs.values(), 1e-6f);
        assertEquals(byHand()[2 * 4 + 1], outputs.value(2, 1), 1e-6f);
        assertEquals(5 * net.inferenceFlopsPerSample(), outputs.flops(), "the inference pass of five rows");
    }

    @Test
    void outputsAreReadAfterTheBackendBroughtThemBackFromTheDevice() {
        // the host copy stays stale until download(), as on the OpenCL backend
        Network net = softmaxRegression(new DeviceLikeBackend());
        assertArrayEquals(byHand(), Predictions.outputs(net, data()).values(), 1e-6f);
    }

    @Test
    void aRegressionNetworkGivesOneValuePerRowAndDataMustFitTheNetwork() {
        JavaBackend backend = new JavaBackend();
        Network net = Network.dense(new int[]{3, 1}, Network.Loss.MEAN_SQUARED_ERROR, backend, 4);
        net.initialise(2);
        float[] weights = {2f, -1f, 0.5f};
        System.arraycopy(weights, 0, backend.memory(), net.weightOffset(0), 3);
        backend.memory()[net.biasOffset(0)] = 10f;
        backend.upload();
        Outputs outputs = Predictions.outputs(net, new RegressionData(INPUTS, new float[5], 3, 1));
        float[] expected = new float[5];
        for (int row = 0; row < 5; row++) {
            expected[row] = INPUTS[row * 3] * 2f - INPUTS[row * 3 + 1] + INPUTS[row * 3 + 2] * 0.5f + 10f;
        }
        assertArrayEquals(expected, outputs.values(), 1e-6f);
        assertEquals(1, outputs.columns());

        assertEquals("the data is for SOFTMAX_CROSS_ENTROPY but the network is trained with MEAN_SQUARED_ERROR",
                assertThrows(IllegalArgumentException.class, () -> Predictions.outputs(net, data())).getMessage());
        assertEquals("the data has 2 features but the network takes 3", assertThrows(IllegalArgumentException.class,
                () -> Predictions.outputs(net, new RegressionData(new float[4], new float[2], 2, 1))).getMessage());
    }

    /**
     * The reference kernels on a "device" memory of their own; the host copy that {@link #memory()} answers is written
     * to the device by {@link #upload()} and refreshed only by {@link #download()}.
     */
    private static final class DeviceLikeBackend implements Backend {
        private final JavaBackend device = new JavaBackend();
        private float[] host = new float[0];

        @Override public ComputeDevice device() { return device.device(); }
        @Override public void allocate(int memorySize, int batchFloats, int batchRows, int targetColumns) {
            device.allocate(memorySize, batchFloats, batchRows, targetColumns);
            host = new float[memorySize];
        }
        @Override public float[] memory() { return host; }
        @Override public void upload() { System.arraycopy(host, 0, device.memory(), 0, host.length); }
        @Override public void download() { System.arraycopy(device.memory(), 0, host, 0, host.length); }
        @Override public void stageBatch(float[] inputs, int from, int rows, int cols, int[] labels, int labelFrom) {
            device.stageBatch(inputs, from, rows, cols, labels, labelFrom);
        }
        @Override public void stageBatch(float[] inputs, int from, int rows, int cols, float[] targets, int targetFrom) {
            device.stageBatch(inputs, from, rows, cols, targets, targetFrom);
        }
        @Override public void copyBatch(int count, int destination) { device.copyBatch(count, destination); }
        @Override public void matmul(int m, int n, int k, int a, boolean ta, int b, boolean tb, int c, boolean acc) {
            device.matmul(m, n, k, a, ta, b, tb, c, acc);
        }
        @Override public void addBias(int rows, int cols, int spatial, int x, int bias, boolean relu) {
            device.addBias(rows, cols, spatial, x, bias, relu);
        }
        @Override public void reluBackward(int count, int y, int dy) { device.reluBackward(count, y, dy); }
        @Override public void biasGradient(int rows, int cols, int spatial, int dy, int db) { device.biasGradient(rows, cols, spatial, dy, db); }
        @Override public void conv2d(Conv conv, int x, int weights, int y) { device.conv2d(conv, x, weights, y); }
        @Override public void conv2dWeightGradient(Conv conv, int x, int dy, int dw) { device.conv2dWeightGradient(conv, x, dy, dw); }
        @Override public void conv2dInputGradient(Conv conv, int dy, int weights, int dx) { device.conv2dInputGradient(conv, dy, weights, dx); }
        @Override public void maxPool(Pool pool, int x, int y, int argmax) { device.maxPool(pool, x, y, argmax); }
        @Override public void maxPoolGradient(Pool pool, int dy, int argmax, int dx) { device.maxPoolGradient(pool, dy, argmax, dx); }
        @Override public void dropout(int count, int x, int mask, float rate, int seed) { device.dropout(count, x, mask, rate, seed); }
        @Override public void activation(org.mlarena.numerics.nn.ActivationFunction f, int count, int x, int y) { device.activation(f, count, x, y); }
        @Override public void activationGradient(org.mlarena.numerics.nn.ActivationFunction f, int count, int x, int y, int dy, int dx) {
            device.activationGradient(f, count, x, y, dy, dx);
        }
        @Override public void add(int count, int a, int b, int y) { device.add(count, a, b, y); }
        @Override public void copy(int count, int x, int y) { device.copy(count, x, y); }
        @Override public void avgPool(Pool pool, int x, int y) { device.avgPool(pool, x, y); }
        @Override public void avgPoolGradient(Pool pool, int dy, int dx) { device.avgPoolGradient(pool, dy, dx); }
        @Override public void groupMean(int groups, int size, int x, int y) { device.groupMean(groups, size, x, y); }
        @Override public void groupMeanGradient(int groups, int size, int dy, int dx) { device.groupMeanGradient(groups, size, dy, dx); }
        @Override public void batchNorm(Norm norm, int x, int y, int gamma, int running, int saved, boolean training) {
            device.batchNorm(norm, x, y, gamma, running, saved, training);
        }
        @Override public void batchNormGradient(Norm norm, int x, int dy, int dx, int gamma, int saved, int dGamma) {
            device.batchNormGradient(norm, x, dy, dx, gamma, saved, dGamma);
        }
        @Override public void multiply(int count, int x, int mask) { device.multiply(count, x, mask); }
        @Override public LossResult softmaxCrossEntropy(int rows, int cols, int logits, int grad) {
            return device.softmaxCrossEntropy(rows, cols, logits, grad);
        }
        @Override public LossResult meanSquaredError(int rows, int cols, int predictions, int grad) {
            return device.meanSquaredError(rows, cols, predictions, grad);
        }
        @Override public void adam(int count, int p, int g, int m, int v, float lr, float b1, float b2, float eps, float wd, int step) {
            device.adam(count, p, g, m, v, lr, b1, b2, eps, wd, step);
        }
        @Override public void sgd(int count, int p, int g, int v, float lr, float momentum, float wd) { device.sgd(count, p, g, v, lr, momentum, wd); }
        @Override public void augment(Images images, int shift, boolean flip, int seed, int y) { device.augment(images, shift, flip, seed, y); }
        @Override public void embeddingBag(Bag bag, int x, int table, int ids, int y) { device.embeddingBag(bag, x, table, ids, y); }
        @Override public void embeddingBagGradient(Bag bag, int x, int dy, int ids, int dTable) { device.embeddingBagGradient(bag, x, dy, ids, dTable); }
        @Override public void adamRows(Bag bag, int ids, int t, int g, int m, int v, float lr, float b1, float b2, float eps, float wd, int step) {
            device.adamRows(bag, ids, t, g, m, v, lr, b1, b2, eps, wd, step);
        }
        @Override public void sgdRows(Bag bag, int ids, int t, int g, int v, float lr, float momentum, float wd) { device.sgdRows(bag, ids, t, g, v, lr, momentum, wd); }
        @Override public long flops() { return device.flops(); }
    }
}
