package org.mlarena.numerics.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A layer placed in a network's memory: its offsets, and its launches for the forward and backward
 * passes with their FLOP counts. Activations and gradients are laid out rows &times; {@link Shape#size()}.
 */
abstract class Layer {

    final Shape in;
    final Shape out;
    /** offsets in the backend's memory: parameters, state, input and output activations and their gradients, scratch */
    int params;
    int state;
    int inAct;
    int outAct;
    int inGrad = -1;
    int outGrad;
    int scratch;

    Layer(Shape in, Shape out) {
        this.in = in;
        this.out = out;
    }

    abstract LayerSpec spec();

    /** Trained values (weights first, then biases); none unless a layer has them. */
    int parameterCount() {
        return 0;
    }

    /** Floats per sample the layer keeps between its passes (dropout masks, pooling arg-max). */
    int scratchPerSample() {
        return 0;
    }

    /** Floats per batch the layer keeps between its passes whatever the batch's size (a batch's statistics). */
    int scratchPerBatch() {
        return 0;
    }

    /** Values that are not trained by the optimiser but saved with the weights (running statistics). */
    int stateCount() {
        return 0;
    }

    /** Places the parameters at {@code offset}; answers the offset after them. */
    int layoutParameters(int offset) {
        params = offset;
        return Network.checked((long) offset + parameterCount());
    }

    /** Places the state at {@code offset}; answers the offset after it. */
    int layoutState(int offset) {
        state = offset;
        return offset + stateCount();
    }

    /**
     * Places the activations, their gradients and the scratch from {@code next} for batches of up to {@code capacity} rows,
     * reading the input at {@code input} and writing its gradient at {@code inputGradient} (-1: none); answers the next
     * free offset.
     */
    long layout(long next, int capacity, int input, int inputGradient) {
        inAct = input;
        inGrad = inputGradient;
        outAct = Network.checked(next);
        next += (long) capacity * out.size();
        outGrad = Network.checked(next);
        next += (long) capacity * out.size();
        scratch = Network.checked(next);
        return next + (long) capacity * scratchPerSample() + scratchPerBatch();
    }

    /** The optimiser's step of this layer's parameters once their gradients are complete: all of them. */
    void update(Optimizer optimizer, Backend backend, int rows, int parameterCount, int step) {
        optimizer.update(backend, parameterCount(), params, parameterCount, step);
    }

    /** The FLOPs of {@link #update}. */
    long updateFlops(Optimizer optimizer, int rows) {
        return optimizer.flops(parameterCount());
    }

    /** Whether {@link #update} steps only some of the parameters (so that one step over all of them would be wrong). */
    boolean updatesInPart() {
        return false;
    }

    /** Parameters that are biases (at the end of the layer's parameters). */
    int biasCount() {
        return 0;
    }

    /** Sets the initial parameters and state; nothing for a layer without them. */
    void initialise(float[] mem, SplittableRandom random) {
    }

    abstract void forward(Backend backend, int rows, boolean training, int seed);

    /** The forward pass of the first layer, whose input is still in the staged batch: copied to {@link #inAct} first. */
    void forwardOnBatch(Backend backend, int rows, boolean training, int seed) {
        backend.copyBatch(rows * in.size(), inAct);
        forward(backend, rows, training, seed);
    }

    /** Whether the forward pass ends with ReLU, so that the layer above may fold its backward pass into its own. */
    boolean endsWithRelu() {
        return false;
    }

    /** Whether {@link #backward} can apply the ReLU backward pass of the layer below ({@code reluBelow}). */
    boolean foldsReluBelow() {
        return false;
    }

    /**
     * @param gradientBase  where gradients start (the parameter layout shifted by P)
     * @param trainable     compute the parameter gradients
     * @param inputGradient compute the gradient of the input (for the layer before)
     * @param reluBelow     when not -1, the output of the layer below: apply its ReLU backward pass to the input
     *                      gradient (only asked of layers that {@link #foldsReluBelow()})
     * @param reluDone      the layer above applied this layer's ReLU backward pass already
     * @param stepAfter     null, or the optimiser step to take once this layer's gradients are complete (asked only of
     *                      a dense first layer, whose gradients come last: the backend may fuse the two)
     */
    abstract void backward(Backend backend, int rows, int gradientBase, boolean trainable, boolean inputGradient,
                           int reluBelow, boolean reluDone, StepAfter stepAfter);

    /** An optimiser step over all P parameters, as {@link Optimizer#update} takes it, after the last gradients. */
    record StepAfter(Optimizer optimizer, int parameterCount, int step) {
    }

    abstract long forwardFlops(int rows, boolean training);

    abstract long backwardFlops(int rows, boolean trainable, boolean inputGradient);

    /** The most values of one image's columns a convolution of this layer stages when computed as a product (0: none). */
    long columnsPerImage() {
        return 0;
    }

    /** Refuses a count that one Java array (the backends' memory) cannot hold: counted in long, never wrapped. */
    static void fitsOneArray(long count, String what) {
        if (count > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s has %,d values, more than one array holds", what, count));
        }
    }

    static Layer of(LayerSpec spec, Shape in) {
        if (spec instanceof LayerSpec.Dense d) {
            return new DenseLayer(d, in);
        }
        if (spec instanceof LayerSpec.Conv2d c) {
            return new ConvLayer(c, in);
        }
        if (spec instanceof LayerSpec.MaxPool p) {
            return new PoolLayer(p, in);
        }
        if (spec instanceof LayerSpec.AvgPool p) {
            return new AvgPoolLayer(p, in);
        }
        if (spec instanceof LayerSpec.GlobalAvgPool g) {
            return new GlobalAvgPoolLayer(g, in);
        }
        if (spec instanceof LayerSpec.Activation a) {
            return new ActivationLayer(a, in);
        }
        if (spec instanceof LayerSpec.Dropout d) {
            return new DropoutLayer(d, in);
        }
        if (spec instanceof LayerSpec.BatchNorm b) {
            return new BatchNormLayer(b, in);
        }
        if (spec instanceof LayerSpec.Flatten f) {
            return new FlattenLayer(f, in);
        }
        if (spec instanceof LayerSpec.EmbeddingBag e) {
            return new EmbeddingBagLayer(e, in);
        }
        if (spec instanceof LayerSpec.Augment a) {
            return new AugmentLayer(a, in);
        }
        return new ResidualLayer((LayerSpec.Residual) spec, in);
    }

    /**
     * The backward pass through a chain of layers, last to first, each reading the gradient of its output: the gradients
     * of the trainable ones, and the input gradients down to {@code first} (of {@code first} itself when
     * {@code inputGradientOfFirst}). A dense layer above a layer that ends with ReLU applies that ReLU's backward pass with
     * its input gradient (one launch on OpenCL).
     */
    static void backwardChain(List<Layer> layers, int first, boolean[] trainable, Backend backend, int rows, int gradientBase,
                              boolean inputGradientOfFirst, StepAfter stepAfter) {
        boolean reluDone = false;
        for (int l = layers.size() - 1; l >= first; l--) {
            Layer layer = layers.get(l);
            boolean inputGradient = l > first || inputGradientOfFirst;
            int reluBelow = l > first && layer.foldsReluBelow() && layers.get(l - 1).endsWithRelu() ? layers.get(l - 1).outAct : -1;
            layer.backward(backend, rows, gradientBase, trainable[l], inputGradient, reluBelow, reluDone, l == first ? stepAfter : null);
            reluDone = reluBelow >= 0;
        }
    }

    /** The FLOPs {@link #backwardChain} counts. */
    static long backwardChainFlops(List<Layer> layers, int first, boolean[] trainable, int rows, boolean inputGradientOfFirst) {
        long total = 0;
        for (int l = layers.size() - 1; l >= first; l--) {
            total += layers.get(l).backwardFlops(rows, trainable[l], l > first || inputGradientOfFirst);
        }
        return total;
    }

    static void heUniform(float[] mem, int offset, int count, int fanIn, SplittableRandom random) {
        double limit = Math.sqrt(6.0 / fanIn);
        for (int i = 0; i < count; i++) {
            mem[offset + i] = (float) random.nextDouble(-limit, limit);
        }
    }

    /** Fully connected, with ReLU and dropout fused. */
    static final class DenseLayer extends Layer {
        private final LayerSpec.Dense spec;

        DenseLayer(LayerSpec.Dense spec, Shape in) {
            super(in, Shape.vector(spec.outputs()));
            this.spec = spec;
            fitsOneArray((long) in.size() * spec.outputs() + spec.outputs(), "a dense layer of " + spec.outputs() + " on " + in);
        }

        @Override
        LayerSpec.Dense spec() {
            return spec;
        }

        @Override
        int parameterCount() {
            return in.size() * out.size() + out.size();
        }

        @Override
        int biasCount() {
            return out.size();
        }

        @Override
        int scratchPerSample() {
            return spec.dropout() > 0f ? out.size() : 0;
        }

        @Override
        void initialise(float[] mem, SplittableRandom random) {
            heUniform(mem, params, in.size() * out.size(), in.size(), random);
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            int n = out.size();
            b.dense(rows, n, in.size(), inAct, params, outAct, params + in.size() * n, spec.relu());
            dropout(b, rows, training, seed);
        }

        @Override
        void forwardOnBatch(Backend b, int rows, boolean training, int seed) {
            int n = out.size();
            b.denseOnBatch(rows, n, in.size(), inAct, params, outAct, params + in.size() * n, spec.relu());
            dropout(b, rows, training, seed);
        }

        private void dropout(Backend b, int rows, boolean training, int seed) {
            if (training && spec.dropout() > 0f) {
                b.dropout(rows * out.size(), outAct, scratch, spec.dropout(), seed);
            }
        }

        /** The output layer's forward pass and the softmax cross-entropy of its logits (no ReLU, no dropout). */
        Backend.LossResult forwardWithSoftmax(Backend b, int rows) {
            int n = out.size();
            return b.denseSoftmaxCrossEntropy(rows, n, in.size(), inAct, params, outAct, params + in.size() * n, outGrad);
        }

        @Override
        boolean endsWithRelu() {
            return spec.relu() && spec.dropout() == 0f;
        }

        @Override
        boolean foldsReluBelow() {
            return true;
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            int n = out.size();
            int k = in.size();
            if (spec.relu() && !reluDone) {
                if (spec.dropout() > 0f) {
                    b.multiply(rows * n, outGrad, scratch);
                }
                b.reluBackward(rows * n, outAct, outGrad);
            }
            if (trainable && stepAfter != null) {
                b.denseWeightGradientAndStep(rows, n, k, inAct, outGrad, gradientBase + params, gradientBase + params + k * n,
                        stepAfter.optimizer(), stepAfter.parameterCount(), stepAfter.step());
            }
            if (trainable && stepAfter == null && inputGradient) {
                b.denseBackward(rows, n, k, inAct, outGrad, params, gradientBase + params, gradientBase + params + k * n, inGrad, reluBelow);
                return;
            }
            if (trainable && stepAfter == null) {
                b.denseWeightGradient(rows, n, k, inAct, outGrad, gradientBase + params, gradientBase + params + k * n);
            }
            if (inputGradient) {
                b.denseInputGradient(rows, n, k, outGrad, params, inGrad, reluBelow);
            }
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            long n = out.size();
            return Flops.matmul(rows, n, in.size(), false) + Flops.addBias(rows, n, spec.relu())
                    + (training && spec.dropout() > 0f ? Flops.dropout(rows * n) : 0);
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            long n = out.size();
            long k = in.size();
            long total = spec.relu() ? Flops.reluBackward(rows * n) + (spec.dropout() > 0f ? Flops.multiply(rows * n) : 0) : 0;
            if (trainable) {
                total += Flops.matmul(k, n, rows, false) + Flops.biasGradient(rows, n);
            }
            if (inputGradient) {
                total += Flops.matmul(rows, k, n, false);
            }
            return total;
        }
    }

    /** 2-D convolution with a bias per filter and ReLU fused. */
    static final class ConvLayer extends Layer {
        private final LayerSpec.Conv2d spec;

        ConvLayer(LayerSpec.Conv2d spec, Shape in) {
            super(in, outputShape(spec, in));
            this.spec = spec;
            fitsOneArray((long) spec.filters() * in.channels() * spec.kernel() * spec.kernel() + spec.filters(),
                    "a convolution of " + spec.filters() + " filters on " + in);
            // a convolution as a product holds at least one image's columns
            fitsOneArray(columnsPerImage(), "the columns of one image of a convolution of " + spec.filters() + " filters on " + in);
        }

        /** The input values one image's taps multiply (c k^2 per output position): what a product convolution stages. */
        @Override
        long columnsPerImage() {
            return (long) in.channels() * spec.kernel() * spec.kernel() * out.height() * out.width();
        }

        /** The output of a convolution on {@code in}; refuses a kernel larger than the padded input. */
        static Shape outputShape(LayerSpec.Conv2d spec, Shape in) {
            int height = in.height() + 2 * spec.padding() - spec.kernel();
            int width = in.width() + 2 * spec.padding() - spec.kernel();
            if (height < 0 || width < 0) {
                throw new IllegalArgumentException("a " + spec.kernel() + "x" + spec.kernel() + " kernel with padding " + spec.padding()
                        + " does not fit a " + in + " input");
            }
            return new Shape(spec.filters(), height / spec.stride() + 1, width / spec.stride() + 1);
        }

        private Backend.Conv conv(int rows) {
            return new Backend.Conv(rows, in.channels(), in.height(), in.width(), spec.filters(), spec.kernel(), spec.padding(), spec.stride());
        }

        private int weights() {
            return spec.filters() * in.channels() * spec.kernel() * spec.kernel();
        }

        @Override
        LayerSpec spec() {
            return spec;
        }

        @Override
        int parameterCount() {
            return weights() + spec.filters();
        }

        @Override
        int biasCount() {
            return spec.filters();
        }

        @Override
        void initialise(float[] mem, SplittableRandom random) {
            heUniform(mem, params, weights(), in.channels() * spec.kernel() * spec.kernel(), random);
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            b.conv2d(conv(rows), inAct, params, outAct);
            b.addBias(rows, spec.filters(), out.height() * out.width(), outAct, params + weights(), spec.relu());
        }

        @Override
        boolean endsWithRelu() {
            return spec.relu();
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            if (spec.relu() && !reluDone) {
                b.reluBackward(rows * out.size(), outAct, outGrad);
            }
            if (trainable) {
                b.conv2dWeightGradient(conv(rows), inAct, outGrad, gradientBase + params);
                b.biasGradient(rows, spec.filters(), out.height() * out.width(), outGrad, gradientBase + params + weights());
            }
            if (inputGradient) {
                b.conv2dInputGradient(conv(rows), outGrad, params, inGrad);
            }
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            return Flops.conv2d(conv(rows)) + Flops.addBias(rows, out.size(), spec.relu());
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            long total = spec.relu() ? Flops.reluBackward((long) rows * out.size()) : 0;
            if (trainable) {
                total += Flops.conv2d(conv(rows)) + Flops.biasGradient(rows, out.size());
            }
            if (inputGradient) {
                total += Flops.conv2d(conv(rows));
            }
            return total;
        }
    }

    /** Max-pooling; keeps the arg-max of each window for the backward pass. */
    static final class PoolLayer extends Layer {
        private final LayerSpec.MaxPool spec;

        PoolLayer(LayerSpec.MaxPool spec, Shape in) {
            super(in, new Shape(in.channels(), in.height() / spec.size(), in.width() / spec.size()));
            if (in.height() % spec.size() != 0 || in.width() % spec.size() != 0) {
                throw new IllegalArgumentException("max-pooling by " + spec.size() + " needs height and width that are multiples of it, got "
                        + in);
            }
            this.spec = spec;
        }

        private Backend.Pool pool(int rows) {
            return new Backend.Pool(rows, in.channels(), in.height(), in.width(), spec.size());
        }

        @Override
        LayerSpec spec() {
            return spec;
        }

        @Override
        int scratchPerSample() {
            return out.size();
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            b.maxPool(pool(rows), inAct, outAct, scratch);
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            if (inputGradient) {
                b.maxPoolGradient(pool(rows), outGrad, scratch, inGrad);
            }
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            return Flops.maxPool(pool(rows));
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            return 0;
        }
    }

    /** Average pooling over non-overlapping windows. */
    static final class AvgPoolLayer extends Layer {
        private final LayerSpec.AvgPool spec;

        AvgPoolLayer(LayerSpec.AvgPool spec, Shape in) {
            super(in, new Shape(in.channels(), in.height() / spec.size(), in.width() / spec.size()));
            if (in.height() % spec.size() != 0 || in.width() % spec.size() != 0) {
                throw new IllegalArgumentException("average pooling by " + spec.size() + " needs height and width that are multiples of it, got "
                        + in);
            }
            this.spec = spec;
        }

        private Backend.Pool pool(int rows) {
            return new Backend.Pool(rows, in.channels(), in.height(), in.width(), spec.size());
        }

        @Override
        LayerSpec spec() {
            return spec;
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            b.avgPool(pool(rows), inAct, outAct);
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            if (inputGradient) {
                b.avgPoolGradient(pool(rows), outGrad, inGrad);
            }
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            return Flops.avgPool(pool(rows));
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            return inputGradient ? Flops.avgPoolGradient(pool(rows)) : 0;
        }
    }

    /** The mean of each channel: channels &times; height &times; width to a vector of channels. */
    static final class GlobalAvgPoolLayer extends Layer {
        private final LayerSpec.GlobalAvgPool spec;

        GlobalAvgPoolLayer(LayerSpec.GlobalAvgPool spec, Shape in) {
            super(in, Shape.vector(in.channels()));
            this.spec = spec;
        }

        private int spatial() {
            return in.height() * in.width();
        }

        @Override
        LayerSpec spec() {
            return spec;
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            b.groupMean(rows * in.channels(), spatial(), inAct, outAct);
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            if (inputGradient) {
                b.groupMeanGradient(rows * in.channels(), spatial(), outGrad, inGrad);
            }
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            return Flops.groupMean((long) rows * in.channels(), spatial());
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            return inputGradient ? forwardFlops(rows, true) : 0;
        }
    }

    /** Shifts and flips of the input images while training ({@link LayerSpec.Augment}); the network's first layer. */
    static final class AugmentLayer extends Layer {
        private final LayerSpec.Augment spec;

        AugmentLayer(LayerSpec.Augment spec, Shape in) {
            super(in, in);
            this.spec = spec;
            if (spec.shift() >= Math.max(in.height(), in.width())) {
                throw new IllegalArgumentException("a shift of " + spec.shift() + " pixels moves a " + in + " image out of sight");
            }
        }

        @Override
        LayerSpec spec() {
            return spec;
        }

        @Override
        void forwardOnBatch(Backend b, int rows, boolean training, int seed) {
            if (training) {
                b.augment(new Backend.Images(rows, in.channels(), in.height(), in.width()), spec.shift(), spec.flip(), seed, outAct);
            } else {
                b.copyBatch(rows * in.size(), outAct);
            }
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            throw new IllegalStateException("an augmentation is the first layer: it reads the staged batch");
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            if (inputGradient) {
                throw new IllegalStateException("an augmentation is the first layer: it has no input gradient to compute");
            }
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            return 0;
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            return 0;
        }
    }

    /**
     * An embedding bag over the input's nonzero values (a bag of words): only the table's rows of the ids present are read,
     * and stepped ({@link #update}). The first layer of a network: it computes no input gradient.
     */
    static final class EmbeddingBagLayer extends Layer {
        private final LayerSpec.EmbeddingBag spec;

        EmbeddingBagLayer(LayerSpec.EmbeddingBag spec, Shape in) {
            super(in, Shape.vector(spec.dimension()));
            this.spec = spec;
            fitsOneArray((long) in.size() * spec.dimension() + spec.dimension(), "an embedding bag of " + spec.dimension() + " on " + in.size() + " ids");
        }

        @Override
        LayerSpec.EmbeddingBag spec() {
            return spec;
        }

        private Backend.Bag bag(int rows) {
            return new Backend.Bag(rows, in.size(), spec.dimension(), Math.min(spec.entries(), in.size()));
        }

        private int table() {
            return in.size() * spec.dimension();
        }

        @Override
        int parameterCount() {
            return table() + spec.dimension();
        }

        @Override
        int biasCount() {
            return spec.dimension();
        }

        @Override
        int scratchPerSample() {
            return bag(1).idsPerRow();
        }

        /**
         * He-uniform over the vocabulary, as the dense layer it computes sparsely: small values that Adam's steps of the
         * learning rate move within the few batches a rare id is in (PyTorch's N(0, 1) needs hundreds).
         */
        @Override
        void initialise(float[] mem, SplittableRandom random) {
            heUniform(mem, params, table(), in.size(), random);
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            b.embeddingBag(bag(rows), inAct, params, scratch, outAct);
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            if (inputGradient) {
                throw new IllegalStateException("an embedding bag is the first layer: it has no input gradient to compute");
            }
            if (trainable) {
                b.embeddingBagGradient(bag(rows), inAct, outGrad, scratch, gradientBase + params);
                b.biasGradient(rows, spec.dimension(), 1, outGrad, gradientBase + params + table());
            }
        }

        @Override
        void update(Optimizer optimizer, Backend backend, int rows, int parameterCount, int step) {
            optimizer.updateRows(backend, bag(rows), scratch, params, parameterCount, step);
            optimizer.update(backend, spec.dimension(), params + table(), parameterCount, step);
        }

        @Override
        long updateFlops(Optimizer optimizer, int rows) {
            return optimizer.flops(bag(rows).updatedAtMost()) + optimizer.flops(spec.dimension());
        }

        @Override
        boolean updatesInPart() {
            return true;
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            return Flops.embeddingBag(bag(rows));
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            return trainable ? Flops.embeddingBagGradient(bag(rows)) + Flops.biasGradient(rows, spec.dimension()) : 0;
        }
    }

    /** An activation function on its own (one that follows no dense or convolution layer, or is not ReLU). */
    static final class ActivationLayer extends Layer {
        private final LayerSpec.Activation spec;

        ActivationLayer(LayerSpec.Activation spec, Shape in) {
            super(in, in);
            this.spec = spec;
        }

        @Override
        LayerSpec spec() {
            return spec;
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            b.activation(spec.function(), rows * out.size(), inAct, outAct);
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            if (inputGradient) {
                b.activationGradient(spec.function(), rows * out.size(), inAct, outAct, outGrad, inGrad);
            }
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            return spec.function().forwardFlops((long) rows * out.size());
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            return inputGradient ? spec.function().backwardFlops((long) rows * out.size()) : 0;
        }
    }

    /** Inverted dropout on its own (one that does not follow a dense layer with ReLU, which fuses it). */
    static final class DropoutLayer extends Layer {
        private final LayerSpec.Dropout spec;

        DropoutLayer(LayerSpec.Dropout spec, Shape in) {
            super(in, in);
            this.spec = spec;
        }

        @Override
        LayerSpec spec() {
            return spec;
        }

        @Override
        int scratchPerSample() {
            return out.size();
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            b.copy(rows * out.size(), inAct, outAct);
            if (training) {
                b.dropout(rows * out.size(), outAct, scratch, spec.rate(), seed);
            }
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            if (inputGradient) {
                b.copy(rows * out.size(), outGrad, inGrad);
                b.multiply(rows * out.size(), inGrad, scratch);
            }
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            return training ? Flops.dropout((long) rows * out.size()) : 0;
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            return inputGradient ? Flops.multiply((long) rows * out.size()) : 0;
        }
    }

    /** Batch normalisation per channel: a scale and a shift trained, the running mean and variance kept as state. */
    static final class BatchNormLayer extends Layer {
        private final LayerSpec.BatchNorm spec;

        BatchNormLayer(LayerSpec.BatchNorm spec, Shape in) {
            super(in, in);
            this.spec = spec;
        }

        private Backend.Norm norm(int rows) {
            return new Backend.Norm(rows, in.channels(), in.height() * in.width(), spec.momentum(), spec.epsilon());
        }

        @Override
        LayerSpec spec() {
            return spec;
        }

        @Override
        int parameterCount() {
            return 2 * in.channels();
        }

        @Override
        int biasCount() {
            return in.channels();
        }

        @Override
        int stateCount() {
            return 2 * in.channels();
        }

        @Override
        int scratchPerBatch() {
            return 2 * in.channels();
        }

        /** &gamma; = 1, &beta; = 0; running mean 0 and variance 1. */
        @Override
        void initialise(float[] mem, SplittableRandom random) {
            int channels = in.channels();
            java.util.Arrays.fill(mem, params, params + channels, 1f);
            java.util.Arrays.fill(mem, state + channels, state + 2 * channels, 1f);
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            b.batchNorm(norm(rows), inAct, outAct, params, state, scratch, training);
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            if (trainable || inputGradient) {
                b.batchNormGradient(norm(rows), inAct, outGrad, inputGradient ? inGrad : -1, params, scratch, trainable ? gradientBase + params : -1);
            }
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            return Flops.batchNorm(norm(rows), training);
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            return trainable || inputGradient ? Flops.batchNormGradient(norm(rows), inputGradient) : 0;
        }
    }

    /**
     * A residual block: its body's layers, then the body's output plus the block's input (or a 1&times;1 convolution of
     * it). The body's parameters and state come first, the projection's (weights, then a bias per filter) last.
     */
    static final class ResidualLayer extends Layer {
        private final LayerSpec.Residual spec;
        private final List<Layer> body = new ArrayList<>();
        private final Backend.Conv projection;
        private int projectionParams;

        ResidualLayer(LayerSpec.Residual spec, Shape in) {
            super(in, bodyOutput(spec, in));
            this.spec = spec;
            Shape shape = in;
            for (LayerSpec layer : spec.body()) {
                Layer built = Layer.of(layer, shape);
                body.add(built);
                shape = built.out;
            }
            if (spec.projection()) {
                projection = new Backend.Conv(1, in.channels(), in.height(), in.width(), out.channels(), 1, 0, spec.projectionStride());
                if (projection.oh() != out.height() || projection.ow() != out.width()) {
                    throw new IllegalArgumentException("the projection of a " + in + " input with stride " + spec.projectionStride() + " gives "
                            + out.channels() + "x" + projection.oh() + "x" + projection.ow() + " but the body gives " + out);
                }
            } else {
                projection = null;
                if (!out.equals(in)) {
                    throw new IllegalArgumentException("the body turns " + in + " into " + out + "; a block whose body changes the shape needs a projection");
                }
            }
        }

        private static Shape bodyOutput(LayerSpec.Residual spec, Shape in) {
            Shape shape = in;
            for (LayerSpec layer : spec.body()) {
                shape = Layer.of(layer, shape).out;
            }
            return shape;
        }

        private Backend.Conv projection(int rows) {
            return new Backend.Conv(rows, projection.c(), projection.h(), projection.w(), projection.f(), 1, 0, projection.stride());
        }

        private int projectionWeights() {
            return projection == null ? 0 : projection.f() * projection.c();
        }

        @Override
        long columnsPerImage() {
            long columns = projection == null ? 0 : (long) projection.c() * projection.oh() * projection.ow();
            for (Layer layer : body) {
                columns = Math.max(columns, layer.columnsPerImage());
            }
            return columns;
        }

        @Override
        LayerSpec spec() {
            return spec;
        }

        @Override
        int parameterCount() {
            long total = projection == null ? 0 : (long) projectionWeights() + projection.f();
            for (Layer layer : body) {
                total += layer.parameterCount();
            }
            return Network.checked(total);
        }

        @Override
        int biasCount() {
            return projection == null ? 0 : projection.f();
        }

        @Override
        int stateCount() {
            return body.stream().mapToInt(Layer::stateCount).sum();
        }

        @Override
        int layoutParameters(int offset) {
            params = offset;
            int next = offset;
            for (Layer layer : body) {
                next = layer.layoutParameters(next);
            }
            projectionParams = next;
            return Network.checked((long) offset + parameterCount());
        }

        @Override
        int layoutState(int offset) {
            state = offset;
            int next = offset;
            for (Layer layer : body) {
                next = layer.layoutState(next);
            }
            return next;
        }

        @Override
        long layout(long next, int capacity, int input, int inputGradient) {
            int previousAct = input;
            int previousGrad = inputGradient;
            for (Layer layer : body) {
                next = layer.layout(next, capacity, previousAct, previousGrad);
                previousAct = layer.outAct;
                previousGrad = layer.outGrad;
            }
            inAct = input;
            inGrad = inputGradient;
            outAct = Network.checked(next);
            next += (long) capacity * out.size();
            outGrad = Network.checked(next);
            next += (long) capacity * out.size();
            // the projection's output in the forward pass, its input gradient in the backward one
            scratch = Network.checked(next);
            return next + (projection == null ? 0 : (long) capacity * Math.max(in.size(), out.size()));
        }

        @Override
        void initialise(float[] mem, SplittableRandom random) {
            for (Layer layer : body) {
                layer.initialise(mem, random);
            }
            if (projection != null) {
                heUniform(mem, projectionParams, projectionWeights(), in.channels(), random);
            }
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            for (int l = 0; l < body.size(); l++) {
                body.get(l).forward(b, rows, training, seed + 31 * (l + 1));
            }
            int skip = inAct;
            if (projection != null) {
                b.conv2d(projection(rows), inAct, projectionParams, scratch);
                b.addBias(rows, out.channels(), out.height() * out.width(), scratch, projectionParams + projectionWeights(), false);
                skip = scratch;
            }
            b.add(rows * out.size(), body.get(body.size() - 1).outAct, skip, outAct);
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            b.copy(rows * out.size(), outGrad, body.get(body.size() - 1).outGrad);
            boolean[] trainables = new boolean[body.size()];
            java.util.Arrays.fill(trainables, trainable);
            backwardChain(body, 0, trainables, b, rows, gradientBase, inputGradient, null);
            if (projection != null && trainable) {
                b.conv2dWeightGradient(projection(rows), inAct, outGrad, gradientBase + projectionParams);
                b.biasGradient(rows, out.channels(), out.height() * out.width(), outGrad, gradientBase + projectionParams + projectionWeights());
            }
            if (inputGradient) {
                int skip = outGrad;
                if (projection != null) {
                    b.conv2dInputGradient(projection(rows), outGrad, projectionParams, scratch);
                    skip = scratch;
                }
                b.add(rows * in.size(), inGrad, skip, inGrad);
            }
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            long total = Flops.add((long) rows * out.size());
            for (Layer layer : body) {
                total += layer.forwardFlops(rows, training);
            }
            if (projection != null) {
                total += Flops.conv2d(projection(rows)) + Flops.addBias(rows, out.size(), false);
            }
            return total;
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            boolean[] trainables = new boolean[body.size()];
            java.util.Arrays.fill(trainables, trainable);
            long total = backwardChainFlops(body, 0, trainables, rows, inputGradient);
            if (projection != null && trainable) {
                total += Flops.conv2d(projection(rows)) + Flops.biasGradient(rows, out.size());
            }
            if (inputGradient) {
                total += Flops.add((long) rows * in.size()) + (projection != null ? Flops.conv2d(projection(rows)) : 0);
            }
            return total;
        }
    }

    /**
     * An image seen as a vector of its values, for a layer that cares (batch normalisation per value, a residual block
     * over the vector): the same memory, no launch. Its output and gradient are its input's and its input gradient's.
     */
    static final class FlattenLayer extends Layer {
        private final LayerSpec.Flatten spec;

        FlattenLayer(LayerSpec.Flatten spec, Shape in) {
            super(in, Shape.vector(in.size()));
            this.spec = spec;
        }

        @Override
        LayerSpec spec() {
            return spec;
        }

        @Override
        long layout(long next, int capacity, int input, int inputGradient) {
            inAct = input;
            inGrad = inputGradient;
            outAct = input;
            if (inputGradient >= 0) {
                outGrad = inputGradient;
                return next;
            }
            // the network's first layer: nothing below takes a gradient, but the layer above may write one
            outGrad = Network.checked(next);
            return next + (long) capacity * out.size();
        }

        @Override
        void forward(Backend b, int rows, boolean training, int seed) {
            // the same memory
        }

        @Override
        void backward(Backend b, int rows, int gradientBase, boolean trainable, boolean inputGradient, int reluBelow,
                      boolean reluDone, StepAfter stepAfter) {
            // the same memory
        }

        @Override
        long forwardFlops(int rows, boolean training) {
            return 0;
        }

        @Override
        long backwardFlops(int rows, boolean trainable, boolean inputGradient) {
            return 0;
        }
    }
}
