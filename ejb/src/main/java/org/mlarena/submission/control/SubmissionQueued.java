package org.mlarena.submission.control;

/** Fired when a submission is queued for scoring, observed after the transaction commits (the pipeline scores it). */
public record SubmissionQueued(long submissionId) {
}
