package org.mlarena.experiment.entity;

/** Where a training run stands. Every run ends in one of the final states with a reason, never "running" forever. */
public enum ExperimentStatus {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED,
    /** Stopped because the team's compute budget was spent. */
    BUDGET_EXHAUSTED;

    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
