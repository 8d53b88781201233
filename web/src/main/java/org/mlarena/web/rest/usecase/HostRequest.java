package org.mlarena.web.rest.usecase;

/**
 * Body of {@code POST /api/v1/use-cases/{slug}/hosts}.
 *
 * @param user the sign-in name of the person who becomes co-host
 */
public record HostRequest(String user) {
}
