package org.mlarena.numerics.trees;

import java.util.List;

/**
 * The two loops of boosting that read every row, on one device: a node's histogram (per feature and bin, the sums of
 * the gradients and hessians of the node's rows and their count) and the raw predictions of trees.
 *
 * <p>Every implementation gives the same bits, so that a model does not depend on the device it was trained on: a
 * histogram is summed in blocks of {@link #blockRows} consecutive rows of the node, each block in row order from zero,
 * and the blocks' sums are added in block order; a prediction adds the trees' values in the trees' order. Only the
 * order of additions matters (no multiplications), so the device's own summing of blocks in parallel is exact to the
 * bit against {@link JavaTreeKernels}, the reference. Not thread-safe: one grower at a time.
 */
public interface TreeKernels extends AutoCloseable {

    /** A child's hessian must reach this (scikit-learn's min_hessian_to_split). */
    double MIN_HESSIAN = 1e-3;

    /** A node's histogram is one block up to this many rows (scikit-learn's order: every tree of a small table is the same). */
    int MIN_BLOCK_ROWS = 2048;

    /** A node's histogram is summed in at most this many blocks (the parallel work of a device). */
    int MAX_BLOCKS = 64;

    /** The rows of each block of a node of {@code rows} rows (the last block may have fewer). */
    static int blockRows(int rows) {
        return Math.max(MIN_BLOCK_ROWS, (rows + MAX_BLOCKS - 1) / MAX_BLOCKS);
    }

    /** Where the kernels run, for people ("OpenCL CPU ..." or "plain Java"). */
    String device();

    /**
     * The binned training rows of one boosting: {@code bins[feature][row]} a bin code ({@link Binning#MISSING} for a
     * missing value); a feature's bins take the histogram slots {@code [offsets[f], offsets[f + 1])}, its missing value
     * the last of them. At most {@code maxLeaves + 2} histograms live at once (every leaf waiting to be split, and the
     * two children of the one being split).
     */
    void bins(byte[][] bins, int[] offsets, int maxLeaves);

    /** The gradients and hessians of the tree about to grow, by row. */
    void gradients(float[] gradient, float[] hessian);

    /**
     * Builds the histogram of the rows {@code index[start, end)}: per slot the sum of the rows' gradients, of their
     * hessians, and their count.
     *
     * @param inOrder the rows are {@code start..end-1} themselves (the root's): {@code index} need not be read
     * @return the histogram's handle, until {@link #release}
     */
    int histogram(int[] index, int start, int end, boolean inOrder);

    /** {@code parent} becomes itself minus {@code child}: the other child's histogram (the subtraction trick). */
    void subtract(int parent, int child);

    /** The histogram is no longer needed. */
    void release(int histogram);

    /**
     * Each feature's best split of a node from its histogram, as {@code TreeGrower} defines it: scanning the bins left to
     * right, once with the missing values going right and, when there are some, once going left; a split needs
     * {@code minRows} rows and a hessian of {@link #MIN_HESSIAN} on each side, and a gain
     * {@code GL²/(HL+λ) + GR²/(HR+λ) - parent} above 0; of equal gains the first counts.
     *
     * @param parent the node's own {@code G²/(H+λ)}
     */
    void bestSplits(int histogram, int rows, double sumGradient, double sumHessian, double parent, double lambda, int minRows,
                    FeatureSplits out);

    /**
     * Adds the values of trees (round-major, one per output and round) to the raw predictions of rows (row-major, NaN
     * where missing), in place.
     *
     * @return the operations it took: one per node a row passes (a comparison at an inner node, the addition of a leaf)
     */
    long predict(List<Tree> trees, float[] x, int rows, int features, int outputs, double[] raw);

    @Override
    default void close() {
    }
}
