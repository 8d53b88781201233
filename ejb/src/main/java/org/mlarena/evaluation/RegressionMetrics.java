package org.mlarena.evaluation;

/**
 * Regression metrics, equal to scikit-learn's (1.2) with its defaults. Single passes over the arrays;
 * the median uses a radix histogram and selection (linear time), not a full sort.
 *
 * <p>R² and explained variance follow scikit-learn's {@code force_finite=True}: when the targets are
 * constant (zero variance) the score is 1.0 if the residual term is zero too, otherwise 0.0. R² of a single
 * sample is NaN (scikit-learn: "not well-defined with less than two samples").
 */
public final class RegressionMetrics {

    /** numpy's {@code finfo(float64).eps}, the floor scikit-learn puts under |y| in MAPE. */
    static final double EPS = Math.ulp(1.0);

    private RegressionMetrics() {
    }

    // <snippet:mae>
    /** Mean absolute error. */
    public static double meanAbsoluteError(MetricInput.RegressionValues input) {
        double[] y = input.truth(), f = input.predicted();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += Math.abs(y[i] - f[i]);
        }
        return sum / y.length;
    }
    // </snippet:mae>

    // <snippet:mse>
    /** Mean squared error. */
    public static double meanSquaredError(MetricInput.RegressionValues input) {
        double[] y = input.truth(), f = input.predicted();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            double d = y[i] - f[i];
            sum += d * d;
        }
        return sum / y.length;
    }
    // </snippet:mse>

    // <snippet:rmse>
    /** Root mean squared error: the square root of {@link #meanSquaredError}. */
    public static double rootMeanSquaredError(MetricInput.RegressionValues input) {
        return Math.sqrt(meanSquaredError(input));
    }
    // </snippet:rmse>

    // <snippet:r2>
    /** Coefficient of determination R² = 1 - SS_res / SS_tot. */
    public static double r2(MetricInput.RegressionValues input) {
        double[] y = input.truth(), f = input.predicted();
        int n = y.length;
        if (n < 2) {
            return Double.NaN;
        }
        double sum = 0;
        boolean constant = true;
        for (int i = 0; i < n; i++) {
            sum += y[i];
            constant &= y[i] == y[0];
        }
        double mean = sum / n;
        double residual = 0, total = 0;
        for (int i = 0; i < n; i++) {
            double d = y[i] - f[i];
            double e = y[i] - mean;
            residual += d * d;
            total += e * e;
        }
        if (constant) {
            return residual == 0 ? 1.0 : 0.0;
        }
        return 1 - residual / total;
    }
    // </snippet:r2>

    // <snippet:explained_variance>
    /** Explained variance = 1 - Var(y - f) / Var(y). */
    public static double explainedVariance(MetricInput.RegressionValues input) {
        double[] y = input.truth(), f = input.predicted();
        int n = y.length;
        double sumDiff = 0, sum = 0;
        boolean constant = true, constantDiff = true;
        double firstDiff = y[0] - f[0];
        for (int i = 0; i < n; i++) {
            double d = y[i] - f[i];
            sumDiff += d;
            sum += y[i];
            constant &= y[i] == y[0];
            constantDiff &= d == firstDiff;
        }
        double meanDiff = sumDiff / n;
        double mean = sum / n;
        double residual = 0, total = 0;
        for (int i = 0; i < n; i++) {
            double r = y[i] - f[i] - meanDiff;
            double e = y[i] - mean;
            residual += r * r;
            total += e * e;
        }
        if (constantDiff) {
            residual = 0;
        }
        if (constant) {
            return residual == 0 ? 1.0 : 0.0;
        }
        return 1 - (residual / n) / (total / n);
    }
    // </snippet:explained_variance>

    // <snippet:mape>
    /** Mean absolute percentage error, as a fraction (0.1 = 10 %): mean of |y - f| / max(|y|, eps). */
    public static double meanAbsolutePercentageError(MetricInput.RegressionValues input) {
        double[] y = input.truth(), f = input.predicted();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            sum += Math.abs(y[i] - f[i]) / Math.max(Math.abs(y[i]), EPS);
        }
        return sum / y.length;
    }
    // </snippet:mape>

    // <snippet:median_absolute_error>
    /**
     * Median of |y - f|; for an even count, the mean of the two middle values. Non-negative doubles order
     * as their bit patterns, so one pass counts the errors per top 16 bits, a second collects the errors in
     * the bucket(s) holding the middle rank(s), and a selection among those finds the median.
     */
    public static double medianAbsoluteError(MetricInput.RegressionValues input) {
        double[] y = input.truth(), f = input.predicted();
        int n = y.length;
        int low = (n - 1) / 2; // the middle rank (odd n), or the lower of the two (even n)
        int[] buckets = new int[1 << 16];
        for (int i = 0; i < n; i++) {
            buckets[bucket(Math.abs(y[i] - f[i]))]++;
        }
        int first = 0; // the bucket holding rank low, and the number of errors in the buckets before it
        int before = 0;
        while (before + buckets[first] <= low) {
            before += buckets[first++];
        }
        int last = first; // the bucket holding rank low + 1 (for an even n)
        if (n % 2 == 0 && before + buckets[first] == low + 1) {
            do {
                last++;
            } while (buckets[last] == 0);
        }
        double[] candidates = new double[buckets[first] + (last == first ? 0 : buckets[last])];
        for (int i = 0, c = 0; i < n; i++) {
            double e = Math.abs(y[i] - f[i]);
            int b = bucket(e);
            if (b == first || b == last) {
                candidates[c++] = e;
            }
        }
        int rank = low - before;
        double median = select(candidates, rank);
        if (n % 2 == 1) {
            return median;
        }
        double next = Double.POSITIVE_INFINITY; // after select, candidates[rank + 1 ..] are all >= median
        for (int i = rank + 1; i < candidates.length; i++) {
            next = Math.min(next, candidates[i]);
        }
        return (median + next) / 2;
    }

    private static int bucket(double nonNegative) {
        return (int) (Double.doubleToRawLongBits(nonNegative) >>> 48);
    }
    // </snippet:median_absolute_error>

    // <snippet:max_error>
    /** The largest absolute error. */
    public static double maxError(MetricInput.RegressionValues input) {
        double[] y = input.truth(), f = input.predicted();
        double max = 0;
        for (int i = 0; i < y.length; i++) {
            max = Math.max(max, Math.abs(y[i] - f[i]));
        }
        return max;
    }
    // </snippet:max_error>

    // <snippet:msle>
    /** Mean squared logarithmic error: MSE of log(1 + y) against log(1 + f); targets must not be negative. */
    public static double meanSquaredLogError(MetricInput.RegressionValues input) {
        double[] y = input.truth(), f = input.predicted();
        double sum = 0;
        for (int i = 0; i < y.length; i++) {
            if (y[i] < 0 || f[i] < 0) {
                throw new IllegalArgumentException("MSLE needs targets >= 0, but " + (y[i] < 0 ? "truth" : "predicted")
                        + "[" + i + "] is " + (y[i] < 0 ? y[i] : f[i]));
            }
            double d = Math.log1p(y[i]) - Math.log1p(f[i]);
            sum += d * d;
        }
        return sum / y.length;
    }
    // </snippet:msle>

    /** Rearranges {@code a} so that a[k] holds the k-th smallest value, smaller or equal ones before it. */
    static double select(double[] a, int k) {
        int lo = 0, hi = a.length - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as pivot
            if (a[mid] < a[lo]) swap(a, mid, lo);
            if (a[hi] < a[lo]) swap(a, hi, lo);
            if (a[hi] < a[mid]) swap(a, hi, mid);
            double pivot = a[mid];
            int i = lo, j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    swap(a, i, j);
                    i++;
                    j--;
                }
            }
            // now a[lo..j] <= pivot, a[i..hi] >= pivot, and a[j+1..i-1] == pivot
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
