package org.mlarena.leaderboard.boundary;

import java.util.List;

import org.mlarena.leaderboard.control.LeaderboardRanking;

/**
 * The leaderboard of a use case as the caller sees it.
 *
 * @param slug           the use case
 * @param metric         the primary metric id
 * @param metricName     its name
 * @param direction      HIGHER_IS_BETTER or LOWER_IS_BETTER
 * @param split          "public" while the use case runs, "private" once it is closed
 * @param myTeamId       the caller's team, null when they have none
 * @param rankingRule    which submissions rank: the best public one while the use case runs, the final ones once closed
 * @param relDefinition  what Rel % means
 * @param lines          ranked teams first, then the unranked ones
 */
public record Leaderboard(String slug, String metric, String metricName, String direction, String split, Long myTeamId,
                          String rankingRule, String relDefinition, List<LeaderboardRanking.Line> lines) {
}
