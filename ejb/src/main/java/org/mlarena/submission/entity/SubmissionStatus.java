package org.mlarena.submission.entity;

/** Where a submission stands; FAILED and CANCELLED ones do not count against the daily limit. */
public enum SubmissionStatus {
    QUEUED, RUNNING, SCORED, FAILED, CANCELLED;

    public boolean countsAgainstQuota() {
        return this != FAILED && this != CANCELLED;
    }

    public boolean isFinal() {
        return this == SCORED || this == FAILED || this == CANCELLED;
    }
}
