package org.mlarena.numerics.nn;

import org.mlarena.numerics.data.LabelledImages;

/**
 * Rows of features with a class each.
 *
 * @param inputs   rows &times; features, row-major
 * @param labels   the class of each row
 * @param features values per row
 * @param classes  number of classes
 */
public record ClassificationData(float[] inputs, int[] labels, int features, int classes) {

    public ClassificationData {
        if (inputs.length != (long) labels.length * features) {
            throw new IllegalArgumentException(inputs.length + " input values do not make " + labels.length + " rows of " + features);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("row " + i + " has class " + labels[i] + ", outside 0.." + (classes - 1));
            }
        }
        for (int i = 0; i < inputs.length; i++) {
            if (!Float.isFinite(inputs[i])) {
                throw new IllegalArgumentException("row " + (i / features) + ", feature " + (i % features) + " is " + inputs[i]
                        + "; inputs must be finite numbers");
            }
        }
    }

    public static ClassificationData of(LabelledImages images) {
        return new ClassificationData(images.pixels(), images.labels(), images.pixelsPerImage(), images.classes());
    }

    public int rows() {
        return labels.length;
    }
}
