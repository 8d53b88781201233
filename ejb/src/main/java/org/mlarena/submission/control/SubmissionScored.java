package org.mlarena.submission.control;

/** Fired when a submission of a use case has its scores, observed after the transaction commits (the leaderboard). */
public record SubmissionScored(long useCaseId) {
}
