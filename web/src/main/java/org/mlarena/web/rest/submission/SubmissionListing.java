package org.mlarena.web.rest.submission;

import java.time.Instant;
import java.util.List;

import org.mlarena.team.control.SubmissionAllowance;
import org.mlarena.web.rest.PageView;

/**
 * A page of submissions, newest first, with the team's daily limit and its final submissions.
 *
 * @param quota  the caller's team's limit for today, or null for hosts and people not in a team
 * @param finals what the team chose to rank on the private leaderboard
 */
public record SubmissionListing(PageView<SubmissionView> page, Quota quota, Finals finals) {

    /**
     * A team's final submissions: only they rank on the private leaderboard (if it chooses none, its best ones on the
     * public part do).
     *
     * @param allowed           how many it may choose
     * @param chosen            the ids of those it chose (empty for hosts)
     * @param selectionClosesAt when the choice ends (null: when the use case is closed)
     */
    public record Finals(int allowed, List<Long> chosen, Instant selectionClosesAt) {
    }

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
