package org.mlarena.numerics.nn;

import org.mlarena.numerics.ComputeDevice;

/**
 * The kernels of training and inference over a flat memory. Offsets index the resident memory
 * ({@link #memory()}); matrices are row-major. Every launch adds its FLOPs ({@link Flops}) to
 * {@link #flops()}. Not thread-safe: one network per backend, driven by one thread.
 */
public interface Backend extends AutoCloseable {

    ComputeDevice device();

    /**
     * Allocates the resident memory and the staging arrays of a batch.
     *
     * @param memorySize    floats of resident memory
     * @param batchFloats   floats of the largest input batch
     * @param batchRows     rows of the largest batch
     * @param targetColumns target values per row for regression (0 for classification)
     */
    void allocate(int memorySize, int batchFloats, int batchRows, int targetColumns);

    /** The host copy of the resident memory: write it then {@link #upload()}; {@link #download()} before reading. */
    float[] memory();

    void upload();

    void download();

    /** Stages a classification batch: inputs (rows &times; cols) and labels. */
    void stageBatch(float[] inputs, int from, int rows, int cols, int[] labels, int labelFrom);

    /** Stages a regression batch: inputs and targets (rows &times; targetColumns). */
    void stageBatch(float[] inputs, int from, int rows, int cols, float[] targets, int targetFrom);

    /** Copies the staged batch's inputs into resident memory at {@code destination}. */
    void copyBatch(int count, int destination);

    /** C = op(A) &middot; op(B) (+ C when accumulating), op = transpose or not; op(A) is m&times;k, op(B) k&times;n. */
    void matmul(int m, int n, int k, int a, boolean transposeA, int b, boolean transposeB, int c, boolean accumulate);

    void addBias(int rows, int cols, int x, int bias, boolean relu);

    void reluBackward(int count, int y, int dy);

    void biasGradient(int rows, int cols, int dy, int db);

    /**
     * Inverted dropout in place: each element is kept with probability 1 - rate and scaled by
     * 1 / (1 - rate), else zeroed; the factor applied is written to {@code mask} for the backward pass.
     * The decision for element i is a hash of (seed, i): the same on every backend, reproducible.
     */
    void dropout(int count, int x, int mask, float rate, int seed);

    /** x *= mask, element by element (dropout's backward pass). */
    void multiply(int count, int x, int mask);

    /**
     * Softmax of the logits with cross-entropy against the staged labels: writes the gradient of the mean
     * loss into {@code grad} and answers the mean loss and the number of correct arg-max predictions.
     */
    LossResult softmaxCrossEntropy(int rows, int cols, int logits, int grad);

    /** Mean squared error against the staged targets; gradient of the mean loss into {@code grad}. */
    LossResult meanSquaredError(int rows, int cols, int predictions, int grad);

    /** AdamW: decoupled weight decay, bias-corrected moments; {@code step} counts from 1. */
    void adam(int count, int params, int grads, int m, int v, float learningRate, float beta1, float beta2, float epsilon,
              float weightDecay, int step);

    /** SGD with momentum and (coupled) weight decay. */
    void sgd(int count, int params, int grads, int velocity, float learningRate, float momentum, float weightDecay);

    long flops();

    @Override
    default void close() {
    }

    /** What a loss launch answers. */
    record LossResult(double meanLoss, int correct) {
    }
}
