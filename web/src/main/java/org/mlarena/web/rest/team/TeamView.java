package org.mlarena.web.rest.team;

import java.time.Instant;
import java.util.List;

import org.mlarena.team.boundary.Standing;

/**
 * A team. Members, submission quota and compute budget are shown to its own members and the hosts only;
 * to everyone else they are null.
 */
public record TeamView(long id, String name, Instant createdAt, List<MemberView> members, QuotaView submissions, BudgetView budget) {

    static TeamView of(Standing s) {
        return new TeamView(s.team().getId(), s.team().getName(), s.team().getCreatedAt(),
                s.members() == null ? null : s.members().stream().map(MemberView::of).toList(), QuotaView.of(s.submissions()),
                BudgetView.of(s.budget()));
    }
}
