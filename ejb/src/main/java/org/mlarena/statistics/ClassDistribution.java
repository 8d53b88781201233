package org.mlarena.statistics;

/**
 * How often each class occurs among a column of labels {@code 0..classes-1}: counts and shares, classes absent
 * from the labels included with 0. As pandas' {@code value_counts()} and {@code value_counts(normalize=True)}.
 * As a record holding arrays it compares by identity.
 *
 * @param counts the number of labels of each class
 * @param shares each class's share of all labels ({@code counts[c] / total})
 * @param total  the number of labels
 */
public record ClassDistribution(long[] counts, double[] shares, long total) {

    /**
     * The distribution of {@code labels} over {@code classes} classes.
     *
     * @throws IllegalArgumentException when the labels are empty or one is outside {@code 0..classes-1}
     */
    public static ClassDistribution of(String name, int[] labels, int classes) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("column '" + name + "' is empty");
        }
        if (classes < 1) {
            throw new IllegalArgumentException("column '" + name + "': need at least 1 class, got " + classes);
        }
        long[] counts = new long[classes];
        for (int i = 0; i < labels.length; i++) {
            int c = labels[i];
            if (c < 0 || c >= classes) {
                throw new IllegalArgumentException("column '" + name + "' row " + i + " is " + c
                        + ", outside the class range 0.." + (classes - 1));
            }
            counts[c]++;
        }
        double[] shares = new double[classes];
        for (int c = 0; c < classes; c++) {
            shares[c] = (double) counts[c] / labels.length;
        }
        return new ClassDistribution(counts, shares, labels.length);
    }

    /** The number of classes. */
    public int classes() {
        return counts.length;
    }
}
