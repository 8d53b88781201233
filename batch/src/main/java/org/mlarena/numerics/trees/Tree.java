package org.mlarena.numerics.trees;

import java.util.Arrays;

/**
 * One regression tree of a boosted model, as arrays indexed by node (0 the root). An inner node sends a row left when
 * its feature's value is at most {@code threshold} (on binned rows: its bin at most {@code bin}), a missing value the
 * way {@code missingLeft} says; a leaf ({@code left < 0}) adds its {@code value} to the row's raw prediction.
 */
public record Tree(int[] feature, float[] threshold, int[] bin, boolean[] missingLeft, int[] left, int[] right, double[] value) {

    public int nodes() {
        return feature.length;
    }

    public int leaves() {
        int leaves = 0;
        for (int l : left) {
            leaves += l < 0 ? 1 : 0;
        }
        return leaves;
    }

    public boolean isLeaf(int node) {
        return left[node] < 0;
    }

    /** The value of the leaf a row (row-major, {@code features} values from {@code offset}) reaches. */
    public double predict(float[] x, int offset) {
        int node = 0;
        while (left[node] >= 0) {
            float v = x[offset + feature[node]];
            node = (Float.isNaN(v) ? missingLeft[node] : v <= threshold[node]) ? left[node] : right[node];
        }
        return value[node];
    }

    /** The value of the leaf a binned row reaches (feature-major bins). */
    public double predictBinned(byte[][] bins, int row) {
        int node = 0;
        while (left[node] >= 0) {
            int b = bins[feature[node]][row] & 0xFF;
            node = (b == Binning.MISSING ? missingLeft[node] : b <= bin[node]) ? left[node] : right[node];
        }
        return value[node];
    }

    /** The depth of the deepest leaf (a lone root: 0). */
    public int depth() {
        return depth(0);
    }

    private int depth(int node) {
        return left[node] < 0 ? 0 : 1 + Math.max(depth(left[node]), depth(right[node]));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tree t && Arrays.equals(feature, t.feature) && Arrays.equals(threshold, t.threshold) && Arrays.equals(bin, t.bin)
                && Arrays.equals(missingLeft, t.missingLeft) && Arrays.equals(left, t.left) && Arrays.equals(right, t.right)
                && Arrays.equals(value, t.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(feature) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Tree[" + nodes() + " nodes, " + leaves() + " leaves]";
    }
}
