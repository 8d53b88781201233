package org.mlarena.submission.entity;

import org.mlarena.common.RunLifecycle;

/** Where a submission stands; FAILED and CANCELLED ones do not count against the daily limit. */
public enum SubmissionStatus implements RunLifecycle.Status {
    QUEUED, RUNNING, SCORED, FAILED, CANCELLED;

    public boolean countsAgainstQuota() {
        return this != FAILED && this != CANCELLED;
    }

    @Override
    public RunLifecycle.Phase phase() {
        return this == QUEUED ? RunLifecycle.Phase.QUEUED : this == RUNNING ? RunLifecycle.Phase.RUNNING : RunLifecycle.Phase.ENDED;
    }

    public boolean isFinal() {
        return phase() == RunLifecycle.Phase.ENDED;
    }
}
