package org.mlarena.numerics.trees;

import java.util.Arrays;

/**
 * Each feature's values mapped once to at most {@value #MAX_BINS} bins, as histogram-based boosting does (LightGBM,
 * scikit-learn's {@code HistGradientBoosting*}): fitted on the training rows, a feature of few distinct values gets a
 * bin each (thresholds halfway between neighbours), one of many gets quantile bins. A value {@code v} falls into the
 * first bin {@code b} with {@code v <= thresholds[b]} (the last bin is open above); a missing value (NaN) into the
 * bin {@link #MISSING}.
 *
 * @param thresholds per feature the upper bounds of its bins but the last, ascending
 */
public record Binning(float[][] thresholds) {

    /** Bins of present values; 255 leaves one byte value for the missing bin. */
    public static final int MAX_BINS = 255;
    /** The bin of a missing value. */
    public static final int MISSING = MAX_BINS;
    /** Bins per feature in a histogram: the present values' and the missing one. */
    public static final int HISTOGRAM_BINS = MAX_BINS + 1;

    /**
     * Fits the bins of every feature to the training rows.
     *
     * @param x row-major rows &times; features, NaN where missing
     */
    public static Binning fit(float[] x, int rows, int features, int maxBins) {
        if (maxBins < 2 || maxBins > MAX_BINS) {
            throw new IllegalArgumentException("the bins per feature are from 2 to " + MAX_BINS + ", got " + maxBins);
        }
        float[][] thresholds = new float[features][];
        float[] column = new float[rows];
        for (int f = 0; f < features; f++) {
            int n = 0;
            for (int r = 0; r < rows; r++) {
                float v = x[r * features + f];
                if (!Float.isNaN(v)) {
                    column[n++] = v;
                }
            }
            thresholds[f] = thresholds(Arrays.copyOf(column, n), maxBins);
        }
        return new Binning(thresholds);
    }

    /**
     * The thresholds of one feature's present values (sorted in place): halfway between neighbouring distinct values when
     * there are at most maxBins of them, else the maxBins-quantiles (the midpoint of the two values around each),
     * without repeats.
     */
    static float[] thresholds(float[] values, int maxBins) {
        Arrays.sort(values);
        int distinct = 0;
        for (int i = 0; i < values.length; i++) {
            if (i == 0 || values[i] != values[i - 1]) {
                distinct++;
            }
        }
        if (distinct <= maxBins) {
            float[] midpoints = new float[Math.max(0, distinct - 1)];
            int m = 0;
            for (int i = 1; i < values.length; i++) {
                if (values[i] != values[i - 1]) {
                    midpoints[m++] = midpoint(values[i - 1], values[i]);
                }
            }
            return midpoints;
        }
        float[] quantiles = new float[maxBins - 1];
        int q = 0;
        for (int k = 1; k < maxBins; k++) {
            // numpy's percentile with method "midpoint": between the values at floor and ceil of the fractional rank
            double rank = (double) k / maxBins * (values.length - 1);
            float threshold = midpoint(values[(int) Math.floor(rank)], values[(int) Math.ceil(rank)]);
            if (q == 0 || threshold > quantiles[q - 1]) {
                quantiles[q++] = threshold;
            }
        }
        return Arrays.copyOf(quantiles, q);
    }

    private static float midpoint(float a, float b) {
        if (a == b) {
            return a;
        }
        float m = (float) (((double) a + b) / 2);
        // a midpoint that rounds to b would send b left
        return m >= b ? a : m;
    }

    /** The number of bins of present values of a feature. */
    public int bins(int feature) {
        return thresholds[feature].length + 1;
    }

    public int features() {
        return thresholds.length;
    }

    /** The bin of a value of a feature. */
    public int bin(int feature, float value) {
        if (Float.isNaN(value)) {
            return MISSING;
        }
        float[] t = thresholds[feature];
        int low = 0;
        int high = t.length;
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (value <= t[mid]) {
                high = mid;
            } else {
                low = mid + 1;
            }
        }
        return low;
    }

    /** The bins of all rows, feature-major ({@code [feature][row]}, unsigned bytes): what the trees are grown on. */
    public byte[][] apply(float[] x, int rows) {
        int features = features();
        if (x.length != rows * features) {
            throw new IllegalArgumentException(x.length + " values do not make " + rows + " rows of " + features);
        }
        byte[][] binned = new byte[features][rows];
        for (int f = 0; f < features; f++) {
            for (int r = 0; r < rows; r++) {
                binned[f][r] = (byte) bin(f, x[r * features + f]);
            }
        }
        return binned;
    }

    /**
     * The value a split after bin {@code bin} compares with: a value at most this goes left (after the last bin, every
     * present value: a split that separates the missing ones).
     */
    public float threshold(int feature, int bin) {
        return bin < thresholds[feature].length ? thresholds[feature][bin] : Float.POSITIVE_INFINITY;
    }
}
