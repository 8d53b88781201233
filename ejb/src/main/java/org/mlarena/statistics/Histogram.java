package org.mlarena.statistics;

/**
 * Equal-width histogram of a column's non-missing values, as {@code numpy.histogram(values, bins)}: the range
 * is [min, max] ({@code [v - 0.5, v + 0.5]} when all values equal v), {@code edges} holds {@code bins + 1}
 * ascending edges ({@code edges[i] = min + i (max - min) / bins}, the last exactly max), bin i counts values in
 * {@code [edges[i], edges[i+1])} and the last bin is closed on the right, {@code [edges[bins-1], edges[bins]]},
 * so that the maximum is counted. Values are placed by numpy's own computation, corrected against the edges, so
 * counts equal numpy's also for values on an edge. As a record holding arrays it compares by identity; callers
 * must not change the arrays.
 *
 * @param edges  the {@code bins + 1} bin edges
 * @param counts the number of values per bin
 */
public record Histogram(double[] edges, long[] counts) {

    /** The histogram of the non-missing values of column {@code name} in {@code bins} equal-width bins. */
    public static Histogram of(String name, double[] values, int bins) {
        if (bins < 1) {
            throw new IllegalArgumentException("column '" + name + "': a histogram needs at least 1 bin, got " + bins);
        }
        Columns.checkColumn(name, values);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        double first = min;
        double last = max;
        if (first == last) {
            first -= 0.5;
            last += 0.5;
        }
        // numpy.linspace(first, last, bins + 1)
        double[] edges = new double[bins + 1];
        double step = (last - first) / bins;
        for (int i = 0; i <= bins; i++) {
            edges[i] = i * step + first;
        }
        edges[bins] = last;
        // numpy's _search_sorted_inclusive-free fast path for equal bins
        double norm = bins / (last - first);
        long[] counts = new long[bins];
        for (double v : values) {
            if (Double.isNaN(v)) {
                continue;
            }
            int i = (int) ((v - first) * norm);
            if (i == bins) {
                i--;
            }
            if (v < edges[i]) {
                i--;
            } else if (v >= edges[i + 1] && i != bins - 1) {
                i++;
            }
            counts[i]++;
        }
        return new Histogram(edges, counts);
    }

    /** The number of bins. */
    public int bins() {
        return counts.length;
    }
}
