package org.mlarena.numerics.trees;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Grows one tree leaf-wise on binned rows and their gradients and hessians, as LightGBM and scikit-learn's
 * {@code HistGradientBoosting*} do: the leaf whose best split gains most is split next, until the tree has
 * {@code maxLeaves} leaves, no leaf can be split (fewer than twice {@code minSamplesLeaf} rows, a hessian below
 * {@value #MIN_HESSIAN}, no gain) or the depth limit is reached.
 *
 * <p>A node's histogram sums the gradients, hessians and rows per bin of every feature. The smaller child's is built
 * from its rows, the larger child's is the parent's minus it (the subtraction trick), so each level reads each row once.
 * The best split of a feature scans its bins left to right twice when the node has missing values (once with them going
 * left, once right); the gain is {@code GL²/(HL+λ) + GR²/(HR+λ) - G²/(H+λ)}, and a leaf's value is
 * {@code -G/(H+λ)} times the learning rate.
 *
 * <p>Not thread-safe; one grower per tree.
 */
final class TreeGrower {

    /** A child's hessian must reach this (scikit-learn's min_hessian_to_split). */
    static final double MIN_HESSIAN = 1e-3;

    private final byte[][] bins;
    private final Binning binning;
    private final float[] gradient;
    private final float[] hessian;
    private final Boosting.Settings settings;
    private final TreeKernels kernels;
    private final int[] index;
    private final int features;
    /** Where each feature's bins start in a histogram: its present bins, then its missing bin (no slot for unused bins). */
    private final int[] offsets;
    /** Operations counted: histogram additions, split evaluations, row comparisons. */
    long operations;

    /** A node while it grows: its rows are {@code index[start, end)}. */
    private static final class Node {
        final int start;
        final int end;
        final double sumGradient;
        final double sumHessian;
        final int depth;
        Histogram histogram;
        Split split;
        int id = -1;
        Node left;
        Node right;

        Node(int start, int end, double sumGradient, double sumHessian, int depth) {
            this.start = start;
            this.end = end;
            this.sumGradient = sumGradient;
            this.sumHessian = sumHessian;
            this.depth = depth;
        }

        int rows() {
            return end - start;
        }
    }

    /**
     * Per feature and bin: the sums of gradients and hessians (interleaved, so that an update touches one cache line)
     * and the rows.
     */
    static final class Histogram {
        final double[] sums;
        final int[] count;

        Histogram(int slots) {
            sums = new double[2 * slots];
            count = new int[slots];
        }

        double gradient(int bin) {
            return sums[2 * bin];
        }

        double hessian(int bin) {
            return sums[2 * bin + 1];
        }

        /** This histogram minus another, in place: a sibling's from its parent's. */
        void subtract(Histogram other) {
            for (int i = 0; i < sums.length; i++) {
                sums[i] -= other.sums[i];
            }
            for (int i = 0; i < count.length; i++) {
                count[i] -= other.count[i];
            }
        }
    }

    /** The best split of a node: bins at most {@code bin} of {@code feature} go left. */
    private record Split(double gain, int feature, int bin, boolean missingLeft, double leftGradient, double leftHessian, int leftRows) {
    }

    /**
     * @param offsets  {@link #offsets(Binning)} of the binning
     * @param kernels  the histograms' device, given the bins and these gradients
     */
    TreeGrower(byte[][] bins, Binning binning, int[] offsets, float[] gradient, float[] hessian, Boosting.Settings settings,
               TreeKernels kernels) {
        this.bins = bins;
        this.binning = binning;
        this.gradient = gradient;
        this.hessian = hessian;
        this.settings = settings;
        this.kernels = kernels;
        this.features = bins.length;
        int rows = gradient.length;
        this.index = new int[rows];
        for (int i = 0; i < rows; i++) {
            index[i] = i;
        }
        this.offsets = offsets;
    }

    /** Where each feature's bins start in a histogram: its present bins, then its missing bin (no slot for unused bins). */
    static int[] offsets(Binning binning, int features) {
        int[] offsets = new int[features + 1];
        for (int f = 0; f < features; f++) {
            offsets[f + 1] = offsets[f] + binning.bins(f) + 1;
        }
        return offsets;
    }

    /**
     * Grows the tree and adds each leaf's value to the raw predictions of its rows ({@code raw[row * outputs + output]}).
     */
    Tree grow(double[] raw, int outputs, int output) {
        double g = 0;
        double h = 0;
        for (int r = 0; r < gradient.length; r++) {
            g += gradient[r];
            h += hessian[r];
        }
        Node root = new Node(0, index.length, g, h, 0);
        root.histogram = histogram(root);
        root.split = bestSplit(root);
        PriorityQueue<Node> splittable = new PriorityQueue<>((a, b) -> Double.compare(b.split.gain(), a.split.gain()));
        if (root.split != null) {
            splittable.add(root);
        }
        List<Node> nodes = new ArrayList<>();
        nodes.add(root);
        int leaves = 1;
        while (!splittable.isEmpty() && leaves < settings.maxLeaves()) {
            Node node = splittable.poll();
            split(node);
            nodes.add(node.left);
            nodes.add(node.right);
            leaves++;
            boolean deeper = settings.maxDepth() == 0 || node.depth + 1 < settings.maxDepth();
            if (leaves < settings.maxLeaves() && deeper) {
                Node small = node.left.rows() <= node.right.rows() ? node.left : node.right;
                Node large = small == node.left ? node.right : node.left;
                small.histogram = histogram(small);
                large.histogram = node.histogram;
                large.histogram.subtract(small.histogram);
                operations += 3L * offsets[features];
                for (Node child : new Node[]{node.left, node.right}) {
                    child.split = bestSplit(child);
                    if (child.split != null) {
                        splittable.add(child);
                    } else {
                        child.histogram = null;
                    }
                }
            }
            node.histogram = null;
        }
        return tree(nodes, raw, outputs, output);
    }

    /** The histogram of a node's rows, on the kernels' device. */
    private Histogram histogram(Node node) {
        Histogram histogram = new Histogram(offsets[features]);
        kernels.histogram(index, node.start, node.end, node.depth == 0, histogram.sums, histogram.count);
        operations += 2L * features * node.rows();
        return histogram;
    }

    /** The best split of a node over all features, or null when none gains or keeps enough rows on both sides. */
    private Split bestSplit(Node node) {
        int minRows = settings.minSamplesLeaf();
        if (node.rows() < 2 * minRows) {
            return null;
        }
        double lambda = settings.l2();
        double parent = node.sumGradient * node.sumGradient / (node.sumHessian + lambda);
        Split best = null;
        Histogram hist = node.histogram;
        for (int f = 0; f < features; f++) {
            int base = offsets[f];
            int present = binning.bins(f);
            int missingRows = hist.count[base + present];
            double missingGradient = hist.gradient(base + present);
            double missingHessian = hist.hessian(base + present);
            for (int pass = 0; pass < (missingRows > 0 ? 2 : 1); pass++) {
                boolean missingLeft = pass == 1;
                double gl = missingLeft ? missingGradient : 0;
                double hl = missingLeft ? missingHessian : 0;
                int nl = missingLeft ? missingRows : 0;
                // with every present value left, the split separates the missing values alone (only worth it going right)
                int lastBin = missingLeft ? present - 1 : present - (missingRows > 0 ? 0 : 1);
                for (int b = 0; b < lastBin; b++) {
                    gl += hist.gradient(base + b);
                    hl += hist.hessian(base + b);
                    nl += hist.count[base + b];
                    int nr = node.rows() - nl;
                    if (nl < minRows) {
                        continue;
                    }
                    if (nr < minRows) {
                        break;
                    }
                    double hr = node.sumHessian - hl;
                    if (hl < MIN_HESSIAN || hr < MIN_HESSIAN) {
                        continue;
                    }
                    double gr = node.sumGradient - gl;
                    double gain = gl * gl / (hl + lambda) + gr * gr / (hr + lambda) - parent;
                    operations++;
                    if (gain > 0 && (best == null || gain > best.gain())) {
                        // without missing values here, a missing value at prediction follows the larger side
                        boolean left = missingRows > 0 ? missingLeft : nl >= nr;
                        best = new Split(gain, f, b, left, gl, hl, nl);
                    }
                }
            }
        }
        return best;
    }

    /** Partitions the node's rows in place, left rows first, and makes its children. */
    private void split(Node node) {
        Split s = node.split;
        byte[] column = bins[s.feature()];
        int i = node.start;
        int j = node.end - 1;
        while (i <= j) {
            if (goesLeft(column[index[i]] & 0xFF, s)) {
                i++;
            } else {
                int swap = index[i];
                index[i] = index[j];
                index[j] = swap;
                j--;
            }
        }
        operations += node.rows();
        node.left = new Node(node.start, i, s.leftGradient(), s.leftHessian(), node.depth + 1);
        node.right = new Node(i, node.end, node.sumGradient - s.leftGradient(), node.sumHessian - s.leftHessian(), node.depth + 1);
    }

    private static boolean goesLeft(int bin, Split s) {
        return bin == Binning.MISSING ? s.missingLeft() : bin <= s.bin();
    }

    /** The grown nodes as a tree (breadth-first ids), each leaf's value added to its rows' raw predictions. */
    private Tree tree(List<Node> nodes, double[] raw, int outputs, int output) {
        int n = nodes.size();
        for (int i = 0; i < n; i++) {
            nodes.get(i).id = i;
        }
        int[] feature = new int[n];
        float[] threshold = new float[n];
        int[] bin = new int[n];
        boolean[] missingLeft = new boolean[n];
        int[] left = new int[n];
        int[] right = new int[n];
        double[] value = new double[n];
        for (Node node : nodes) {
            int id = node.id;
            if (node.left != null) {
                feature[id] = node.split.feature();
                bin[id] = node.split.bin();
                threshold[id] = binning.threshold(node.split.feature(), node.split.bin());
                missingLeft[id] = node.split.missingLeft();
                left[id] = node.left.id;
                right[id] = node.right.id;
            } else {
                left[id] = -1;
                right[id] = -1;
                value[id] = -node.sumGradient / (node.sumHessian + settings.l2()) * settings.learningRate();
                for (int i = node.start; i < node.end; i++) {
                    raw[index[i] * outputs + output] += value[id];
                }
                operations += node.rows();
            }
        }
        return new Tree(feature, threshold, bin, missingLeft, left, right, value);
    }
}
