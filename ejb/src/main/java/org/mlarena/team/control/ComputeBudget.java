package org.mlarena.team.control;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ArenaClock;
import org.mlarena.team.entity.ComputeCharge;
import org.mlarena.team.entity.Team;

/** A team's compute ledger: what the use case grants, what was spent, what is left. */
@Stateless
public class ComputeBudget {

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    /**
     * The state of a team's budget.
     *
     * @param budgetFlops what the use case grants each team
     * @param spentFlops  the sum of the ledger
     */
    public record Standing(long budgetFlops, long spentFlops) {

        public long leftFlops() {
            return Math.max(0, budgetFlops - spentFlops);
        }

        public boolean spent() {
            return spentFlops >= budgetFlops;
        }
    }

    public Standing of(Team team) {
        Long spent = em.createNamedQuery(ComputeCharge.SPENT, Long.class).setParameter("team", team).getSingleResult();
        double budget = team.getUseCase().computeBudgetFlops();
        return new Standing(budget >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) budget, spent == null ? 0 : spent);
    }

    /** Records FLOPs spent; returns the standing after the charge. */
    public Standing charge(Team team, ComputeCharge.Kind kind, long subjectId, String description, long flops) {
        em.persist(new ComputeCharge(team, kind, subjectId, description, flops, ArenaClock.now()));
        em.flush();
        return of(team);
    }

    /** How many charges of that kind a run has (a training: one per epoch). */
    public long charges(ComputeCharge.Kind kind, long subjectId) {
        return em.createNamedQuery(ComputeCharge.COUNT_OF_SUBJECT, Long.class).setParameter("kind", kind).setParameter("subject", subjectId)
                .getSingleResult();
    }

    public List<ComputeCharge> ledger(Team team, int first, int max) {
        return em.createNamedQuery(ComputeCharge.OF_TEAM, ComputeCharge.class).setParameter("team", team)
                .setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long ledgerSize(Team team) {
        return em.createNamedQuery(ComputeCharge.COUNT_OF_TEAM, Long.class).setParameter("team", team).getSingleResult();
    }
}
