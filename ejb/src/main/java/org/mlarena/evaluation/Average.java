package org.mlarena.evaluation;

/**
 * How per-class precision, recall and F-scores become one number, as scikit-learn's {@code average}.
 * The classes averaged over are those that occur in the truth or in the predictions (scikit-learn's
 * default {@code labels=None}); a class absent from both does not count.
 */
public enum Average {
    /** Only the positive class 1 of a binary task. */
    BINARY,
    /** Counts summed over classes first, then divided (for single-label multiclass: equals accuracy). */
    MICRO,
    /** Unweighted mean of the per-class values. */
    MACRO,
    /** Mean of the per-class values weighted by each class's number of true instances (support). */
    WEIGHTED
}
