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

    /** x += bias per element, optionally followed by ReLU (one max per element). */
    public static long addBias(long rows, long cols, boolean relu) {
        return rows * cols * (relu ? 2 : 1);
    }

    /**
     * A convolution (forward, weight gradient or input gradient: each performs one multiply-add per tap
     * that falls inside the input), 2 FLOPs per such tap; taps on the zero padding are skipped and not counted.
     */
    public static long conv2d(Backend.Conv conv) {
        return 2L * conv.n() * conv.f() * conv.c() * validTaps(conv.h(), conv.oh(), conv.k(), conv.pad(), conv.stride())
                * validTaps(conv.w(), conv.ow(), conv.k(), conv.pad(), conv.stride());
    }

    /**
     * What a convolution's forward pass executes as the OpenCL backend's vector products compute it on a CPU device:
     * tiles of 8 filters by 32 positions over every tap, the padding's zeros and the tiles' lanes past the last filter
     * and position included. With a step of 1 the positions are a grid as wide as the padded input, whose last k - 1
     * columns are computed and dropped; otherwise the output's. Not counted ({@link #conv2d} is the count): shown next
     * to it.
     */
    public static long conv2dInTiles(Backend.Conv conv) {
        long filters = (conv.f() + 7) / 8 * 8L;
        long grid = (long) conv.oh() * (conv.stride() == 1 ? conv.w() + 2L * conv.pad() : conv.ow());
        long positions = (grid + 31) / 32 * 32;
        return 2L * conv.n() * filters * conv.c() * conv.k() * conv.k() * positions;
    }

    /** Pairs (output position, kernel offset) along one axis whose input position lies inside [0, size). */
    static long validTaps(int size, int outputs, int k, int pad, int stride) {
        long taps = 0;
        for (int o = 0; o < outputs; o++) {
            for (int q = 0; q < k; q++) {
                int in = o * stride + q - pad;
                if (in >= 0 && in < size) {
                    taps++;
                }
            }
        }
        return taps;
    }

    /** size&sup2; - 1 comparisons per window; the backward routing performs no floating-point work. */
    public static long maxPool(Backend.Pool pool) {
        return (long) pool.n() * pool.c() * pool.oh() * pool.ow() * (pool.size() * pool.size() - 1);
    }

    /** s&sup2; - 1 additions and one multiplication (by 1/s&sup2;) per window; the backward pass one multiplication per input. */
    public static long avgPool(Backend.Pool pool) {
        return (long) pool.n() * pool.c() * pool.oh() * pool.ow() * pool.size() * pool.size();
    }

    public static long avgPoolGradient(Backend.Pool pool) {
        return avgPool(pool);
    }

    /** size - 1 additions and a multiplication per group; its gradient one multiplication per element. */
    public static long groupMean(long groups, long size) {
        return groups * size;
    }

    /** One addition per element. */
    public static long add(long count) {
        return count;
    }

    /**
     * Batch normalisation's forward pass per channel of m = rows &middot; spatial values. Training: the sum (m), the mean (1),
     * the squared deviations (3m), the variance and 1/&radic;(var + eps) (4), the scale and shift (3), the output (2m) and
     * the running estimates (10). Predicting: the scale and shift from the running estimates (6) and the output (2m).
     */
    public static long batchNorm(Backend.Norm norm, boolean training) {
        long m = norm.perChannel();
        return norm.channels() * (training ? 6 * m + 18 : 2 * m + 6);
    }

    /**
     * Batch normalisation's backward pass per channel of m values: x&#770; and the two sums (5m), and, when the input gradient is asked, the factor (2) and
     * dx = &gamma;/(m&middot;&sigma;) &middot; (m&middot;dy - &Sigma;dy - x&#770;&middot;&Sigma;dy&middot;x&#770;) with x&#770; again (7m).
     */
    public static long batchNormGradient(Backend.Norm norm, boolean inputGradient) {
        long m = norm.perChannel();
        return norm.channels() * (5 * m + (inputGradient ? 7 * m + 2 : 0));
    }

    /** dy *= (y &gt; 0). */
    public static long reluBackward(long count) {
        return count;
    }

    /** Per element: compare with the rate and multiply (the integer hash is not floating-point work). */
    public static long dropout(long count) {
        return count * 2;
    }

    /** Per element: one multiply. */
    public static long multiply(long count) {
        return count;
    }

    /**
     * The uniform number in [0, 1) of dropout's decision for element i: a 32-bit integer hash with
     * wrapping arithmetic and only arithmetic shifts masked to act as logical ones, so that Java and OpenCL C
     * compute the same bits.
     */
    public static float dropoutUniform(int seed, int i) {
        int h = seed ^ (i * 0x9E3779B9);
        h ^= (h >> 16) & 0xFFFF;
        h *= 0x85EBCA6B;
        h ^= (h >> 13) & 0x7FFFF;
        h *= 0xC2B2AE35;
        h ^= (h >> 16) & 0xFFFF;
        return ((h >> 8) & 0xFFFFFF) * (1f / 16777216f);
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

    /**
     * An embedding bag's forward pass: a multiply-add per id and dimension, counted at the bag's {@code entries} ids a row
     * (an upper bound: a text has as many as its distinct words and word pairs), and the bias; finding the ids compares
     * values, no arithmetic.
     */
    public static long embeddingBag(Backend.Bag bag) {
        return 2L * bag.rows() * bag.entries() * bag.dimension() + (long) bag.rows() * bag.dimension();
    }

    /** The table's gradient: a multiply-add per id and dimension, counted at {@code entries} ids a row. */
    public static long embeddingBagGradient(Backend.Bag bag) {
        return 2L * bag.rows() * bag.entries() * bag.dimension();
    }
}
