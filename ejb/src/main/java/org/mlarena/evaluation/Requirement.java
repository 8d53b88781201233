package org.mlarena.evaluation;

/** What a metric needs from a submission, with the {@link MetricInput} type that carries it. */
public enum Requirement {
    /** Predicted class labels: {@link MetricInput.ClassLabels}. */
    LABELS(MetricInput.ClassLabels.class),
    /** Class probabilities (scores), one row per sample: {@link MetricInput.ClassProbabilities}. */
    PROBABILITIES(MetricInput.ClassProbabilities.class),
    /** Predicted numeric values: {@link MetricInput.RegressionValues}. */
    VALUES(MetricInput.RegressionValues.class);

    private final Class<? extends MetricInput> inputType;

    Requirement(Class<? extends MetricInput> inputType) {
        this.inputType = inputType;
    }

    public Class<? extends MetricInput> inputType() {
        return inputType;
    }
}
