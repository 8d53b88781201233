package org.mlarena.numerics.nn;

import java.util.List;

/**
 * What a layer is, independent of where it runs: the executable architecture that weight files record. A person
 * writes an {@link Architecture} instead; it compiles to these, fusing an activation into the layer before it where
 * the kernels can.
 */
public sealed interface LayerSpec {

    /**
     * Fully connected: outputs = W&middot;x + b, then ReLU and inverted dropout during training if asked.
     */
    record Dense(int outputs, boolean relu, float dropout) implements LayerSpec {
        public Dense {
            if (outputs < 1) {
                throw new IllegalArgumentException("a dense layer needs at least one output, got " + outputs);
            }
            if (!(dropout >= 0f && dropout < 1f)) {
                throw new IllegalArgumentException("the dropout rate must be in [0, 1), got " + dropout);
            }
            if (dropout > 0f && !relu) {
                throw new IllegalArgumentException("dropout is applied after a hidden (ReLU) layer, not after an output layer");
            }
        }
    }

    /** 2-D convolution with zero padding and a stride, a bias per filter, then ReLU if asked. */
    record Conv2d(int filters, int kernel, int stride, int padding, boolean relu) implements LayerSpec {
        public Conv2d {
            if (filters < 1 || kernel < 1 || stride < 1 || padding < 0 || padding >= kernel) {
                throw new IllegalArgumentException("a convolution needs filters >= 1, kernel >= 1, stride >= 1 and 0 <= padding < kernel, got "
                        + filters + ", " + kernel + ", " + stride + ", " + padding);
            }
        }

        /** Stride 1. */
        public Conv2d(int filters, int kernel, int padding, boolean relu) {
            this(filters, kernel, 1, padding, relu);
        }
    }

    /**
     * An embedding bag over a bag of words: the input vector holds a weight per token id (a text's bag of words: mostly
     * zeros), and the output is the sum of the embeddings (rows of a vocabulary &times; dimension table) of the ids present,
     * each times its weight, plus a bias. Only the rows of the ids present are read, and trained: each step updates just
     * those rows (the optimiser's state of the others waits, as PyTorch's SparseAdam does). It reads at most
     * {@code entries} ids of a sample, the first in id order (a text with more distinct words and word pairs loses the
     * rest); its FLOPs are counted at that many, an upper bound. The network's first layer.
     */
    record EmbeddingBag(int dimension, int entries) implements LayerSpec {
        public static final int DEFAULT_ENTRIES = 256;

        public EmbeddingBag {
            if (dimension < 1 || entries < 1) {
                throw new IllegalArgumentException("an embedding bag needs a dimension and entries of at least 1, got " + dimension + ", " + entries);
            }
        }

        /** How many of the rows (rows &times; features, row-major) have more nonzero values than the bag reads. */
        public int rowsBeyondEntries(float[] inputs, int features) {
            int beyond = 0;
            for (int from = 0; from < inputs.length; from += features) {
                int present = 0;
                for (int j = from; j < from + features && present <= entries; j++) {
                    present += inputs[j] != 0f ? 1 : 0;
                }
                beyond += present > entries ? 1 : 0;
            }
            return beyond;
        }
    }

    /**
     * Image augmentation while training: each image of a batch shifted by up to {@code shift} pixels along each axis (a
     * random crop of the image padded with {@code shift} zeros on every side) and, with {@code flip}, mirrored left to right
     * with probability one half; the draws are a hash of the step's seed and the image's place, so a run is reproducible.
     * Predicting, it passes the images as they are. The network's first layer; it has no parameters and costs no FLOPs.
     */
    record Augment(int shift, boolean flip) implements LayerSpec {
        public Augment {
            if (shift < 0 || shift == 0 && !flip) {
                throw new IllegalArgumentException("an augmentation shifts by 1 or more pixels or flips, or both; got shift " + shift + ", flip " + flip);
            }
        }
    }

    /** Max-pooling over non-overlapping size &times; size windows. */
    record MaxPool(int size) implements LayerSpec {
        public MaxPool {
            if (size < 2) {
                throw new IllegalArgumentException("a pooling window is at least 2, got " + size);
            }
        }
    }

    /** Average pooling over non-overlapping size &times; size windows. */
    record AvgPool(int size) implements LayerSpec {
        public AvgPool {
            if (size < 2) {
                throw new IllegalArgumentException("a pooling window is at least 2, got " + size);
            }
        }
    }

    /**
     * An image as the vector of its values, where the next layer cares (batch normalisation, a residual block); a dense
     * layer takes an image's values as they are, so the compiler leaves it out before one.
     */
    record Flatten() implements LayerSpec {
    }

    /** The mean of each channel over all positions: channels &times; height &times; width to a vector of channels. */
    record GlobalAvgPool() implements LayerSpec {
    }

    /** An activation function applied element by element. */
    record Activation(ActivationFunction function) implements LayerSpec {
        public Activation {
            if (function == null) {
                throw new IllegalArgumentException("an activation needs its function");
            }
        }
    }

    /** Inverted dropout during training (identity when predicting). */
    record Dropout(float rate) implements LayerSpec {
        public Dropout {
            if (!(rate > 0f && rate < 1f)) {
                throw new IllegalArgumentException("the dropout rate must be in (0, 1), got " + rate);
            }
        }
    }

    /**
     * Batch normalisation per channel (per feature of a vector): the batch's mean and variance while training, running
     * estimates (updated with {@link #momentum}) when predicting; a learnt scale and shift.
     */
    record BatchNorm(float momentum, float epsilon) implements LayerSpec {
        public static final float DEFAULT_MOMENTUM = 0.1f;
        public static final float DEFAULT_EPSILON = 1e-5f;

        public BatchNorm {
            if (!(momentum > 0f && momentum <= 1f) || !(epsilon > 0f && epsilon < 1f)) {
                throw new IllegalArgumentException("batch normalisation needs a momentum in (0, 1] and an epsilon in (0, 1), got "
                        + momentum + ", " + epsilon);
            }
        }

        /** PyTorch's defaults: momentum 0.1, epsilon 1e-5. */
        public BatchNorm() {
            this(DEFAULT_MOMENTUM, DEFAULT_EPSILON);
        }
    }

    /**
     * A residual block: the body's output plus the block's input, or plus a 1&times;1 convolution of it ({@code projection})
     * where the shapes differ; the body must keep or reach the shape the projection gives.
     */
    record Residual(List<LayerSpec> body, boolean projection, int projectionStride) implements LayerSpec {
        public Residual {
            body = List.copyOf(body);
            if (body.isEmpty()) {
                throw new IllegalArgumentException("a residual block needs at least one layer in its body");
            }
            if (projectionStride < 1) {
                throw new IllegalArgumentException("the projection's stride is at least 1, got " + projectionStride);
            }
        }
    }
}
