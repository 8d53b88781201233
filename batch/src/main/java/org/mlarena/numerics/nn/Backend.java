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

    /**
     * Copies {@code count} values of the resident memory from {@code offset} into {@code into} at {@code at}: what
     * {@link #download()} then reading {@link #memory()} gives, without bringing all of the memory from the device (a
     * batch's outputs are a few hundred values; the memory of a text model on 16,384 buckets is 38 MB).
     */
    default void read(int offset, int count, float[] into, int at) {
        download();
        System.arraycopy(memory(), offset, into, at, count);
    }

    /** Stages a classification batch: inputs (rows &times; cols) and labels. */
    void stageBatch(float[] inputs, int from, int rows, int cols, int[] labels, int labelFrom);

    /** Stages a regression batch: inputs and targets (rows &times; targetColumns). */
    void stageBatch(float[] inputs, int from, int rows, int cols, float[] targets, int targetFrom);

    /** Copies the staged batch's inputs into resident memory at {@code destination}. */
    void copyBatch(int count, int destination);

    /** C = op(A) &middot; op(B) (+ C when accumulating), op = transpose or not; op(A) is m&times;k, op(B) k&times;n. */
    void matmul(int m, int n, int k, int a, boolean transposeA, int b, boolean transposeB, int c, boolean accumulate);

    /**
     * A dense layer's forward pass: y = x &middot; W + bias, then ReLU if asked (x is rows &times; k, W k &times; n). The same
     * as {@link #matmul} then {@link #addBias}, which is what it does unless a backend fuses them into one launch.
     */
    default void dense(int rows, int n, int k, int x, int weights, int y, int bias, boolean relu) {
        matmul(rows, n, k, x, false, weights, false, y, false);
        addBias(rows, n, 1, y, bias, relu);
    }

    /**
     * {@link #dense} on the staged batch: copies the batch's inputs (rows &times; k) to {@code x} first, as
     * {@link #copyBatch} does, unless a backend fuses the copy into the same launch.
     */
    default void denseOnBatch(int rows, int n, int k, int x, int weights, int y, int bias, boolean relu) {
        copyBatch(rows * k, x);
        dense(rows, n, k, x, weights, y, bias, relu);
    }

    /**
     * The output layer and the loss: logits = x &middot; W + bias, then {@link #softmaxCrossEntropy} of them into
     * {@code grad}; one launch where a backend fuses them.
     */
    default LossResult denseSoftmaxCrossEntropy(int rows, int n, int k, int x, int weights, int logits, int bias, int grad) {
        dense(rows, n, k, x, weights, logits, bias, false);
        return softmaxCrossEntropy(rows, n, logits, grad);
    }

    /**
     * A dense layer's input gradient dx = dy &middot; W&#7488; (dy is rows &times; n, W k &times; n), then, when {@code reluOf} is not
     * -1, the ReLU backward pass of the layer below whose output is at {@code reluOf} ({@link #reluBackward}).
     */
    default void denseInputGradient(int rows, int n, int k, int dy, int weights, int dx, int reluOf) {
        matmul(rows, k, n, dy, false, weights, true, dx, false);
        if (reluOf >= 0) {
            reluBackward(rows * k, reluOf, dx);
        }
    }

    /**
     * A dense layer's parameter gradients: dW = x&#7488; &middot; dy and db = the column sums of dy (dy is rows &times; n). The
     * same as {@link #matmul} then {@link #biasGradient}, unless a backend fuses them into one launch.
     */
    default void denseWeightGradient(int rows, int n, int k, int x, int dy, int dw, int db) {
        matmul(k, n, rows, x, true, dy, false, dw, false);
        biasGradient(rows, n, 1, dy, db);
    }

    /**
     * A dense layer's backward pass below its activation: {@link #denseWeightGradient} then {@link #denseInputGradient}
     * (both read dy; W is read before any step), in one launch where a backend fuses them.
     */
    default void denseBackward(int rows, int n, int k, int x, int dy, int weights, int dw, int db, int dx, int reluOf) {
        denseWeightGradient(rows, n, k, x, dy, dw, db);
        denseInputGradient(rows, n, k, dy, weights, dx, reluOf);
    }

    /**
     * {@link #denseWeightGradient} of the network's first layer (its gradients are the last to be computed), then one
     * optimiser step over all the network's parameters; one launch where a backend fuses them. {@code dw} and {@code db}
     * lie in the gradient region (parameter e's gradient at P + e).
     */
    default void denseWeightGradientAndStep(int rows, int n, int k, int x, int dy, int dw, int db, Optimizer optimizer,
                                            int parameterCount, int step) {
        denseWeightGradient(rows, n, k, x, dy, dw, db);
        optimizer.update(this, parameterCount, 0, parameterCount, step);
    }

    /**
     * x += bias, optionally followed by ReLU; x is rows &times; cols &times; spatial and bias has cols values (one
     * per column of a dense layer with spatial = 1, one per channel of a convolution with spatial = H&middot;W).
     */
    void addBias(int rows, int cols, int spatial, int x, int bias, boolean relu);

    void reluBackward(int count, int y, int dy);

    /** db[j] = sum of dy over rows and spatial positions (layout as {@link #addBias}). */
    void biasGradient(int rows, int cols, int spatial, int dy, int db);

    /**
     * 2-D convolution with zero padding {@code pad} and a stride: x is n &times; c &times; h &times; w, weights f &times; c &times; k &times; k,
     * y is n &times; f &times; oh &times; ow with oh = (h + 2&middot;pad - k) / stride + 1 (no bias: {@link #addBias} adds it).
     */
    void conv2d(Conv conv, int x, int weights, int y);

    /** dW = the correlation of x with dy (overwrites dW). */
    void conv2dWeightGradient(Conv conv, int x, int dy, int dw);

    /** dx = the full convolution of dy with the weights (overwrites dx). */
    void conv2dInputGradient(Conv conv, int dy, int weights, int dx);

    /** Max-pooling over size &times; size windows, stride size: y and the index in its window of each maximum. */
    void maxPool(Pool pool, int x, int y, int argmax);

    /** Routes dy to the maximum of each window, zero elsewhere (overwrites dx). */
    void maxPoolGradient(Pool pool, int dy, int argmax, int dx);

    /** y = f(x) element by element ({@code y} may be {@code x}). */
    void activation(ActivationFunction function, int count, int x, int y);

    /** dx = dy &middot; f'(x) from the input x and the output y ({@code dx} may be {@code dy}). */
    void activationGradient(ActivationFunction function, int count, int x, int y, int dy, int dx);

    /** y = a + b element by element ({@code y} may be {@code a} or {@code b}). */
    void add(int count, int a, int b, int y);

    /** y = x (no floating-point work). */
    void copy(int count, int x, int y);

    /** Average pooling over size &times; size windows, stride size. */
    void avgPool(Pool pool, int x, int y);

    /** Spreads each dy evenly over its window (overwrites dx). */
    void avgPoolGradient(Pool pool, int dy, int dx);

    /** y[g] = the mean of x[g&middot;size .. (g + 1)&middot;size): global average pooling over the planes of a batch. */
    void groupMean(int groups, int size, int x, int y);

    /** dx[g&middot;size + s] = dy[g] / size (overwrites dx). */
    void groupMeanGradient(int groups, int size, int dy, int dx);

    /**
     * Batch normalisation of x (rows &times; channels &times; spatial) per channel into y. Training: the batch's mean and
     * biased variance, saved at {@code saved} (the mean, then 1/&radic;(var + eps), channels each) for the backward pass, and the
     * running estimates at {@code running} (the mean, then the variance) moved towards them by {@code momentum} (the
     * variance unbiased, as PyTorch does). Predicting: the running estimates. The scale &gamma; is at {@code gamma}, the shift
     * &beta; right after it.
     */
    void batchNorm(Norm norm, int x, int y, int gamma, int running, int saved, boolean training);

    /**
     * Batch normalisation's backward pass from the input x, the saved statistics and dy: dx (overwritten; none when -1), and, unless
     * {@code dGamma} is -1, the gradients of &gamma; and &beta; (at dGamma, then right after it).
     */
    void batchNormGradient(Norm norm, int x, int dy, int dx, int gamma, int saved, int dGamma);

    /**
     * An embedding bag's forward pass ({@link LayerSpec.EmbeddingBag}). For each row of x (rows &times; vocabulary) the ids of its
     * nonzero values, the first {@code entries} in id order, go to {@code ids} (per row: their count, then the ids, as floats;
     * {@link Bag#idsPerRow()} floats a row); then y[r] = bias + &Sigma; x[r, j]&middot;E[j] over those ids, E the vocabulary
     * &times; dimension table at {@code table} and the bias (dimension values) right after it.
     */
    void embeddingBag(Bag bag, int x, int table, int ids, int y);

    /**
     * The table's gradient: zero at the rows of the bag's ids, then dE[j] += x[r, j]&middot;dy[r] for each row r and id j of
     * it; the other rows are not touched. (The bias's gradient is {@link #biasGradient}'s.)
     */
    void embeddingBagGradient(Bag bag, int x, int dy, int ids, int dTable);

    /**
     * AdamW ({@link #adam}) of the table's rows of the bag's ids only, each once; their gradients are zero afterwards.
     * {@code grads}, {@code m} and {@code v} are where the table's gradients and moments start.
     */
    void adamRows(Bag bag, int ids, int table, int grads, int m, int v, float learningRate, float beta1, float beta2, float epsilon,
                  float weightDecay, int step);

    /** SGD ({@link #sgd}) of the table's rows of the bag's ids only, each once; their gradients are zero afterwards. */
    void sgdRows(Bag bag, int ids, int table, int grads, int velocity, float learningRate, float momentum, float weightDecay);

    /**
     * The staged batch's images (rows &times; channels &times; height &times; width) into {@code y}, each shifted and flipped as
     * {@link LayerSpec.Augment} says: image r's vertical and horizontal shifts and its flip are drawn from
     * {@link Flops#dropoutUniform}(seed, 3r), (seed, 3r + 1) and (seed, 3r + 2). No arithmetic: no FLOPs.
     */
    void augment(Images images, int shift, boolean flip, int seed, int y);

    /** A batch of images. */
    record Images(int rows, int channels, int height, int width) {
    }

    /** Image r's draw k of {@link #augment}: a shift in [-shift, shift], or 0/1 for the flip (shift 0). */
    static int augmentDraw(int seed, int r, int k, int shift) {
        return (int) (Flops.dropoutUniform(seed, 3 * r + k) * (2 * shift + 1)) - shift;
    }

    /** The shape of an embedding bag launch. */
    record Bag(int rows, int vocabulary, int dimension, int entries) {
        /** Floats of one row's ids: the count, then up to {@link #entries} ids. */
        public int idsPerRow() {
            return entries + 1;
        }

        /** Table values one step may update: a row of the table per id of the batch. */
        public long updatedAtMost() {
            return (long) rows * entries * dimension;
        }
    }

    /** The shape and settings of a batch normalisation launch. */
    record Norm(int rows, int channels, int spatial, float momentum, float epsilon) {
        /** Values per channel in a batch. */
        public int perChannel() {
            return rows * spatial;
        }
    }

    /** The shape of a convolution launch. */
    record Conv(int n, int c, int h, int w, int f, int k, int pad, int stride) {
        public Conv {
            if (stride < 1) {
                throw new IllegalArgumentException("a convolution's stride is at least 1, got " + stride);
            }
        }

        /** Stride 1. */
        public Conv(int n, int c, int h, int w, int f, int k, int pad) {
            this(n, c, h, w, f, k, pad, 1);
        }

        public int oh() {
            return (h + 2 * pad - k) / stride + 1;
        }

        public int ow() {
            return (w + 2 * pad - k) / stride + 1;
        }
    }

    /** The shape of a pooling launch; h and w must be multiples of size. */
    record Pool(int n, int c, int h, int w, int size) {
        public int oh() {
            return h / size;
        }

        public int ow() {
            return w / size;
        }
    }

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
