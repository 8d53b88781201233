package org.mlarena.web.rest.leaderboard;

import java.time.Instant;
import java.util.List;

import org.mlarena.leaderboard.boundary.Leaderboard;
import org.mlarena.leaderboard.control.LeaderboardRanking;

/**
 * The leaderboard as JSON: ranked teams first, then the teams without a score (rank null).
 *
 * @param rankingRule which submissions rank: each team's best on the public part while the use case runs, its final ones
 *                    on the private part once it is closed
 */
public record LeaderboardView(String useCase, String metric, String metricName, String direction, String split, Long myTeamId,
                              String rankingRule, String relDefinition, List<Line> lines) {

    /**
     * One team. Score fields are null for an unranked team; {@code relativeFlopsPercent} is its training FLOPs over
     * the lowest of the ranked teams, times 100.
     */
    public record Line(Integer rank, long teamId, String team, boolean myTeam, Double score, Double scoreLower, Double scoreUpper,
                       Long submissionId, Instant submittedAt, Long experimentId, String experiment, String model, Integer parameters,
                       Long modelBytes, Long trainingFlops, Long inferenceFlops, Double relativeFlopsPercent, Double energyJoules,
                       Boolean energyMeasured, Double gco2e, long submissions, long budgetLeftFlops, boolean paretoOptimal) {
    }

    public static LeaderboardView of(Leaderboard board) {
        return new LeaderboardView(board.slug(), board.metric(), board.metricName(), board.direction(), board.split(), board.myTeamId(),
                board.rankingRule(), board.relDefinition(), board.lines().stream().map(l -> line(l, board.myTeamId())).toList());
    }

    private static Line line(LeaderboardRanking.Line l, Long myTeam) {
        LeaderboardRanking.Scored s = l.best();
        long teamId = l.team().teamId();
        boolean mine = myTeam != null && myTeam == teamId;
        if (s == null) {
            return new Line(null, teamId, l.team().teamName(), mine, null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, l.team().submissions(), l.team().budgetLeftFlops(), false);
        }
        return new Line(l.rank(), teamId, l.team().teamName(), mine, s.score(), s.lower(), s.upper(), s.submissionId(), s.submittedAt(),
                s.experimentId(), s.experimentTitle(), s.model(), s.parameters(), s.modelBytes(), s.trainingFlops(), s.inferenceFlops(),
                l.relativeFlops(), s.energyJoules(), s.energyMeasured(), s.gco2e(), l.team().submissions(), l.team().budgetLeftFlops(),
                l.paretoOptimal());
    }
}
