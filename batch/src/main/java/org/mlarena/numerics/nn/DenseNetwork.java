package org.mlarena.numerics.nn;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A fully connected network on a {@link Backend}: ReLU between layers, softmax cross-entropy or mean
 * squared error at the end. With no hidden layer it is softmax (logistic) regression or linear regression;
 * with hidden layers an MLP classifier or regressor.
 *
 * <p>Memory layout (floats, offsets fixed at construction): parameters {@code [W0 b0 W1 b1 …]} (P floats),
 * their gradients (P), the optimiser's two state vectors (2P), then per batch row the input and, per
 * layer, its output and the gradient of its output. Weights never leave the device during training.
 */
public final class DenseNetwork implements AutoCloseable {

    /** The loss, which also fixes the output layer's activation (none). */
    public enum Loss { SOFTMAX_CROSS_ENTROPY, MEAN_SQUARED_ERROR }

    private final int[] sizes;
    private final Loss loss;
    private final Backend backend;
    private final int capacity;
    private final int layers;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    private final int inputOffset;
    private final int[] outputOffset;
    private final int[] gradientOffset;
    private final boolean[] frozen;
    private final float dropout;
    private final int[] maskOffset;
    private int dropoutSeed;
    private int step;

    /**
     * @param sizes    input size, hidden sizes…, output size (classes, or targets for regression)
     * @param loss     the loss
     * @param backend  where it runs; the network allocates its memory there
     * @param capacity the largest batch
     */
    public DenseNetwork(int[] sizes, Loss loss, Backend backend, int capacity) {
        this(sizes, loss, backend, capacity, 0f);
    }

