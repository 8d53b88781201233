package org.mlarena.numerics.trees;

/**
 * The best split of one node in each feature, as {@link TreeKernels#bestSplits} finds them: per feature whether it has
 * one ({@code found}), its gain, the last bin going left, where missing values go, the left side's sums and rows, and
 * how many splits were evaluated (the operations counted). The grower takes the first feature with the highest gain.
 */
public final class FeatureSplits {

    public final int[] found;
    public final double[] gain;
    public final int[] bin;
    public final int[] missingLeft;
    public final double[] leftGradient;
    public final double[] leftHessian;
    public final int[] leftRows;
    public final int[] evaluated;

    public FeatureSplits(int features) {
        found = new int[features];
        gain = new double[features];
        bin = new int[features];
        missingLeft = new int[features];
        leftGradient = new double[features];
        leftHessian = new double[features];
        leftRows = new int[features];
        evaluated = new int[features];
    }
}
