package org.mlarena.web.rest.team;

import java.time.Instant;

import org.mlarena.common.ArenaClock;
import org.mlarena.team.entity.Invitation;

/**
 * An invitation into a team (sent by its lead) or, with no team, into a private use case with a team of one's own
 * (sent by a host).
 *
 * @param useCase  the use case's slug
 * @param teamId   the team it invites into, or null for an invitation into the use case
 * @param user     the invitee's sign-in name, or null for an invitation by e-mail
 * @param email    the invitee's e-mail address, or null for an invitation by name
 * @param status   PENDING, ACCEPTED, DECLINED, EXPIRED or REVOKED
 * @param code     the secret that lets whoever holds it answer an invitation by e-mail: shown only to its sender when
 *                 it is created (they forward the link), null everywhere else: an invitation by name needs no code
 */
public record InvitationView(long id, String useCase, String useCaseTitle, Long teamId, String teamName, String user, String email,
                             String invitedBy, String status, Instant createdAt, Instant expiresAt, Instant answeredAt,
                             String answeredBy, String code) {

    /** Without the code: what lists of a use case's invitations and answers show. */
    static InvitationView of(Invitation i) {
        return view(i, null);
    }

    /** With the code: for the person who sent it, once, in the answer to sending it. */
    static InvitationView withCode(Invitation i) {
        return view(i, i.getCode());
    }

    private static InvitationView view(Invitation i, String code) {
        return new InvitationView(i.getId(), i.getUseCase().getSlug(), i.getUseCase().getTitle(),
                i.getTeam() == null ? null : i.getTeam().getId(), i.getTeam() == null ? null : i.getTeam().getName(), i.getInviteeUser(),
                i.getInviteeEmail(), i.getInvitedBy(), i.statusAt(ArenaClock.now()).name(), i.getCreatedAt(), i.getExpiresAt(),
                i.getAnsweredAt(), i.getAnsweredBy(), code);
    }
}
