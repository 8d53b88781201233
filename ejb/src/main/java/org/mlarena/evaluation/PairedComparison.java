package org.mlarena.evaluation;

/**
 * A paired bootstrap comparison of two prediction sets A and B on the same truth (see
 * {@link Bootstrap#compare}). Differences are oriented by the metric's direction so that a positive difference
 * always means A is better: {@code A - B} for a metric where higher is better, {@code B - A} where lower is.
 *
 * @param pointDifference the oriented difference on the full input
 * @param meanDifference  the mean oriented difference over the defined replicates
 * @param lower           the {@code (1 - level) / 2} quantile of the replicate differences
 * @param upper           the {@code (1 + level) / 2} quantile of the replicate differences
 * @param level           the confidence level
 * @param resamples       the number of replicates drawn; each applies the same resampled rows to A and B
 * @param seed            the seed of the replicates
 * @param undefined       replicates where A's or B's value was undefined (NaN or refused), left out
 * @param shareABetter    the share of defined replicates where A was strictly better than B
 * @param pValue          the one-sided bootstrap p-value of "A is better": the share of defined replicates where
 *                        A was not better ({@code 1 - shareABetter}); ties count against A, so identical
 *                        predictions give 1
 */
public record PairedComparison(double pointDifference, double meanDifference, double lower, double upper,
        double level, int resamples, long seed, int undefined, double shareABetter, double pValue) {

    /** How many replicates the result rests on. */
    public int defined() {
        return resamples - undefined;
    }
}
