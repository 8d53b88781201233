package org.mlarena.submission.control;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ArenaClock;
import org.mlarena.submission.entity.Submission;
import org.mlarena.team.control.SubmissionAllowance;
import org.mlarena.team.entity.Team;

/**
 * The daily submission limit of a team: submissions since midnight UTC that did not fail and were not
 * cancelled count; the limit resets at the next midnight UTC.
 */
@ApplicationScoped
public class SubmissionQuota implements SubmissionAllowance {

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Override
    public Quota of(Team team) {
        Instant now = ArenaClock.now();
        Instant midnight = now.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        long used = em.createNamedQuery(Submission.COUNTED_SINCE, Long.class).setParameter("team", team)
                .setParameter("since", midnight).getSingleResult();
        return new Quota(team.getUseCase().getSubmissionsPerDay(), (int) used, midnight.plus(1, ChronoUnit.DAYS));
    }
}
