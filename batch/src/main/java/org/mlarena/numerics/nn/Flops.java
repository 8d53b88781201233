package org.mlarena.numerics.nn;

/**
 * The FLOP convention of every kernel: what one launch adds to the count. A multiply-add is 2; an
 * addition, multiplication, comparison or max is 1; exp and log are 1 each. Both backends add exactly
 * these figures, and the models' analytic counts are sums of them.
 */
public final class Flops {

    private Flops() {
    }

    /** C (m&times;n) = A (m&times;k) &middot; B (k&times;n), plus m&middot;n when accumulating into C. */
    public static long matmul(long m, long n, long k, boolean accumulate) {
        return 2 * m * n * k + (accumulate ? m * n : 0);
    }

    /** x += bias per row, optionally followed by ReLU (one max per element). */
    public static long addBias(long rows, long cols, boolean relu) {
        return rows * cols * (relu ? 2 : 1);
    }

    /** dy *= (y &gt; 0). */
    public static long reluBackward(long count) {
        return count;
    }

    /** db = column sums of dy. */
    public static long biasGradient(long rows, long cols) {
        return rows * cols;
    }

    /** Per row: max (n), subtract+exp (2n), sum (n), log (1), loss (1), gradient (2n: divide, scale, and the -1). */
    public static long softmaxCrossEntropy(long rows, long cols) {
        return rows * (6 * cols + 2);
    }

    /** Per element: difference, square-accumulate (2), gradient scale. */
    public static long meanSquaredError(long rows, long cols) {
        return rows * cols * 4;
    }

    /** Per parameter: weight decay (2), two moments (3 + 4), bias corrections and update (6). */
    public static long adam(long count) {
        return count * 15;
    }

    /** Per parameter: weight decay (2), velocity (2), update (2). */
    public static long sgd(long count) {
        return count * 6;
    }
}
