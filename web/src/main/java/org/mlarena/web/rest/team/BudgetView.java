package org.mlarena.web.rest.team;

import org.mlarena.team.control.ComputeBudget;

/**
 * A team's compute budget in floating-point operations, as the engine counts them.
 *
 * @param budgetFlops what the use case grants each team
 * @param spentFlops  the sum of the team's ledger
 * @param leftFlops   what is left
 * @param spent       true once nothing is left: no more training
 */
public record BudgetView(long budgetFlops, long spentFlops, long leftFlops, boolean spent) {

    static BudgetView of(ComputeBudget.Standing s) {
        return s == null ? null : new BudgetView(s.budgetFlops(), s.spentFlops(), s.leftFlops(), s.spent());
    }
}
