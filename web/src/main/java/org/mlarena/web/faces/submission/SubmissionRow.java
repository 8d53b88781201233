package org.mlarena.web.faces.submission;

import java.io.Serializable;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.mlarena.submission.entity.Submission;

/**
 * A submission as the My Submissions tab lists it: the public score with its bootstrap interval.
 *
 * @param status QUEUED, RUNNING, SCORED, FAILED or CANCELLED
 * @param reason why it failed or was cancelled, or null
 */
public record SubmissionRow(long id, String experiment, String team, String status, String reason, Double publicScore, Double publicLower,
                            Double publicUpper, Instant submittedAt) implements Serializable {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    public static SubmissionRow of(Submission s) {
        return new SubmissionRow(s.getId(), s.getExperiment().getTitle(), s.getTeam() == null ? "" : s.getTeam().getName(), s.getStatus().name(),
                s.getStatusReason(), finite(s.getPublicScore()), finite(s.getPublicLower()), finite(s.getPublicUpper()), s.getSubmittedAt());
    }

    public boolean hasInterval() {
        return publicLower != null && publicUpper != null;
    }

    /** When it was submitted, in UTC like the daily limit. */
    public String submitted() {
        return submittedAt == null ? "" : WHEN.format(submittedAt);
    }

    public boolean active() {
        return "QUEUED".equals(status) || "RUNNING".equals(status);
    }

    private static Double finite(Double value) {
        return value == null || !Double.isFinite(value) ? null : value;
    }
}
