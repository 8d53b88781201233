package org.mlarena.web.rest.team;

/**
 * Body of {@code POST /api/v1/invitations/{id}/acceptance} and {@code .../declination}.
 *
 * @param code        the invitation's code: needed for an invitation by e-mail, ignored for one by name
 * @param acceptRules acceptance: true, you have read and accept the use case's rules (required)
 */
public record AnswerRequest(String code, Boolean acceptRules) {
}
