package org.mlarena.submission.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ArenaClock;
import org.mlarena.submission.entity.Submission;
import org.mlarena.team.entity.Team;

/**
 * The daily submission limit of a team: submissions since midnight UTC that did not fail and were not
 * cancelled count; the limit resets at the next midnight UTC.
 */
@Stateless
public class SubmissionQuota {

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    /**
     * @param limit    submissions per team per day
     * @param used     counted today
     * @param resetsAt the next midnight UTC
     */
    public record Standing(int limit, int used, Instant resetsAt) {

        public int left() {
            return Math.max(0, limit - used);
        }
    }

    public Standing of(Team team) {
        Instant now = ArenaClock.now();
        Instant midnight = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        long used = em.createNamedQuery(Submission.COUNTED_SINCE, Long.class).setParameter("team", team)
                .setParameter("since", midnight).getSingleResult();
        return new Standing(team.getUseCase().getSubmissionsPerDay(), (int) used, midnight.plus(1, ChronoUnit.DAYS));
    }
}
