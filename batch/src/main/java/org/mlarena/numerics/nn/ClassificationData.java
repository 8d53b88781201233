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
public record ClassificationData(float[] inputs, int[] labels, int features, int classes) implements TrainingData {

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
            if (Float.isInfinite(inputs[i])) {
                throw new IllegalArgumentException("row " + (i / features) + ", feature " + (i % features) + " is " + inputs[i]
                        + "; inputs must be finite numbers, or NaN where a value is missing");
            }
        }
    }

    public static ClassificationData of(LabelledImages images) {
        return new ClassificationData(images.pixels(), images.labels(), images.pixelsPerImage(), images.classes());
    }

    @Override
    public int rows() {
        return labels.length;
    }

    @Override
    public int outputs() {
        return classes;
    }

    @Override
    public Network.Loss loss() {
        return Network.Loss.SOFTMAX_CROSS_ENTROPY;
    }

    @Override
    public void stage(Backend backend, int[] order, int from, int count, float[] inputScratch, float[] targetScratch, int[] labelScratch) {
        for (int r = 0; r < count; r++) {
            int row = order[from + r];
            System.arraycopy(inputs, row * features, inputScratch, r * features, features);
            labelScratch[r] = labels[row];
        }
        backend.stageBatch(inputScratch, 0, count, features, labelScratch, 0);
    }

    @Override
    public void stageRange(Backend backend, int from, int count) {
        backend.stageBatch(inputs, from * features, count, features, labels, from);
    }
}
