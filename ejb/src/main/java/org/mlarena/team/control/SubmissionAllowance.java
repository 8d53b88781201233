package org.mlarena.team.control;

import java.time.Instant;

import org.mlarena.team.entity.Team;

/**
 * A team's submissions left today, part of its standing. The submission component, which sits above this one, counts
 * them ({@code SubmissionQuota}).
 */
public interface SubmissionAllowance {

    /**
     * @param limit    submissions per team per day
     * @param used     counted today
     * @param resetsAt the next midnight UTC
     */
    record Quota(int limit, int used, Instant resetsAt) {

        public int left() {
            return Math.max(0, limit - used);
        }
    }

    Quota of(Team team);
}
