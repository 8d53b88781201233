package org.mlarena.web.rest.team;

/**
 * Body of {@code POST /api/v1/use-cases/{slug}/invitations}: one of the two.
 *
 * @param user  the sign-in name of the person to invite
 * @param email the e-mail address of the person to invite; forward them the invitation's id and code
 */
public record InvitationRequest(String user, String email) {
}
