package org.mlarena.web.rest.team;

import java.time.Instant;

import org.mlarena.team.boundary.TeamService;

/**
 * A team as the list of a use case's teams shows it to everyone.
 *
 * @param members how many people are in it
 */
public record TeamSummaryView(long id, String name, long members, Instant createdAt) {

    static TeamSummaryView of(TeamService.TeamSummary s) {
        return new TeamSummaryView(s.team().getId(), s.team().getName(), s.members(), s.team().getCreatedAt());
    }
}
