package org.mlarena.numerics.trees;

import java.util.List;

/** The {@link TreeKernels} in plain Java, on one thread: the reference every device must equal to the bit. */
public final class JavaTreeKernels implements TreeKernels {

    private byte[][] bins;
    private int[] offsets;
    private float[] gradient;
    private float[] hessian;
    private float[] orderedGradient;
    private float[] orderedHessian;
    /** A block's histogram, before it is added to the node's (every block but the first) */
    private double[] blockSums;
    private int[] blockCount;

    @Override
    public String device() {
        return "plain Java";
    }

    @Override
    public void bins(byte[][] bins, int[] offsets) {
        this.bins = bins;
        this.offsets = offsets;
        int slots = offsets[bins.length];
        int rows = bins.length == 0 ? 0 : bins[0].length;
        orderedGradient = new float[rows];
        orderedHessian = new float[rows];
        blockSums = rows > MIN_BLOCK_ROWS ? new double[2 * slots] : null;
        blockCount = rows > MIN_BLOCK_ROWS ? new int[slots] : null;
    }

    @Override
    public void gradients(float[] gradient, float[] hessian) {
        this.gradient = gradient;
        this.hessian = hessian;
    }

    /**
     * The rows' gradients are gathered first so that the inner loop reads them in order (the root's rows are all rows, in
     * order: nothing to gather).
     */
    @Override
    public void histogram(int[] index, int start, int end, boolean inOrder, double[] sums, int[] count) {
        float[] g = gradient;
        float[] h = hessian;
        if (!inOrder) {
            for (int i = start; i < end; i++) {
                orderedGradient[i] = gradient[index[i]];
                orderedHessian[i] = hessian[index[i]];
            }
            g = orderedGradient;
            h = orderedHessian;
        }
        int blockRows = TreeKernels.blockRows(end - start);
        accumulate(index, start, Math.min(end, start + blockRows), inOrder, g, h, sums, count);
        for (int from = start + blockRows; from < end; from += blockRows) {
            java.util.Arrays.fill(blockSums, 0);
            java.util.Arrays.fill(blockCount, 0);
            accumulate(index, from, Math.min(end, from + blockRows), inOrder, g, h, blockSums, blockCount);
            for (int i = 0; i < blockSums.length; i++) {
                sums[i] += blockSums[i];
            }
            for (int i = 0; i < blockCount.length; i++) {
                count[i] += blockCount[i];
            }
        }
    }

    /** Adds the rows {@code [start, end)} to a histogram, feature by feature; {@code g} and {@code h} are by position. */
    private void accumulate(int[] index, int start, int end, boolean inOrder, float[] g, float[] h, double[] sums, int[] count) {
        for (int f = 0; f < bins.length; f++) {
            byte[] column = bins[f];
            int base = offsets[f];
            int missing = offsets[f + 1] - 1;
            if (inOrder) {
                for (int i = start; i < end; i++) {
                    int code = column[i] & 0xFF;
                    int b = code == Binning.MISSING ? missing : base + code;
                    sums[2 * b] += g[i];
                    sums[2 * b + 1] += h[i];
                    count[b]++;
                }
            } else {
                for (int i = start; i < end; i++) {
                    int code = column[index[i]] & 0xFF;
                    int b = code == Binning.MISSING ? missing : base + code;
                    sums[2 * b] += g[i];
                    sums[2 * b + 1] += h[i];
                    count[b]++;
                }
            }
        }
    }

    @Override
    public long predict(List<Tree> trees, float[] x, int rows, int features, int outputs, double[] raw) {
        long operations = 0;
        for (int t = 0; t < trees.size(); t++) {
            Tree tree = trees.get(t);
            int k = t % outputs;
            int[] left = tree.left();
            for (int r = 0; r < rows; r++) {
                int node = 0;
                int offset = r * features;
                while (left[node] >= 0) {
                    float v = x[offset + tree.feature()[node]];
                    node = (Float.isNaN(v) ? tree.missingLeft()[node] : v <= tree.threshold()[node]) ? left[node] : tree.right()[node];
                    operations++;
                }
                raw[r * outputs + k] += tree.value()[node];
                operations++;
            }
        }
        return operations;
    }
}
