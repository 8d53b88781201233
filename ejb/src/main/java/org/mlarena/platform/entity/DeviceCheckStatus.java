package org.mlarena.platform.entity;

/** Where a device check is. */
public enum DeviceCheckStatus {
    /** Stored, the batch job not yet running. */
    REQUESTED,
    /** The batch job is running. */
    RUNNING,
    /** The device's product equalled the plain-Java reference. */
    MATCHED,
    /** The job failed: a mismatch, a required device not used, or an error; {@code message} says which. */
    FAILED;

    public boolean isFinished() {
        return this == MATCHED || this == FAILED;
    }
}
