package org.mlarena.numerics.nn;

import java.util.Locale;

/**
 * The element-wise activations, with the FLOPs per element of their forward and backward passes as the kernels
 * compute them (a multiply-add 2, every other operation including exp 1; tanh from one exp: 1 - 2 / (e<sup>2x</sup> + 1)).
 * Their ordinal is the kernels' code: append, never reorder.
 */
public enum ActivationFunction {
    /** max(0, x) */
    RELU(1, 1),
    /** x, or 0.01&middot;x below 0 (PyTorch's default slope) */
    LEAKY_RELU(2, 2),
    /** 1 / (1 + e<sup>-x</sup>) */
    SIGMOID(4, 3),
    /** 1 - 2 / (e<sup>2x</sup> + 1) */
    TANH(5, 3),
    /** GELU with the tanh approximation (PyTorch's approximate='tanh'): 0.5&middot;x&middot;(1 + tanh(&radic;(2/&pi;)&middot;(x + 0.044715&middot;x&sup3;))) */
    GELU(13, 22);

    public static final float LEAKY_SLOPE = 0.01f;
    static final float GELU_C = 0.7978845608f;
    static final float GELU_A = 0.044715f;

    private final int forwardFlops;
    private final int backwardFlops;

    ActivationFunction(int forwardFlops, int backwardFlops) {
        this.forwardFlops = forwardFlops;
        this.backwardFlops = backwardFlops;
    }

    public long forwardFlops(long count) {
        return count * forwardFlops;
    }

    public long backwardFlops(long count) {
        return count * backwardFlops;
    }

    /** The name an architecture writes: relu, leaky_relu, sigmoid, tanh, gelu. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** f(x), as both backends compute it. */
    public static float apply(int code, float x) {
        if (code == 0) {
            return Math.max(0f, x);
        }
        if (code == 1) {
            return x > 0f ? x : LEAKY_SLOPE * x;
        }
        if (code == 2) {
            return 1f / (1f + (float) Math.exp(-x));
        }
        if (code == 3) {
            return tanh(x);
        }
        float u = GELU_C * (x + GELU_A * x * x * x);
        return 0.5f * x * (1f + tanh(u));
    }

    /** dy &middot; f'(x), from the input x and the output y, as both backends compute it. */
    public static float gradient(int code, float x, float y, float dy) {
        if (code == 0) {
            return x > 0f ? dy : 0f;
        }
        if (code == 1) {
            return x > 0f ? dy : LEAKY_SLOPE * dy;
        }
        if (code == 2) {
            return dy * (y * (1f - y));
        }
        if (code == 3) {
            return dy * (1f - y * y);
        }
        float x2 = x * x;
        float t = tanh(GELU_C * (x + GELU_A * x2 * x));
        // d/dx 0.5 x (1 + t) = 0.5 (1 + t) + 0.5 x (1 - t^2) c (1 + 3 a x^2)
        return dy * (0.5f * (1f + t) + 0.5f * x * (1f - t * t) * GELU_C * (1f + 3f * GELU_A * x2));
    }

    static float tanh(float x) {
        return 1f - 2f / ((float) Math.exp(2f * x) + 1f);
    }
}
