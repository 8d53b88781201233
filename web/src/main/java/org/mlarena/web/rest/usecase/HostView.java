package org.mlarena.web.rest.usecase;

import java.time.Instant;

import org.mlarena.team.entity.Membership;

/**
 * A host of a use case.
 *
 * @param user  their sign-in name
 * @param since when they became host
 */
public record HostView(String user, Instant since) {

    static HostView of(Membership m) {
        return new HostView(m.getUsername(), m.getJoinedAt());
    }
}
