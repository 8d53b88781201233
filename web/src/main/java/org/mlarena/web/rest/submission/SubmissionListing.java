package org.mlarena.web.rest.submission;

import java.time.Instant;

import org.mlarena.team.control.SubmissionAllowance;
import org.mlarena.web.rest.PageView;

/**
 * A page of submissions, newest first, with the team's daily limit.
 *
 * @param quota the caller's team's limit for today, or null for hosts and people not in a team
 */
public record SubmissionListing(PageView<SubmissionView> page, Quota quota) {

    /**
     * A team's daily submission limit; failed and cancelled submissions do not count.
     *
     * @param limit    submissions per team per day
     * @param used     counted since midnight UTC
     * @param left     still possible today
     * @param resetsAt the next midnight UTC
     */
    public record Quota(int limit, int used, int left, Instant resetsAt) {

        static Quota of(SubmissionAllowance.Quota s) {
            return s == null ? null : new Quota(s.limit(), s.used(), s.left(), s.resetsAt());
        }
    }
}