    /**
     * @param dropout the rate of inverted dropout after every hidden layer during training, 0 for none
     */
    public DenseNetwork(int[] sizes, Loss loss, Backend backend, int capacity, float dropout) {
        if (!(dropout >= 0f && dropout < 1f)) {
            throw new IllegalArgumentException("the dropout rate must be in [0, 1), got " + dropout);
        }
        this.dropout = dropout;
        if (sizes.length < 2) {
            throw new IllegalArgumentException("a network needs an input and an output size, got " + Arrays.toString(sizes));
        }
        for (int s : sizes) {
            if (s < 1) {
                throw new IllegalArgumentException("layer sizes must be positive, got " + Arrays.toString(sizes));
            }
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("the batch capacity must be positive, got " + capacity);
        }
        this.sizes = sizes.clone();
        this.loss = loss;
        this.backend = backend;
        this.capacity = capacity;
        this.layers = sizes.length - 1;
        this.weightOffset = new int[layers];
        this.biasOffset = new int[layers];
        this.frozen = new boolean[layers];
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            weightOffset[l] = (int) offset;
            offset += (long) sizes[l] * sizes[l + 1];
            biasOffset[l] = (int) offset;
            offset += sizes[l + 1];
        }
        this.parameterCount = checked(offset);
        long next = 4L * parameterCount;
        this.inputOffset = checked(next);
        next += (long) capacity * sizes[0];
        this.outputOffset = new int[layers];
        this.gradientOffset = new int[layers];
        this.maskOffset = new int[layers];
        for (int l = 0; l < layers; l++) {
            outputOffset[l] = checked(next);
            next += (long) capacity * sizes[l + 1];
            gradientOffset[l] = checked(next);
            next += (long) capacity * sizes[l + 1];
            if (dropout > 0f && l < layers - 1) {
                maskOffset[l] = checked(next);
                next += (long) capacity * sizes[l + 1];
            }
        }
        backend.allocate(checked(next), capacity * sizes[0], capacity, loss == Loss.MEAN_SQUARED_ERROR ? outputs() : 0);
    }

    private static int checked(long offset) {
        if (offset > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the network does not fit one array (" + offset + " floats); make it or the batch smaller");
        }
        return (int) offset;
    }

    /** He-uniform weights for ReLU layers (Glorot-like for the output), zero biases, zero optimiser state. */
    public void initialise(long seed) {
        float[] mem = backend.memory();
        Arrays.fill(mem, 0f);
        SplittableRandom random = new SplittableRandom(seed);
        for (int l = 0; l < layers; l++) {
            double limit = Math.sqrt(6.0 / sizes[l]);
            for (int i = 0; i < sizes[l] * sizes[l + 1]; i++) {
                mem[weightOffset[l] + i] = (float) random.nextDouble(-limit, limit);
            }
        }
        step = 0;
        dropoutSeed = (int) (seed ^ (seed >>> 32));
        backend.upload();
    }

    public float dropout() {
        return dropout;
    }

    public Backend backend() {
        return backend;
    }

    public int inputs() {
        return sizes[0];
    }

    public int outputs() {
        return sizes[layers];
    }

    public int[] sizes() {
        return sizes.clone();
    }

    public Loss loss() {
        return loss;
    }

    public int capacity() {
        return capacity;
    }

    public int parameterCount() {
        return parameterCount;
    }

    /** Size of the parameters as stored (fp32). */
    public long parameterBytes() {
        return 4L * parameterCount;
    }

    /** Optimiser steps taken (Adam's bias correction depends on it); restored from checkpoints. */
    public int step() {
        return step;
    }

    public void step(int step) {
        this.step = step;
    }

    public int layers() {
        return layers;
    }

    /** Layers whose parameters the optimiser leaves alone (for finetuning); 0 is the first. */
    public void freeze(int layer, boolean freeze) {
        frozen[layer] = freeze;
    }

    public boolean isFrozen(int layer) {
        return frozen[layer];
    }

    /** The inference pass of the staged batch (no dropout); the output is at {@link #outputOffset()}. */
    public void forward(int rows) {
        forward(rows, false);
    }

    private void forward(int rows, boolean training) {
        checkRows(rows);
        backend.copyBatch(rows * sizes[0], inputOffset);
        for (int l = 0; l < layers; l++) {
            backend.matmul(rows, sizes[l + 1], sizes[l], activation(l - 1), false, weightOffset[l], false, outputOffset[l], false);
            backend.addBias(rows, sizes[l + 1], outputOffset[l], biasOffset[l], l < layers - 1);
            if (training && dropout > 0f && l < layers - 1) {
                backend.dropout(rows * sizes[l + 1], outputOffset[l], maskOffset[l], dropout, dropoutSeed + 7919 * step + 104729 * l);
            }
        }
    }

    /** Forward pass and loss of the staged batch, without changing anything. */
    public Backend.LossResult evaluate(int rows) {
        forward(rows);
        return lossOf(rows);
    }

    /** Forward, loss and backward on the staged batch: the gradients are at {@link #gradientBase()}. */
    public Backend.LossResult computeGradients(int rows) {
        forward(rows, true);
        Backend.LossResult result = lossOf(rows);
        backward(rows);
        return result;
    }

    /** One optimisation step on the staged batch: forward, loss, backward, update. */
    public Backend.LossResult trainStep(int rows, Optimizer optimizer) {
        Backend.LossResult result = computeGradients(rows);
        step++;
        for (int l = 0; l < layers; l++) {
            if (!frozen[l]) {
                int count = sizes[l] * sizes[l + 1] + sizes[l + 1];
                optimizer.update(backend, count, weightOffset[l], parameterCount, step);
            }
        }
        return result;
    }

    private Backend.LossResult lossOf(int rows) {
        int last = layers - 1;
        return loss == Loss.SOFTMAX_CROSS_ENTROPY
                ? backend.softmaxCrossEntropy(rows, outputs(), outputOffset[last], gradientOffset[last])
                : backend.meanSquaredError(rows, outputs(), outputOffset[last], gradientOffset[last]);
    }

    private void backward(int rows) {
        int firstTrainable = 0;
        while (firstTrainable < layers && frozen[firstTrainable]) {
            firstTrainable++;
        }
        for (int l = layers - 1; l >= firstTrainable; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            if (!frozen[l]) {
                backend.matmul(in, out, rows, activation(l - 1), true, gradientOffset[l], false, parameterCount + weightOffset[l], false);
                backend.biasGradient(rows, out, gradientOffset[l], parameterCount + biasOffset[l]);
            }
            if (l > firstTrainable) {
                backend.matmul(rows, in, out, gradientOffset[l], false, weightOffset[l], true, gradientOffset[l - 1], false);
                if (dropout > 0f) {
                    backend.multiply(rows * in, gradientOffset[l - 1], maskOffset[l - 1]);
                }
                backend.reluBackward(rows * in, outputOffset[l - 1], gradientOffset[l - 1]);
            }
        }
    }

    private int activation(int layer) {
        return layer < 0 ? inputOffset : outputOffset[layer];
    }

    /** Offset of the network's output (logits or predictions) in the backend's memory. */
    public int outputOffset() {
        return outputOffset[layers - 1];
    }

    /** Offsets of layer l's weights (in&times;out, row-major) and biases, for saving, loading and tests. */
    public int weightOffset(int layer) {
        return weightOffset[layer];
    }

    public int biasOffset(int layer) {
        return biasOffset[layer];
    }

    /** Offset of the gradients: the parameter layout shifted by P. */
    public int gradientBase() {
        return parameterCount;
    }

    /** FLOPs of one sample's inference (forward pass, no loss). */
    public long inferenceFlopsPerSample() {
        return forwardFlops(1);
    }

    /** FLOPs of one training step on a batch of the given rows, as the backends count them. */
    public long trainingFlops(int rows, Optimizer optimizer) {
        long total = forwardFlops(rows);
        for (int l = 0; dropout > 0f && l < layers - 1; l++) {
            total += Flops.dropout((long) rows * sizes[l + 1]);
        }
        total += loss == Loss.SOFTMAX_CROSS_ENTROPY ? Flops.softmaxCrossEntropy(rows, outputs()) : Flops.meanSquaredError(rows, outputs());
        int firstTrainable = 0;
        while (firstTrainable < layers && frozen[firstTrainable]) {
            firstTrainable++;
        }
        for (int l = layers - 1; l >= firstTrainable; l--) {
            int in = sizes[l];
            int out = sizes[l + 1];
            if (!frozen[l]) {
                total += Flops.matmul(in, out, rows, false) + Flops.biasGradient(rows, out) + optimizer.flops((long) in * out + out);
            }
            if (l > firstTrainable) {
                total += Flops.matmul(rows, in, out, false) + Flops.reluBackward((long) rows * in)
                        + (dropout > 0f ? Flops.multiply((long) rows * in) : 0);
            }
        }
        return total;
    }

    private long forwardFlops(int rows) {
        long total = 0;
        for (int l = 0; l < layers; l++) {
            total += Flops.matmul(rows, sizes[l + 1], sizes[l], false) + Flops.addBias(rows, sizes[l + 1], l < layers - 1);
        }
        return total;
    }

    private void checkRows(int rows) {
        if (rows < 1 || rows > capacity) {
            throw new IllegalArgumentException("a batch has 1 to " + capacity + " rows, got " + rows);
        }
    }

    @Override
    public void close() {
        backend.close();
    }
}
