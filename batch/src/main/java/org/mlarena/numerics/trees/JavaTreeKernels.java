package org.mlarena.numerics.trees;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
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
    /** The histograms by handle (null: free), and the free handles */
    private final List<Histogram> histograms = new ArrayList<>();
    private final ArrayDeque<Integer> free = new ArrayDeque<>();

    /** Per slot: the sums of gradients and hessians (interleaved, so that an update touches one cache line), and the rows. */
    static final class Histogram {
        final double[] sums;
        final int[] count;

        Histogram(int slots) {
            sums = new double[2 * slots];
            count = new int[slots];
        }
    }

    @Override
    public String device() {
        return "plain Java";
    }

    @Override
    public void bins(byte[][] bins, int[] offsets, int maxLeaves) {
        this.bins = bins;
        this.offsets = offsets;
        int slots = offsets[bins.length];
        int rows = bins.length == 0 ? 0 : bins[0].length;
        orderedGradient = new float[rows];
        orderedHessian = new float[rows];
        blockSums = rows > MIN_BLOCK_ROWS ? new double[2 * slots] : null;
        blockCount = rows > MIN_BLOCK_ROWS ? new int[slots] : null;
        histograms.clear();
        free.clear();
    }

    @Override
    public void gradients(float[] gradient, float[] hessian) {
        this.gradient = gradient;
        this.hessian = hessian;
    }

    /** A zeroed histogram's handle: a released one's storage again, or new storage. */
    private int allocate() {
        Integer handle = free.poll();
        if (handle == null) {
            histograms.add(new Histogram(offsets[bins.length]));
            return histograms.size() - 1;
        }
        Histogram h = histograms.get(handle);
        Arrays.fill(h.sums, 0);
        Arrays.fill(h.count, 0);
        return handle;
    }

    Histogram get(int handle) {
        return histograms.get(handle);
    }

    @Override
    public void release(int histogram) {
        free.push(histogram);
    }

    @Override
    public void subtract(int parent, int child) {
        Histogram p = histograms.get(parent);
        Histogram c = histograms.get(child);
        for (int i = 0; i < p.sums.length; i++) {
            p.sums[i] -= c.sums[i];
        }
        for (int i = 0; i < p.count.length; i++) {
            p.count[i] -= c.count[i];
        }
    }

    /**
     * The rows' gradients are gathered first so that the inner loop reads them in order (the root's rows are all rows, in
     * order: nothing to gather).
     */
    @Override
    public int histogram(int[] index, int start, int end, boolean inOrder) {
        int handle = allocate();
        double[] sums = histograms.get(handle).sums;
        int[] count = histograms.get(handle).count;
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
            Arrays.fill(blockSums, 0);
            Arrays.fill(blockCount, 0);
            accumulate(index, from, Math.min(end, from + blockRows), inOrder, g, h, blockSums, blockCount);
            for (int i = 0; i < blockSums.length; i++) {
                sums[i] += blockSums[i];
            }
            for (int i = 0; i < blockCount.length; i++) {
                count[i] += blockCount[i];
            }
        }
        return handle;
    }

    @Override
    public void bestSplits(int histogram, int rows, double sumGradient, double sumHessian, double parent, double lambda, int minRows,
                           FeatureSplits out) {
        Histogram hist = histograms.get(histogram);
        for (int f = 0; f < bins.length; f++) {
            bestSplit(f, hist.sums, hist.count, offsets, rows, sumGradient, sumHessian, parent, lambda, minRows, out);
        }
    }

    /** One feature's best split ({@link TreeKernels#bestSplits}); the OpenCL kernel does the same, statement by statement. */
    static void bestSplit(int f, double[] sums, int[] count, int[] offsets, int rows, double sumGradient, double sumHessian, double parent,
                          double lambda, int minRows, FeatureSplits out) {
        int base = offsets[f];
        int present = offsets[f + 1] - base - 1;
        int missingRows = count[base + present];
        double missingGradient = sums[2 * (base + present)];
        double missingHessian = sums[2 * (base + present) + 1];
        int found = 0;
        int evaluated = 0;
        for (int pass = 0; pass < (missingRows > 0 ? 2 : 1); pass++) {
            boolean missingLeft = pass == 1;
            double gl = missingLeft ? missingGradient : 0;
            double hl = missingLeft ? missingHessian : 0;
            int nl = missingLeft ? missingRows : 0;
            // with every present value left, the split separates the missing values alone (only worth it going right)
            int lastBin = missingLeft ? present - 1 : present - (missingRows > 0 ? 0 : 1);
            for (int b = 0; b < lastBin; b++) {
                gl += sums[2 * (base + b)];
                hl += sums[2 * (base + b) + 1];
                nl += count[base + b];
                int nr = rows - nl;
                if (nl < minRows) {
                    continue;
                }
                if (nr < minRows) {
                    break;
                }
                double hr = sumHessian - hl;
                if (hl < MIN_HESSIAN || hr < MIN_HESSIAN) {
                    continue;
                }
                double gr = sumGradient - gl;
                double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
                evaluated++;
                if (gain > 0 && (found == 0 || gain > out.gain[f])) {
                    found = 1;
                    out.gain[f] = gain;
                    out.bin[f] = b;
                    // without missing values here, a missing value at prediction follows the larger side
                    out.missingLeft[f] = (missingRows > 0 ? missingLeft : nl >= nr) ? 1 : 0;
                    out.leftGradient[f] = gl;
                    out.leftHessian[f] = hl;
                    out.leftRows[f] = nl;
                }
            }
        }
        out.found[f] = found;
        out.evaluated[f] = evaluated;
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
