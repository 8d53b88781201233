package org.mlarena.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Bootstrap uncertainty of any scalar metric: percentile confidence intervals ({@link #interval}) and paired
 * comparisons of two prediction sets on the same truth ({@link #compare}).
 *
 * <p>Each replicate draws {@code n} row indices uniformly with replacement from a {@link SplittableRandom}
 * seeded with {@link #seed()} (replicate after replicate, index after index, with {@code nextInt(n)}), and
 * evaluates the metric on {@link MetricInput#resample(int[])}. The result is therefore the same for the same
 * seed, input and settings. A replicate on which the metric is undefined (NaN, or refused with an
 * {@link IllegalArgumentException}, as ROC AUC on a replicate whose truth holds one class) is skipped and
 * counted in the result's {@code undefined}, never hidden.
 *
 * <p>Interval bounds are percentiles of the defined replicate values by {@link #quantile}: the linear
 * interpolation of numpy's default {@code method='linear'} (Hyndman and Fan's type 7): for sorted values
 * {@code x[0..m-1]} and probability {@code q}, {@code h = (m - 1) q} and the quantile is
 * {@code x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)])}. The lower bound is the
 * {@code (1 - level) / 2} quantile, the upper the {@code (1 + level) / 2} quantile.
 */
public final class Bootstrap {

    /** The number of replicates unless told otherwise. */
    public static final int DEFAULT_RESAMPLES = 1000;
    /** The confidence level unless told otherwise. */
    public static final double DEFAULT_LEVEL = 0.95;

    private final int resamples;
    private final double level;
    private final long seed;

    /**
     * @param resamples the number of replicates, at least 1
     * @param level     the confidence level, strictly between 0 and 1
     * @param seed      the seed of the replicates
     */
    public Bootstrap(int resamples, double level, long seed) {
        if (resamples < 1) {
            throw new IllegalArgumentException("resamples must be at least 1, got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence level must be strictly between 0 and 1, got " + level);
        }
        this.resamples = resamples;
        this.level = level;
        this.seed = seed;
    }

    /** {@value #DEFAULT_RESAMPLES} replicates at level {@value #DEFAULT_LEVEL}. */
    public static Bootstrap withSeed(long seed) {
        return new Bootstrap(DEFAULT_RESAMPLES, DEFAULT_LEVEL, seed);
    }

    public int resamples() {
        return resamples;
    }

    public double level() {
        return level;
    }

    public long seed() {
        return seed;
    }

    /** The percentile interval of a scalar metric on {@code input}. */
    public ConfidenceInterval interval(Metric metric, MetricInput input) {
        requireScore(metric, false);
        return interval(metric::evaluate, input);
    }

    /** The percentile interval of any statistic of the input (a metric's computation, for instance). */
    public ConfidenceInterval interval(ToDoubleFunction<MetricInput> statistic, MetricInput input) {
        requireInput(input, "input");
        double point = statistic.applyAsDouble(input);
        SplittableRandom random = new SplittableRandom(seed);
        int n = input.size();
        double[] values = new double[resamples];
        int defined = 0;
        for (int r = 0; r < resamples; r++) {
            double v = valueOf(statistic, input.resample(draw(random, n)));
            if (!Double.isNaN(v)) {
                values[defined++] = v;
            }
        }
        double[] sorted = Arrays.copyOf(values, defined);
        Arrays.sort(sorted);
        double alpha = (1 - level) / 2;
        return new ConfidenceInterval(point, quantileOrNaN(sorted, alpha), quantileOrNaN(sorted, 1 - alpha), level,
                resamples, seed, resamples - defined);
    }

    /**
     * Paired comparison of predictions {@code a} and {@code b} of the same truth under a metric that has a
     * direction: each replicate resamples the rows once and applies the same rows to both.
     *
     * @throws IllegalArgumentException when the inputs differ in kind, size or truth, or the metric has no direction
     */
    public PairedComparison compare(Metric metric, MetricInput a, MetricInput b) {
        requireScore(metric, true);
        requireInput(a, "input A");
        requireInput(b, "input B");
        if (a.getClass() != b.getClass()) {
            throw new IllegalArgumentException("inputs A and B differ in kind: " + a.getClass().getSimpleName()
                    + " and " + b.getClass().getSimpleName());
        }
        if (a.size() != b.size()) {
            throw new IllegalArgumentException("inputs A and B differ in size: " + a.size() + " and " + b.size()
                    + " samples; a paired comparison needs the same rows");
        }
        if (!sameTruth(a, b)) {
            throw new IllegalArgumentException("inputs A and B have different truth; a paired comparison needs the"
                    + " same true values, row by row");
        }
        double sign = metric.direction() == Direction.HIGHER_IS_BETTER ? 1 : -1;
        double point = sign * (metric.evaluate(a) - metric.evaluate(b));
        SplittableRandom random = new SplittableRandom(seed);
        int n = a.size();
        double[] differences = new double[resamples];
        int defined = 0;
        int better = 0;
        double sum = 0;
        for (int r = 0; r < resamples; r++) {
            int[] rows = draw(random, n);
            double va = valueOf(metric::evaluate, a.resample(rows));
            double vb = valueOf(metric::evaluate, b.resample(rows));
            if (Double.isNaN(va) || Double.isNaN(vb)) {
                continue;
            }
            double d = sign * (va - vb);
            differences[defined++] = d;
            sum += d;
            if (d > 0) {
                better++;
            }
        }
        double[] sorted = Arrays.copyOf(differences, defined);
        Arrays.sort(sorted);
        double alpha = (1 - level) / 2;
        double share = defined == 0 ? Double.NaN : (double) better / defined;
        return new PairedComparison(point, defined == 0 ? Double.NaN : sum / defined, quantileOrNaN(sorted, alpha),
                quantileOrNaN(sorted, 1 - alpha), level, resamples, seed, resamples - defined, share,
                defined == 0 ? Double.NaN : 1 - share);
    }

    /**
     * The {@code q} quantile of ascending {@code sorted} values by linear interpolation (numpy's default
     * {@code method='linear'}, Hyndman and Fan type 7): {@code h = (m - 1) q},
     * {@code x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)])}.
     */
    public static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("the quantile of no values is undefined");
        }
        if (!(q >= 0 && q <= 1)) {
            throw new IllegalArgumentException("quantile probability must be in [0, 1], got " + q);
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        double fraction = h - lo;
        return sorted[lo] + fraction * (sorted[lo + 1] - sorted[lo]);
    }

    private static double quantileOrNaN(double[] sorted, double q) {
        return sorted.length == 0 ? Double.NaN : quantile(sorted, q);
    }

    private static int[] draw(SplittableRandom random, int n) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = random.nextInt(n);
        }
        return rows;
    }

    private static double valueOf(ToDoubleFunction<MetricInput> statistic, MetricInput replicate) {
        try {
            return statistic.applyAsDouble(replicate);
        } catch (IllegalArgumentException undefined) {
            return Double.NaN;
        }
    }

    private static void requireScore(Metric metric, boolean needsDirection) {
        if (metric == null) {
            throw new IllegalArgumentException("metric is missing (null)");
        }
        if (!metric.isScalar()) {
            throw new IllegalArgumentException(metric.id() + " is not a single number; a bootstrap needs one");
        }
        if (needsDirection && metric.direction() == Direction.NONE) {
            throw new IllegalArgumentException(metric.id() + " has no direction; cannot say which input is better");
        }
    }

    private static void requireInput(MetricInput input, String name) {
        if (input == null) {
            throw new IllegalArgumentException(name + " is missing (null)");
        }
    }

    private static boolean sameTruth(MetricInput a, MetricInput b) {
        if (a instanceof MetricInput.ClassLabels x && b instanceof MetricInput.ClassLabels y) {
            return Arrays.equals(x.truth(), y.truth());
        }
        if (a instanceof MetricInput.ClassProbabilities x && b instanceof MetricInput.ClassProbabilities y) {
            return Arrays.equals(x.truth(), y.truth());
        }
        if (a instanceof MetricInput.RegressionValues x && b instanceof MetricInput.RegressionValues y) {
            return Arrays.equals(x.truth(), y.truth());
        }
        return false;
    }
}
