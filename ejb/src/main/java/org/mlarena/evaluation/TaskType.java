package org.mlarena.evaluation;

/** The kinds of use case a metric applies to. Binary classification has classes 0 and 1, 1 being positive. */
public enum TaskType {
    BINARY_CLASSIFICATION,
    MULTICLASS_CLASSIFICATION,
    REGRESSION
}
