package org.mlarena.team.control;

import java.util.Optional;

import org.mlarena.team.entity.MemberRole;
import org.mlarena.team.entity.Membership;
import org.mlarena.team.entity.Team;
import org.mlarena.usecase.entity.UseCase;

/**
 * A use case as one caller stands in it: host, in a team, or just looking.
 *
 * @param useCase    the use case
 * @param membership the caller's membership, or null when they have not joined
 */
public record Participation(UseCase useCase, Membership membership) {

    public boolean isHost() {
        return membership != null && membership.isHost();
    }

    public Optional<Team> team() {
        return membership == null ? Optional.empty() : Optional.ofNullable(membership.getTeam());
    }

    public boolean isLead() {
        return membership != null && membership.getRole() == MemberRole.LEAD;
    }

    /** May this caller see what belongs to {@code team}? Hosts see every team, participants their own. */
    public boolean sees(Team team) {
        return sees(team.getId());
    }

    /** The same, by the team's id. */
    public boolean sees(long teamId) {
        return isHost() || team().map(own -> own.getId() == teamId).orElse(false);
    }

    /** May this caller join it themselves (public or template, open to participants, not in it yet)? */
    public boolean canJoin() {
        return membership == null && useCase.isOpen() && useCase.acceptsParticipants();
    }
}
