package org.mlarena.evaluation;

/** Whether a larger or a smaller value of a metric is better; {@link #NONE} for results that are not a score. */
public enum Direction {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER,
    /** Not a score (the confusion matrix). */
    NONE
}
