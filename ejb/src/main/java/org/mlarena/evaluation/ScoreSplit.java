package org.mlarena.evaluation;

/**
 * Splits a use case's test set into a public part (scored on the leaderboard while the competition runs) and a
 * private part (scored at the end), the same way every time.
 *
 * <p>Row {@code i} is public when {@code u(seed, i) < publicFraction}, where {@code u} maps the pair to
 * {@code [0, 1)}: {@code h = mix(seed ^ mix(i + 0x9E3779B97F4A7C15))} with {@code mix} the SplitMix64 finaliser
 * (Stafford's variant 13), and {@code u = (h >>> 11) * 2^-53}. A row's side depends only on the use case's seed
 * and the row's index, never on which rows are scored or in what order, so the same use case always splits the
 * same way. The public share of {@code n} rows is close to {@code publicFraction} but not exact (binomial, a
 * standard deviation of {@code sqrt(n f (1 - f))} rows).
 */
public final class ScoreSplit {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double UNIT = 0x1.0p-53;

    private final long seed;
    private final double publicFraction;

    /**
     * @param seed           the use case's seed
     * @param publicFraction the expected share of public rows, strictly between 0 and 1
     */
    public ScoreSplit(long seed, double publicFraction) {
        if (!(publicFraction > 0 && publicFraction < 1)) {
            throw new IllegalArgumentException("public fraction must be strictly between 0 and 1 (exclusive),"
                    + " got " + publicFraction);
        }
        this.seed = seed;
        this.publicFraction = publicFraction;
    }

    public long seed() {
        return seed;
    }

    public double publicFraction() {
        return publicFraction;
    }

    /** Whether row {@code row} (0-based) is in the public part. */
    public boolean isPublic(int row) {
        if (row < 0) {
            throw new IllegalArgumentException("row index must not be negative, got " + row);
        }
        long h = mix(seed ^ mix(row + GOLDEN_GAMMA));
        return (h >>> 11) * UNIT < publicFraction;
    }

    /** The public rows among {@code 0..rows-1}, ascending. */
    public int[] publicRows(int rows) {
        return select(rows, true);
    }

    /** The private rows among {@code 0..rows-1}, ascending. */
    public int[] privateRows(int rows) {
        return select(rows, false);
    }

    /** The metric on the public rows of {@code input}. */
    public double scorePublic(Metric metric, MetricInput input) {
        return score(metric, input, true);
    }

    /** The metric on the private rows of {@code input}. */
    public double scorePrivate(Metric metric, MetricInput input) {
        return score(metric, input, false);
    }

    private double score(Metric metric, MetricInput input, boolean publicPart) {
        if (metric == null || input == null) {
            throw new IllegalArgumentException((metric == null ? "metric" : "input") + " is missing (null)");
        }
        int[] rows = select(input.size(), publicPart);
        if (rows.length == 0) {
            throw new IllegalArgumentException("the " + (publicPart ? "public" : "private") + " part of "
                    + input.size() + " rows is empty at public fraction " + publicFraction);
        }
        return metric.evaluate(input.resample(rows));
    }

    private int[] select(int rows, boolean publicPart) {
        if (rows < 0) {
            throw new IllegalArgumentException("number of rows must not be negative, got " + rows);
        }
        int[] out = new int[rows];
        int k = 0;
        for (int i = 0; i < rows; i++) {
            if (isPublic(i) == publicPart) {
                out[k++] = i;
            }
        }
        return java.util.Arrays.copyOf(out, k);
    }

    /** How a row's side is decided, for people who recompute it from the revealed seed. */
    public static final String RULE = "Row i of the test set (0-based, in the order of its feature file) is public when u < publicFraction, where"
            + " u = (mix(seed ^ mix(i + 0x9E3779B97F4A7C15)) >>> 11) * 2^-53 and mix is SplitMix64's finaliser"
            + " (z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >>> 27)) * 0x94D049BB133111EB; z ^ (z >>> 31), 64-bit"
            + " two's complement). The commitment is the SHA-256 of the seed written in decimal.";

    /**
     * The commitment to a seed, published before the seed: the SHA-256 of its decimal text, lowercase hex. Once the seed
     * is revealed anyone can check it against the commitment, and so that the split was fixed from the start.
     */
    public static String commitment(long seed) {
        return org.mlarena.common.Sha256.hex(Long.toString(seed));
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
