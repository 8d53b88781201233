package org.mlarena.numerics.nn;

/** What a layer is, independent of where it runs: the architecture that weight files record. */
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

    /** 2-D convolution, stride 1, zero padding, a bias per filter, then ReLU if asked. */
    record Conv2d(int filters, int kernel, int padding, boolean relu) implements LayerSpec {
        public Conv2d {
            if (filters < 1 || kernel < 1 || padding < 0 || padding >= kernel) {
                throw new IllegalArgumentException("a convolution needs filters >= 1, kernel >= 1 and 0 <= padding < kernel, got "
                        + filters + ", " + kernel + ", " + padding);
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
}
