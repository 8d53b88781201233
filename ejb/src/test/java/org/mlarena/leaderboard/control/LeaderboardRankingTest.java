package org.mlarena.leaderboard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mlarena.evaluation.Direction;
import org.mlarena.leaderboard.control.LeaderboardRanking.Contender;
import org.mlarena.leaderboard.control.LeaderboardRanking.Line;
import org.mlarena.leaderboard.control.LeaderboardRanking.Scored;

class LeaderboardRankingTest {

    private static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

    private static Scored scored(long id, double score, int minutes, long flops) {
        return new Scored(id, score, score - 0.01, score + 0.01, T0.plusSeconds(60L * minutes), 100 + id, "e" + id, "mlp", 1000, 4000,
                flops, 10, 1.0, false, 0.1);
    }

    private static Contender team(long id, String name) {
        return new Contender(id, name, 3, 500);
    }

    @Test
    void ranksByBestSubmissionHigherIsBetterAndListsUnrankedTeamsLast() {
        List<Line> lines = LeaderboardRanking.rank(Direction.HIGHER_IS_BETTER,
                List.of(team(1, "zeta"), team(2, "alpha"), team(3, "beta"), team(4, "Aardvark")),
                Map.of(1L, List.of(scored(11, 0.70, 1, 100), scored(12, 0.85, 2, 300)),
                        2L, List.of(scored(21, 0.80, 3, 200))));
        assertEquals(4, lines.size());
        assertEquals(1, lines.get(0).rank());
        assertEquals(1L, lines.get(0).team().teamId());
        assertEquals(12L, lines.get(0).best().submissionId(), "a team counts with its best submission, not its latest or first");
        assertEquals(2, lines.get(1).rank());
        assertEquals(2L, lines.get(1).team().teamId());
        assertNull(lines.get(2).rank());
        assertEquals("Aardvark", lines.get(2).team().teamName(), "unranked teams by name, case-insensitive");
        assertEquals("beta", lines.get(3).team().teamName());
        assertNull(lines.get(3).best());
    }

    @Test
    void lowerIsBetterReversesTheOrder() {
        List<Line> lines = LeaderboardRanking.rank(Direction.LOWER_IS_BETTER, List.of(team(1, "a"), team(2, "b")),
                Map.of(1L, List.of(scored(11, 3.0, 1, 100), scored(12, 2.5, 2, 100)), 2L, List.of(scored(21, 2.0, 3, 100))));
        assertEquals(2L, lines.get(0).team().teamId());
        assertEquals(12L, lines.get(1).best().submissionId());
    }

    @Test
    void equalScoresAreBrokenByTheEarlierSubmission() {
        List<Line> lines = LeaderboardRanking.rank(Direction.HIGHER_IS_BETTER, List.of(team(1, "late"), team(2, "early")),
                Map.of(1L, List.of(scored(11, 0.9, 10, 100)), 2L, List.of(scored(21, 0.9, 5, 100), scored(22, 0.9, 1, 100))));
        assertEquals("early", lines.get(0).team().teamName());
        assertEquals(22L, lines.get(0).best().submissionId(), "of equal scores within a team the earlier one counts");
        assertEquals(1, lines.get(0).rank());
        assertEquals(2, lines.get(1).rank(), "ranks stay distinct after a tie");
    }

    @Test
    void relativeFlopsIsOverTheLowestRankedTeam() {
        List<Line> lines = LeaderboardRanking.rank(Direction.HIGHER_IS_BETTER, List.of(team(1, "a"), team(2, "b"), team(3, "c")),
                Map.of(1L, List.of(scored(11, 0.9, 1, 300)), 2L, List.of(scored(21, 0.8, 1, 100))));
        assertEquals(300.0, lines.get(0).relativeFlops(), 1e-12);
        assertEquals(100.0, lines.get(1).relativeFlops(), 1e-12);
        assertNull(lines.get(2).relativeFlops());
    }

    @Test
    void paretoFrontOfScoreVersusFlops() {
        // a: best score, most FLOPs (front); b: dominated by c (worse score, more FLOPs); c: cheapest (front)
        List<Line> lines = LeaderboardRanking.rank(Direction.HIGHER_IS_BETTER, List.of(team(1, "a"), team(2, "b"), team(3, "c")),
                Map.of(1L, List.of(scored(11, 0.95, 1, 1000)), 2L, List.of(scored(21, 0.80, 1, 500)), 3L, List.of(scored(31, 0.85, 1, 200))));
        assertTrue(lines.get(0).paretoOptimal());
        assertEquals("c", lines.get(1).team().teamName());
        assertTrue(lines.get(1).paretoOptimal());
        assertEquals("b", lines.get(2).team().teamName());
        assertFalse(lines.get(2).paretoOptimal());
    }

    @Test
    void nonFiniteScoresDoNotRank() {
        List<Line> lines = LeaderboardRanking.rank(Direction.HIGHER_IS_BETTER, List.of(team(1, "a")),
                Map.of(1L, List.of(scored(11, Double.NaN, 1, 100))));
        assertNull(lines.get(0).rank());
    }
}
