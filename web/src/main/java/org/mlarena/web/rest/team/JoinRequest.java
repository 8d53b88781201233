package org.mlarena.web.rest.team;

/**
 * Body of {@code POST /api/v1/use-cases/{slug}/participation}.
 *
 * @param acceptRules true: you have read and accept the use case's rules (required)
 * @param teamName    the name of the team you create and lead (default "Team &lt;your name&gt;")
 */
public record JoinRequest(Boolean acceptRules, String teamName) {
}
