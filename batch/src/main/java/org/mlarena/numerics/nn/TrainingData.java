package org.mlarena.numerics.nn;

/**
 * Rows a {@link Trainer} can stage on a backend: classification rows with a class each, or regression
 * rows with target values.
 */
public sealed interface TrainingData permits ClassificationData, RegressionData {

    int rows();

    int features();

    float[] inputs();

    /** Outputs the network must have for this data (classes, or target columns). */
    int outputs();

    /** The loss this data is trained with. */
    Network.Loss loss();

    /** Stages the rows {@code order[from..from+count)} through the given scratch arrays. */
    void stage(Backend backend, int[] order, int from, int count, float[] inputScratch, float[] targetScratch, int[] labelScratch);

    /** Stages {@code count} consecutive rows from {@code from}. */
    void stageRange(Backend backend, int from, int count);

    /** Each row's target as a number: its class index, or its value (the first target column). */
    default double[] targetValues() {
        double[] values = new double[rows()];
        if (this instanceof ClassificationData c) {
            for (int r = 0; r < values.length; r++) {
                values[r] = c.labels()[r];
            }
        } else {
            RegressionData d = (RegressionData) this;
            for (int r = 0; r < values.length; r++) {
                values[r] = d.targets()[r * d.outputs()];
            }
        }
        return values;
    }
}
