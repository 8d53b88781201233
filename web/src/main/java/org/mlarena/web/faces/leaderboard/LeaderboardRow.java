package org.mlarena.web.faces.leaderboard;

import static org.mlarena.web.faces.Display.finite;

import java.io.Serializable;

import org.mlarena.leaderboard.boundary.Leaderboard;
import org.mlarena.leaderboard.control.LeaderboardRanking;

/**
 * One team on the leaderboard screen, flattened so that every column sorts; the score fields are null for a team
 * without a scored submission.
 *
 * @param budgetLeftPflops the team's compute budget left, in PFLOPs (10^15 floating-point operations)
 */
public record LeaderboardRow(Integer rank, long teamId, String team, boolean myTeam, Double score, Double scoreLower, Double scoreUpper,
                             Integer parameters, Long modelBytes, Long trainingFlops, Double relativeFlopsPercent, Double energyJoules,
                             Boolean energyMeasured, Double gco2e, long submissions, double budgetLeftPflops, boolean paretoOptimal)
        implements Serializable {

    public static LeaderboardRow of(LeaderboardRanking.Line line, Leaderboard board) {
        LeaderboardRanking.Scored s = line.best();
        long teamId = line.team().teamId();
        boolean mine = board.myTeamId() != null && board.myTeamId() == teamId;
        double budgetLeft = line.team().budgetLeftFlops() / 1e15;
        if (s == null) {
            return new LeaderboardRow(null, teamId, line.team().teamName(), mine, null, null, null, null, null, null, null, null, null, null,
                    line.team().submissions(), budgetLeft, false);
        }
        return new LeaderboardRow(line.rank(), teamId, line.team().teamName(), mine, finite(s.score()), finite(s.lower()), finite(s.upper()),
                s.parameters(), s.modelBytes(), s.trainingFlops(), line.relativeFlops(), finite(s.energyJoules()), s.energyMeasured(),
                finite(s.gco2e()), line.team().submissions(), budgetLeft, line.paretoOptimal());
    }

    public boolean hasInterval() {
        return scoreLower != null && scoreUpper != null;
    }

    /** "measured" or "estimated", or empty without a figure. */
    public String energySource() {
        return energyMeasured == null ? "" : energyMeasured ? "measured" : "estimated";
    }

}
