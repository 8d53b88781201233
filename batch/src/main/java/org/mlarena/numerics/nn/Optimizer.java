package org.mlarena.numerics.nn;

/**
 * How parameters move: AdamW or SGD with momentum, each with weight decay. The state vectors live at
 * fixed distances after the parameters (gradients at +P, first state at +2P, second at +3P).
 */
public sealed interface Optimizer {

    /** Updates {@code count} parameters starting at {@code offset}; P is the network's parameter count. */
    void update(Backend backend, int count, int offset, int parameterCount, int step);

    /**
     * Updates only the rows of an embedding table that a batch's bag of ids holds ({@link Backend#adamRows}); the table
     * starts at {@code table}.
     */
    void updateRows(Backend backend, Backend.Bag bag, int ids, int table, int parameterCount, int step);

    /** FLOPs of updating {@code count} parameters once. */
    long flops(long count);

    float learningRate();

    /** The same optimiser with another learning rate (a schedule's value for an epoch). */
    Optimizer withLearningRate(float learningRate);

    /**
     * Cosine annealing (Loshchilov and Hutter, SGDR without restarts), per epoch: the full rate in epoch 1, falling to
     * near 0 in the last of {@code epochs}.
     */
    static float cosine(float learningRate, int epoch, int epochs) {
        return (float) (learningRate * 0.5 * (1 + Math.cos(Math.PI * (epoch - 1) / epochs)));
    }

    /** AdamW (Loshchilov and Hutter): Adam with weight decay decoupled from the gradient. */
    record Adam(float learningRate, float beta1, float beta2, float epsilon, float weightDecay) implements Optimizer {

        public Adam {
            check(learningRate > 0 && Float.isFinite(learningRate), "the learning rate must be positive, got " + learningRate);
            check(beta1 >= 0 && beta1 < 1 && beta2 >= 0 && beta2 < 1, "beta1 and beta2 must be in [0, 1), got " + beta1 + ", " + beta2);
            check(epsilon > 0, "epsilon must be positive, got " + epsilon);
            check(weightDecay >= 0, "weight decay must be 0 or more, got " + weightDecay);
        }

        /** PyTorch's defaults: betas 0.9/0.999, epsilon 1e-8, no weight decay. */
        public static Adam of(float learningRate) {
            return new Adam(learningRate, 0.9f, 0.999f, 1e-8f, 0f);
        }

        @Override
        public void update(Backend backend, int count, int offset, int p, int step) {
            backend.adam(count, offset, p + offset, 2 * p + offset, 3 * p + offset, learningRate, beta1, beta2, epsilon, weightDecay, step);
        }

        @Override
        public void updateRows(Backend backend, Backend.Bag bag, int ids, int table, int p, int step) {
            backend.adamRows(bag, ids, table, p + table, 2 * p + table, 3 * p + table, learningRate, beta1, beta2, epsilon, weightDecay, step);
        }

        @Override
        public long flops(long count) {
            return Flops.adam(count);
        }

        /** The bias correction of a moment with decay {@code beta} at {@code step} (from 1): 1 - beta^step. */
        public static float correction(float beta, int step) {
            return 1f - (float) Math.pow(beta, step);
        }

        @Override
        public Adam withLearningRate(float rate) {
            return new Adam(rate, beta1, beta2, epsilon, weightDecay);
        }
    }

    /** Stochastic gradient descent with momentum (PyTorch's form) and L2 weight decay. */
    record Sgd(float learningRate, float momentum, float weightDecay) implements Optimizer {

        public Sgd {
            check(learningRate > 0 && Float.isFinite(learningRate), "the learning rate must be positive, got " + learningRate);
            check(momentum >= 0 && momentum < 1, "momentum must be in [0, 1), got " + momentum);
            check(weightDecay >= 0, "weight decay must be 0 or more, got " + weightDecay);
        }

        @Override
        public void update(Backend backend, int count, int offset, int p, int step) {
            backend.sgd(count, offset, p + offset, 2 * p + offset, learningRate, momentum, weightDecay);
        }

        @Override
        public void updateRows(Backend backend, Backend.Bag bag, int ids, int table, int p, int step) {
            backend.sgdRows(bag, ids, table, p + table, 2 * p + table, learningRate, momentum, weightDecay);
        }

        @Override
        public long flops(long count) {
            return Flops.sgd(count);
        }

        @Override
        public Sgd withLearningRate(float rate) {
            return new Sgd(rate, momentum, weightDecay);
        }
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
