package org.mlarena.experiment.entity;

import org.mlarena.common.RunLifecycle;

/** Where a training run stands. Every run ends in one of the final states with a reason, never "running" forever. */
public enum ExperimentStatus implements RunLifecycle.Status {
    QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED,
    /** Stopped because the team's compute budget was spent. */
    BUDGET_EXHAUSTED;

    @Override
    public RunLifecycle.Phase phase() {
        return this == QUEUED ? RunLifecycle.Phase.QUEUED : this == RUNNING ? RunLifecycle.Phase.RUNNING : RunLifecycle.Phase.ENDED;
    }

    public boolean isFinal() {
        return phase() == RunLifecycle.Phase.ENDED;
    }
}
