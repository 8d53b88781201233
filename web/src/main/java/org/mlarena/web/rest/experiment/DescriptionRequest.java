package org.mlarena.web.rest.experiment;

/**
 * Body of {@code PATCH /api/v1/use-cases/{slug}/experiments/{id}}: a field left out keeps its value.
 *
 * @param title 1 to 200 characters
 * @param notes up to 8000 characters
 */
public record DescriptionRequest(String title, String notes) {
}
