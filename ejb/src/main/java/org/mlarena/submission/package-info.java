/**
 * Submissions: a trained experiment sent for scoring on the hidden test set, the daily quota ({@code
 * control.SubmissionQuota}, which also answers team's {@code SubmissionAllowance}) and the scores. Uses experiment,
 * team, usecase; tells the pipeline by the CDI event {@code control.SubmissionQueued}.
 */
package org.mlarena.submission;
