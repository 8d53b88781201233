package org.mlarena.numerics.trees;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Grows one tree leaf-wise on binned rows and their gradients and hessians, as LightGBM and scikit-learn's
 * {@code HistGradientBoosting*} do: the leaf whose best split gains most is split next, until the tree has
 * {@code maxLeaves} leaves, no leaf can be split (fewer than twice {@code minSamplesLeaf} rows, a hessian below
 * {@value TreeKernels#MIN_HESSIAN}, no gain) or the depth limit is reached.
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
    private final FeatureSplits splits;
    /** Operations counted: histogram additions, split evaluations, row comparisons. */
    long operations;

    /** A node while it grows: its rows are {@code index[start, end)}. */
    private static final class Node {
        final int start;
        final int end;
        final double sumGradient;
        final double sumHessian;
        final int depth;
        /** its histogram's handle in the kernels, -1 when it has none */
        int histogram = -1;
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
        this.splits = new FeatureSplits(features);
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
        } else {
            release(root);
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
                node.histogram = -1;
                kernels.subtract(large.histogram, small.histogram);
                operations += 3L * offsets[features];
                for (Node child : new Node[]{node.left, node.right}) {
                    child.split = bestSplit(child);
                    if (child.split != null) {
                        splittable.add(child);
                    } else {
                        release(child);
                    }
                }
            } else {
                release(node);
            }
        }
        for (Node waiting : splittable) {
            release(waiting);
        }
        return tree(nodes, raw, outputs, output);
    }

    /** The histogram of a node's rows, on the kernels' device. */
    private int histogram(Node node) {
        operations += 2L * features * node.rows();
        return kernels.histogram(index, node.start, node.end, node.depth == 0);
    }

    private void release(Node node) {
        if (node.histogram >= 0) {
            kernels.release(node.histogram);
            node.histogram = -1;
        }
    }

    /**
     * The best split of a node over all features, or null when none gains or keeps enough rows on both sides: each
     * feature's best from the kernels, then the first feature with the highest gain.
     */
    private Split bestSplit(Node node) {
        int minRows = settings.minSamplesLeaf();
        if (node.rows() < 2 * minRows) {
            return null;
        }
        double lambda = settings.l2();
        double parent = node.sumGradient * node.sumGradient / (node.sumHessian + lambda);
        kernels.bestSplits(node.histogram, node.rows(), node.sumGradient, node.sumHessian, parent, lambda, minRows, splits);
        Split best = null;
        for (int f = 0; f < features; f++) {
            operations += splits.evaluated[f];
            if (splits.found[f] == 1 && (best == null || splits.gain[f] > best.gain())) {
                best = new Split(splits.gain[f], f, splits.bin[f], splits.missingLeft[f] == 1, splits.leftGradient[f], splits.leftHessian[f],
                        splits.leftRows[f]);
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
