package org.mlarena.web.rest.team;

import java.util.List;

import org.mlarena.team.boundary.Standing;

/**
 * Where the caller stands in a use case.
 *
 * @param role        HOST, LEAD or MEMBER; null when not joined
 * @param team        the caller's team, or null for hosts and people not joined
 * @param members     the team's members (empty when there is no team)
 * @param submissions the team's daily submission limit, or null without a team
 * @param budget      the team's compute budget, or null without a team
 */
public record StandingView(String role, TeamSummaryView team, List<MemberView> members, QuotaView submissions, BudgetView budget) {

    static StandingView of(Standing s) {
        List<MemberView> members = s.members() == null ? List.of() : s.members().stream().map(MemberView::of).toList();
        return new StandingView(s.role() == null ? null : s.role().name(),
                s.team() == null ? null : new TeamSummaryView(s.team().getId(), s.team().getName(), members.size(), s.team().getCreatedAt()),
                members, QuotaView.of(s.submissions()), BudgetView.of(s.budget()));
    }
}
