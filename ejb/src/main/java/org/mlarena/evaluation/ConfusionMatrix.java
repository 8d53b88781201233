package org.mlarena.evaluation;

import java.util.Arrays;

/**
 * Counts of (true class, predicted class) pairs: {@code count(t, p)} samples of class t were predicted as p.
 * Rows are the truth and columns the prediction, as scikit-learn's {@code confusion_matrix} with
 * {@code labels=range(classes)}. Built in one pass over the labels; the label metrics read it.
 *
 * @param classes the number of classes
 * @param counts  row-major counts, {@code counts[t * classes + p]}; not copied, do not change it
 */
public record ConfusionMatrix(int classes, long[] counts) {

    public ConfusionMatrix {
        if (counts.length != classes * classes) {
            throw new IllegalArgumentException("a confusion matrix of " + classes + " classes needs "
                    + classes * classes + " counts, got " + counts.length);
        }
    }

    // <snippet:confusion_matrix>
    /** The confusion matrix of validated labels, in a single pass. */
    public static ConfusionMatrix of(MetricInput.ClassLabels labels) {
        int k = labels.classes();
        int[] truth = labels.truth();
        int[] predicted = labels.predicted();
        long[] counts = new long[k * k];
        for (int i = 0; i < truth.length; i++) {
            counts[truth[i] * k + predicted[i]]++;
        }
        return new ConfusionMatrix(k, counts);
    }
    // </snippet:confusion_matrix>

    public long count(int truth, int predicted) {
        return counts[truth * classes + predicted];
    }

    /** The number of samples. */
    public long total() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    /** Per class, the number of samples truly of that class (row sums, the support). */
    public long[] truthCounts() {
        long[] sums = new long[classes];
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                sums[t] += counts[t * classes + p];
            }
        }
        return sums;
    }

    /** Per class, the number of samples predicted as that class (column sums). */
    public long[] predictedCounts() {
        long[] sums = new long[classes];
        for (int t = 0; t < classes; t++) {
            for (int p = 0; p < classes; p++) {
                sums[p] += counts[t * classes + p];
            }
        }
        return sums;
    }

    /** The matrix as rows of the truth. */
    public long[][] toArray() {
        long[][] rows = new long[classes][];
        for (int t = 0; t < classes; t++) {
            rows[t] = Arrays.copyOfRange(counts, t * classes, (t + 1) * classes);
        }
        return rows;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfusionMatrix other && other.classes == classes && Arrays.equals(other.counts, counts);
    }

    @Override
    public int hashCode() {
        return 31 * classes + Arrays.hashCode(counts);
    }

    @Override
    public String toString() {
        return "ConfusionMatrix" + Arrays.deepToString(toArray());
    }
}
