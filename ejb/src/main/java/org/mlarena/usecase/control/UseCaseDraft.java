package org.mlarena.usecase.control;

import java.time.Instant;

/**
 * What a host writes about a use case. On creation, missing values take their defaults; on update, a missing
 * (null) value keeps what is stored.
 */
public record UseCaseDraft(String slug, String title, String visibility, String status, String category,
        String goal, String problemStatement, String background, String rules, String dataSource, String dataContext, String labelling,
        String primaryMetric,
        Instant opensAt, Instant closesAt, Integer submissionsPerDay, Integer teamSizeLimit,
        Double computeBudgetPflops, Double publicFraction, Instant selectionClosesAt, Integer finalSubmissions, Long maxParameters,
        Boolean horizontalFlips) {
}
