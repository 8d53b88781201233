package org.mlarena.web.rest.team;

import java.time.Instant;

import org.mlarena.team.control.SubmissionAllowance;

/**
 * A team's daily submission limit; failed and cancelled submissions do not count.
 *
 * @param limit    submissions per team per day
 * @param used     counted since midnight UTC
 * @param left     still possible today
 * @param resetsAt the next midnight UTC
 */
public record QuotaView(int limit, int used, int left, Instant resetsAt) {

    static QuotaView of(SubmissionAllowance.Quota s) {
        return s == null ? null : new QuotaView(s.limit(), s.used(), s.left(), s.resetsAt());
    }
}
