package org.mlarena.numerics.nn;

import org.mlarena.numerics.ComputeDevice;

/**
 * A backend that allocates nothing and runs nothing: for building a network only to read its
 * architecture's figures (parameters, bytes, FLOPs) without memory for a batch.
 */
final class CountingBackend implements Backend {

    private final float[] none = new float[0];

    @Override public ComputeDevice device() { return ComputeDevice.plainJava(); }
    @Override public void allocate(int memorySize, int batchFloats, int batchRows, int targetColumns) { }
    @Override public float[] memory() { return none; }
    @Override public void upload() { }
    @Override public void download() { }
    @Override public void stageBatch(float[] inputs, int from, int rows, int cols, int[] labels, int labelFrom) { unsupported(); }
    @Override public void stageBatch(float[] inputs, int from, int rows, int cols, float[] targets, int targetFrom) { unsupported(); }
    @Override public void copyBatch(int count, int destination) { unsupported(); }
    @Override public void matmul(int m, int n, int k, int a, boolean ta, int b, boolean tb, int c, boolean acc) { unsupported(); }
    @Override public void addBias(int rows, int cols, int spatial, int x, int bias, boolean relu) { unsupported(); }
    @Override public void reluBackward(int count, int y, int dy) { unsupported(); }
    @Override public void dropout(int count, int x, int mask, float rate, int seed) { unsupported(); }
    @Override public void multiply(int count, int x, int mask) { unsupported(); }
    @Override public void biasGradient(int rows, int cols, int spatial, int dy, int db) { unsupported(); }
    @Override public void conv2d(Conv conv, int x, int weights, int y) { unsupported(); }
    @Override public void conv2dWeightGradient(Conv conv, int x, int dy, int dw) { unsupported(); }
    @Override public void conv2dInputGradient(Conv conv, int dy, int weights, int dx) { unsupported(); }
    @Override public void maxPool(Pool pool, int x, int y, int argmax) { unsupported(); }
    @Override public void maxPoolGradient(Pool pool, int dy, int argmax, int dx) { unsupported(); }
    @Override public void activation(ActivationFunction function, int count, int x, int y) { unsupported(); }
    @Override public void activationGradient(ActivationFunction function, int count, int x, int y, int dy, int dx) { unsupported(); }
    @Override public void add(int count, int a, int b, int y) { unsupported(); }
    @Override public void copy(int count, int x, int y) { unsupported(); }
    @Override public void avgPool(Pool pool, int x, int y) { unsupported(); }
    @Override public void avgPoolGradient(Pool pool, int dy, int dx) { unsupported(); }
    @Override public void groupMean(int groups, int size, int x, int y) { unsupported(); }
    @Override public void groupMeanGradient(int groups, int size, int dy, int dx) { unsupported(); }
    @Override public void batchNorm(Norm norm, int x, int y, int gamma, int running, int saved, boolean training) { unsupported(); }
    @Override public void batchNormGradient(Norm norm, int x, int dy, int dx, int gamma, int saved, int dGamma) { unsupported(); }
    @Override public void embeddingBag(Bag bag, int x, int table, int ids, int y) { unsupported(); }
    @Override public void embeddingBagGradient(Bag bag, int x, int dy, int ids, int dTable) { unsupported(); }
    @Override public void adamRows(Bag bag, int ids, int t, int g, int m, int v, float lr, float b1, float b2, float eps, float wd, int step) { unsupported(); }
    @Override public void sgdRows(Bag bag, int ids, int t, int g, int v, float lr, float momentum, float wd) { unsupported(); }
    @Override public void augment(Images images, int shift, boolean flip, int seed, int y) { unsupported(); }
    @Override public LossResult softmaxCrossEntropy(int rows, int cols, int logits, int grad) { throw unsupported(); }
    @Override public LossResult meanSquaredError(int rows, int cols, int predictions, int grad) { throw unsupported(); }
    @Override public void adam(int count, int p, int g, int m, int v, float lr, float b1, float b2, float eps, float wd, int step) { unsupported(); }
    @Override public void sgd(int count, int p, int g, int v, float lr, float momentum, float wd) { unsupported(); }
    @Override public long flops() { return 0; }

    private static UnsupportedOperationException unsupported() {
        throw new UnsupportedOperationException("a counting backend runs no kernels");
    }
}
