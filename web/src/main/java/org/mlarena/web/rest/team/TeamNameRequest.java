package org.mlarena.web.rest.team;

/**
 * Body of {@code PUT /api/v1/use-cases/{slug}/teams/{id}}.
 *
 * @param name the new name, 1 to 100 characters, unique in the use case
 */
public record TeamNameRequest(String name) {
}
