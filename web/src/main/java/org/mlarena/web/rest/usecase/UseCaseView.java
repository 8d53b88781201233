package org.mlarena.web.rest.usecase;

import java.time.Instant;

import org.mlarena.team.control.Participation;
import org.mlarena.usecase.entity.UseCase;

/**
 * A use case with everything its hosts wrote.
 *
 * @param averaging          how the primary metric averages over classes (macro, micro, weighted, binary), or null
 * @param computeBudgetPflops the compute budget of each team in PFLOPs (10^15 floating-point operations)
 * @param publicFraction     the part of the test set that ranks while the use case runs; the rest ranks once it closes
 * @param closesAt           when submissions end
 * @param selectionClosesAt  when teams stop choosing their final submissions (null: when the use case closes)
 * @param finalSubmissions   how many final submissions a team may choose; only they rank on the private leaderboard
 * @param maxParameters      the most parameters a team's model may have
 * @param horizontalFlips    whether an architecture may augment the images with horizontal flips while training
 * @param dataSource         where the data comes from (Markdown), shown on the EDA tab with {@code dataContext} and {@code labelling}
 * @param version            send it back with {@code PUT} so that a concurrent change is not overwritten
 * @param role               the caller's place in it: HOST, LEAD, MEMBER, or null when not joined
 */
public record UseCaseView(String slug, String title, String visibility, String status, String category, String goal,
                          String problemStatement, String background, String rules, String dataSource, String dataContext,
                          String labelling, String primaryMetric, String averaging,
                          Instant opensAt, Instant closesAt, int submissionsPerDay, int teamSizeLimit, double computeBudgetPflops,
                          double publicFraction, Instant selectionClosesAt, int finalSubmissions, long maxParameters, boolean horizontalFlips, String createdBy, Instant createdAt, Instant updatedAt, long version, String role) {

    static UseCaseView of(Participation participation) {
        UseCase u = participation.useCase();
        return new UseCaseView(u.getSlug(), u.getTitle(), u.getVisibility().name(), u.getStatus().name(),
                u.getCategory() == null ? null : u.getCategory().name(), u.getGoal(), u.getProblemStatement(), u.getBackground(),
                u.getRules(), u.getDataSource(), u.getDataContext(), u.getLabelling(), u.getPrimaryMetric(), u.getAveraging(), u.getOpensAt(), u.getClosesAt(), u.getSubmissionsPerDay(),
                u.getTeamSizeLimit(), u.getComputeBudgetPflops(), u.getPublicFraction(), u.getSelectionClosesAt(), u.getFinalSubmissions(), u.getMaxParameters(), u.isHorizontalFlips(), u.getCreatedBy(), u.getCreatedAt(),
                u.getUpdatedAt(), u.getVersion(), participation.membership() == null ? null : participation.membership().getRole().name());
    }
}
