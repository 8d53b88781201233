package org.mlarena.web.rest.usecase;

import java.time.Instant;

import org.mlarena.usecase.control.UseCaseDraft;

/**
 * Body of {@code POST /api/v1/use-cases} and {@code PUT /api/v1/use-cases/{slug}}. On creation missing values
 * take their defaults (the slug comes from the title when left out); on update a missing value keeps what is
 * stored, and the slug cannot change.
 *
 * @param visibility  PUBLIC, TEMPLATE or PRIVATE
 * @param status      DRAFT, ACTIVE or CLOSED
 * @param category    IMAGE_CLASSIFICATION, TABULAR_CLASSIFICATION, TABULAR_REGRESSION or TEXT_CLASSIFICATION
 * @param closesAt    when submissions end (none after it)
 * @param selectionClosesAt when teams stop choosing their final submissions (left out: when the use case closes)
 * @param finalSubmissions  how many final submissions a team may choose, 1 to 10 (default 2); only they rank privately
 * @param maxParameters     the most parameters a team's model may have, 1,000 to 50,000,000 (default 50,000,000)
 * @param horizontalFlips   whether an architecture may augment the images with horizontal flips while training (default
 *                          false: a mirrored digit or letter is another one)
 * @param dataSource  Markdown for the EDA tab: where the data comes from (who collected it, when, its licence)
 * @param dataContext Markdown for the EDA tab: what the rows and columns are, what the data was collected for
 * @param labelling   Markdown for the EDA tab: how the labels were made (by whom, how checked, known noise)
 * @param version     on update: the version you read; a use case changed since answers 409 (leave out to overwrite)
 */
public record UseCaseRequest(String slug, String title, String visibility, String status, String category, String goal,
                             String problemStatement, String background, String rules, String dataSource, String dataContext,
                             String labelling, String primaryMetric, Instant opensAt,
                             Instant closesAt, Integer submissionsPerDay, Integer teamSizeLimit, Double computeBudgetPflops,
                             Double publicFraction, Instant selectionClosesAt, Integer finalSubmissions, Long maxParameters, Boolean horizontalFlips,
                             Long version) {

    UseCaseDraft draft() {
        return new UseCaseDraft(slug, title, visibility, status, category, goal, problemStatement, background, rules, dataSource,
                dataContext, labelling, primaryMetric,
                opensAt, closesAt, submissionsPerDay, teamSizeLimit, computeBudgetPflops, publicFraction, selectionClosesAt, finalSubmissions,
                maxParameters, horizontalFlips);
    }
}
