package org.mlarena.web.rest.usecase;

import java.time.Instant;

import org.mlarena.usecase.entity.UseCase;

/** A use case as the catalogue lists it. */
public record UseCaseSummary(String slug, String title, String visibility, String status, String category, String primaryMetric,
                             String goal, Instant opensAt, Instant closesAt) {

    static UseCaseSummary of(UseCase u) {
        return new UseCaseSummary(u.getSlug(), u.getTitle(), u.getVisibility().name(), u.getStatus().name(),
                u.getCategory() == null ? null : u.getCategory().name(), u.getPrimaryMetric(), u.getGoal(), u.getOpensAt(), u.getClosesAt());
    }
}
