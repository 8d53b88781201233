package org.mlarena.web.rest.submission;

/**
 * Body of {@code POST /api/v1/use-cases/{slug}/submissions}.
 *
 * @param experimentId a completed experiment of your team
 * @param comment      up to 2000 characters, optional
 */
public record SubmissionRequest(Long experimentId, String comment) {
}
