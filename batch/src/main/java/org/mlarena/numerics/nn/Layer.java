package org.mlarena.numerics.nn;

import java.util.SplittableRandom;

/**
 * A layer placed in a network's memory: its offsets, and its launches for the forward and backward
 * passes with their FLOP counts. Activations and gradients are laid out rows &times; {@link Shape#size()}.
 */
abstract class Layer {

    final Shape in;
    final Shape out;
    /** offsets in the backend's memory: parameters, input and output activations and their gradients, scratch */
    int params;
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

    abstract int parameterCount();

    /** Floats per sample the layer keeps between its passes (dropout masks, pooling arg-max). */
    int scratchPerSample() {
        return 0;
    }

    /** Parameters that are biases (at the end of the layer's parameters). */
    int biasCount() {
        return 0;
    }

    abstract void initialise(float[] mem, SplittableRandom random);

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

    static Layer of(LayerSpec spec, Shape in) {
        if (spec instanceof LayerSpec.Dense d) {
            return new DenseLayer(d, in);
        }
        if (spec instanceof LayerSpec.Conv2d c) {
            return new ConvLayer(c, in);
        }
        return new PoolLayer((LayerSpec.MaxPool) spec, in);
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
            super(in, new Shape(spec.filters(), in.height() + 2 * spec.padding() - spec.kernel() + 1,
                    in.width() + 2 * spec.padding() - spec.kernel() + 1));
            this.spec = spec;
        }

        private Backend.Conv conv(int rows) {
            return new Backend.Conv(rows, in.channels(), in.height(), in.width(), spec.filters(), spec.kernel(), spec.padding());
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
        int parameterCount() {
            return 0;
        }

        @Override
        int scratchPerSample() {
            return out.size();
        }

        @Override
        void initialise(float[] mem, SplittableRandom random) {
            // no parameters
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
}
