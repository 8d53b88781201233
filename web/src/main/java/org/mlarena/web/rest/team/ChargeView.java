package org.mlarena.web.rest.team;

import java.time.Instant;

import org.mlarena.team.entity.ComputeCharge;

/**
 * One line of a team's compute ledger.
 *
 * @param kind      TRAINING (an epoch of an experiment) or INFERENCE (a submission)
 * @param subjectId the experiment or submission charged
 * @param flops     floating-point operations spent
 */
public record ChargeView(long id, String kind, long subjectId, String description, long flops, Instant chargedAt) {

    static ChargeView of(ComputeCharge c) {
        return new ChargeView(c.getId(), c.getKind().name(), c.getSubjectId(), c.getDescription(), c.getFlops(), c.getChargedAt());
    }
}
