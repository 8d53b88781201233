package org.mlarena.web.rest.team;

import java.time.Instant;

import org.mlarena.team.entity.Membership;

/**
 * A member of a team.
 *
 * @param role LEAD (created the team, invites teammates) or MEMBER
 */
public record MemberView(String user, String role, Instant joinedAt) {

    static MemberView of(Membership m) {
        return new MemberView(m.getUsername(), m.getRole().name(), m.getJoinedAt());
    }
}
