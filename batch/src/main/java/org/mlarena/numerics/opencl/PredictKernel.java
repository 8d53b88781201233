package org.mlarena.numerics.opencl;

import com.aparapi.Kernel;

/**
 * The raw predictions of boosted trees, one work-item per row: it walks every tree in order and adds the leaf's value
 * to the row's output of that tree (round-major trees, one per output), as {@code JavaTreeKernels} does, so the sums are
 * the same to the bit. The trees are flattened: node ids are global, {@link #roots} holds each tree's first node.
 */
final class PredictKernel extends Kernel {

    float[] x = new float[1];
    int[] feature = new int[1];
    float[] threshold = new float[1];
    /** 1 when a missing value goes left */
    int[] missingLeft = new int[1];
    /** the left child's global id, -1 at a leaf */
    int[] left = new int[1];
    int[] right = new int[1];
    double[] value = new double[1];
    int[] roots = new int[1];
    double[] raw = new double[1];
    /** the nodes each row passed */
    int[] passed = new int[1];

    int items;
    int features;
    int trees;
    int outputs;

    @Override
    public void run() {
        int r = getGlobalId();
        if (r < items) {
            int offset = r * features;
            int steps = 0;
            for (int t = 0; t < trees; t++) {
                int node = roots[t];
                while (left[node] >= 0) {
                    float v = x[offset + feature[node]];
                    // v != v: a missing value (NaN)
                    int goLeft = v != v ? missingLeft[node] : (v <= threshold[node] ? 1 : 0);
                    node = goLeft == 1 ? left[node] : right[node];
                    steps++;
                }
                raw[r * outputs + t % outputs] += value[node];
                steps++;
            }
            passed[r] = steps;
        }
    }
}
