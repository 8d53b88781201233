package org.mlarena.statistics;

import org.apache.commons.math3.stat.descriptive.moment.Mean;
import org.apache.commons.math3.stat.descriptive.moment.Skewness;
import org.apache.commons.math3.stat.descriptive.moment.StandardDeviation;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.descriptive.rank.Percentile.EstimationType;

/**
 * The summary of one numeric column, as pandas' {@code Series.describe()} and {@code Series.skew()} give it,
 * plus a histogram. Missing values (NaN) are counted and left out of everything else.
 *
 * <ul>
 * <li>{@code std} is the sample standard deviation (divisor {@code n - 1}); NaN for a single value.</li>
 * <li>Quartiles use linear interpolation between order statistics, numpy's default {@code method='linear'}
 * and pandas' {@code describe()} (Hyndman and Fan type 7, Commons Math {@link EstimationType#R_7}): for
 * sorted values {@code x[0..n-1]} the p quantile is at position {@code (n - 1) p}.</li>
 * <li>{@code skewness} is the adjusted Fisher–Pearson coefficient
 * {@code n / ((n - 1)(n - 2)) * sum((x - mean)^3) / std^3}, as pandas' {@code skew()} and Commons Math's
 * {@link Skewness}; NaN for fewer than 3 values, 0 for constant values (as pandas). pandas also rounds a
 * sum of cubed deviations below 1e-14 in magnitude to 0; this class does not, so nearly symmetric data may
 * give a skewness of about 1e-16 where pandas gives 0.</li>
 * </ul>
 *
 * @param name      the column's name
 * @param count     the number of non-missing values
 * @param missing   the number of missing values (NaN)
 * @param mean      the mean
 * @param std       the sample standard deviation ({@code n - 1})
 * @param min       the smallest value
 * @param q25       the 25 % quantile
 * @param median    the 50 % quantile
 * @param q75       the 75 % quantile
 * @param max       the largest value
 * @param skewness  the adjusted Fisher–Pearson skewness
 * @param histogram equal-width histogram of the non-missing values
 */
public record ColumnSummary(String name, long count, long missing, double mean, double std, double min,
        double q25, double median, double q75, double max, double skewness, Histogram histogram) {

    /** The number of histogram bins unless told otherwise (numpy's default). */
    public static final int DEFAULT_BINS = 10;

    /** The summary of column {@code name} with a histogram of {@value #DEFAULT_BINS} bins. */
    public static ColumnSummary of(String name, double[] values) {
        return of(name, values, DEFAULT_BINS);
    }

    /**
     * The summary of column {@code name} with a histogram of {@code bins} equal-width bins.
     *
     * @throws IllegalArgumentException when the column is empty, holds only NaN, holds an infinite value, or
     *                                  {@code bins < 1}; the message names the column
     */
    public static ColumnSummary of(String name, double[] values, int bins) {
        Columns.checkColumn(name, values);
        Histogram histogram = Histogram.of(name, values, bins);
        double[] x = Columns.present(values);
        int n = x.length;
        double min = x[0];
        double max = x[0];
        for (double v : x) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        Percentile percentile = new Percentile().withEstimationType(EstimationType.R_7);
        percentile.setData(x);
        double skewness;
        if (n < 3) {
            skewness = Double.NaN;
        } else if (min == max) {
            skewness = 0;
        } else {
            skewness = new Skewness().evaluate(x);
        }
        return new ColumnSummary(name, n, values.length - n, new Mean().evaluate(x),
                n < 2 ? Double.NaN : new StandardDeviation(true).evaluate(x), min, percentile.evaluate(25),
                percentile.evaluate(50), percentile.evaluate(75), max, skewness, histogram);
    }
}
