package org.mlarena.evaluation;

/**
 * A bootstrap percentile confidence interval of a metric (see {@link Bootstrap}).
 *
 * @param point     the metric on the full input (not the mean of the replicates)
 * @param lower     the {@code (1 - level) / 2} quantile of the defined replicate values; NaN when none was defined
 * @param upper     the {@code (1 + level) / 2} quantile of the defined replicate values; NaN when none was defined
 * @param level     the confidence level, e.g. 0.95
 * @param resamples the number of bootstrap replicates drawn
 * @param seed      the seed of the {@link java.util.SplittableRandom} that drew them
 * @param undefined how many replicates gave no value (NaN, or refused: e.g. ROC AUC on a replicate whose truth
 *                  holds one class only) and were left out of the quantiles; the interval rests on
 *                  {@code resamples - undefined} values
 */
public record ConfidenceInterval(double point, double lower, double upper, double level, int resamples, long seed,
        int undefined) {

    /** How many replicates the interval rests on. */
    public int defined() {
        return resamples - undefined;
    }

    /** Whether {@code value} lies within [lower, upper]. */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** {@code upper - lower}. */
    public double width() {
        return upper - lower;
    }
}
