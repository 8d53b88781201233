package org.mlarena.web.faces.submission;

import static org.mlarena.web.faces.Display.finite;

import java.io.Serializable;
import java.time.Instant;

import org.mlarena.submission.control.Reproducibility;
import org.mlarena.submission.entity.Submission;

/**
 * A submission as the My Submissions tab lists it: the public score with its bootstrap interval.
 *
 * @param status QUEUED, RUNNING, SCORED, FAILED or CANCELLED
 * @param reason         why it failed or was cancelled, or null
 * @param reproductionOf for a reproduction, the submission it reproduces; else null
 * @param reproduction   for a reproduction, its comparison with the original in words
 * @param identical      for a scored reproduction, whether its predictions equal the original's to the bit
 */
public record SubmissionRow(long id, String experiment, String team, String status, String reason, Double publicScore, Double publicLower,
                            Double publicUpper, Instant submittedAt, boolean finalChoice, Long reproductionOf,
                            String reproduction, Boolean identical, Double maxDifference) implements Serializable {

    public static SubmissionRow of(Submission s) {
        return new SubmissionRow(s.getId(), s.getExperiment().getTitle(), s.getTeam() == null ? "" : s.getTeam().getName(), s.getStatus().name(),
                s.lifecycle().statusReason(), finite(s.getPublicScore()), finite(s.getPublicLower()), finite(s.getPublicUpper()), s.getSubmittedAt(),
                s.isFinalChoice(), s.isReproduction() ? s.getReproductionOf().getId() : null,
                s.isReproduction() ? Reproducibility.verdict(s) : null, s.getIdenticalToOriginal(), finite(s.getMaxDifferenceFromOriginal()));
    }

    public boolean hasInterval() {
        return publicLower != null && publicUpper != null;
    }

    /** When it was submitted, in UTC like the daily limit. */
    public String submitted() {
        return submittedAt == null ? "" : org.mlarena.web.faces.Display.utc(submittedAt);
    }

    /** A reproduction's comparison, short enough for its column (the verdict is its title). */
    public String reproductionLabel() {
        if (reproductionOf == null) {
            return null;
        }
        String outcome = identical == null ? ("SCORED".equals(status) ? "not comparable" : "not compared yet")
                : identical ? "identical to the bit"
                : "differs by up to " + (maxDifference == null ? "?" : org.mlarena.web.faces.Display.significant(maxDifference, 2));
        return "#" + reproductionOf + ": " + outcome;
    }

    /** Scored and not itself a reproduction: it can be reproduced and chosen as final. */
    public boolean original() {
        return "SCORED".equals(status) && reproductionOf == null;
    }

    public boolean active() {
        return "QUEUED".equals(status) || "RUNNING".equals(status);
    }

}
