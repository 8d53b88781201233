package org.mlarena.platform.entity;

import org.mlarena.common.RunLifecycle;

/** Where a device check is. */
public enum DeviceCheckStatus implements RunLifecycle.Status {
    /** Stored, the batch job not yet running. */
    REQUESTED,
    /** The batch job is running. */
    RUNNING,
    /** The device's product equalled the plain-Java reference. */
    MATCHED,
    /** The job failed: a mismatch, a required device not used, or an error; {@code message} says which. */
    FAILED;

    @Override
    public RunLifecycle.Phase phase() {
        return this == REQUESTED ? RunLifecycle.Phase.QUEUED : this == RUNNING ? RunLifecycle.Phase.RUNNING : RunLifecycle.Phase.ENDED;
    }

    public boolean isFinished() {
        return phase() == RunLifecycle.Phase.ENDED;
    }
}
