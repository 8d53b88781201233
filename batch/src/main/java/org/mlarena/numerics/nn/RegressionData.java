package org.mlarena.numerics.nn;

/**
 * Rows of features with target values.
 *
 * @param inputs   rows &times; features, row-major
 * @param targets  rows &times; outputs, row-major
 * @param features values per row
 * @param outputs  targets per row
 */
public record RegressionData(float[] inputs, float[] targets, int features, int outputs) implements TrainingData {

    public RegressionData {
        if (features < 1 || outputs < 1 || inputs.length % features != 0) {
            throw new IllegalArgumentException(inputs.length + " input values do not make rows of " + features);
        }
        if ((long) (inputs.length / features) * outputs != targets.length) {
            throw new IllegalArgumentException(targets.length + " targets for " + inputs.length / features + " rows of " + outputs);
        }
        for (int i = 0; i < inputs.length; i++) {
            if (Float.isInfinite(inputs[i])) {
                throw new IllegalArgumentException("row " + (i / features) + ", feature " + (i % features) + " is " + inputs[i]
                        + "; inputs must be finite numbers, or NaN where a value is missing");
            }
        }
        for (int i = 0; i < targets.length; i++) {
            if (!Float.isFinite(targets[i])) {
                throw new IllegalArgumentException("row " + (i / outputs) + ": target " + targets[i] + " is not a finite number");
            }
        }
    }

    @Override
    public int rows() {
        return targets.length / outputs;
    }

    @Override
    public Network.Loss loss() {
        return Network.Loss.MEAN_SQUARED_ERROR;
    }

    @Override
    public void stage(Backend backend, int[] order, int from, int count, float[] inputScratch, float[] targetScratch, int[] labelScratch) {
        for (int r = 0; r < count; r++) {
            int row = order[from + r];
            System.arraycopy(inputs, row * features, inputScratch, r * features, features);
            System.arraycopy(targets, row * outputs, targetScratch, r * outputs, outputs);
        }
        backend.stageBatch(inputScratch, 0, count, features, targetScratch, 0);
    }

    @Override
    public void stageRange(Backend backend, int from, int count) {
        backend.stageBatch(inputs, from * features, count, features, targets, from * outputs);
    }
}
