package org.mlarena.leaderboard.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.mlarena.leaderboard.control.LeaderboardRanking.Contender;
import org.mlarena.leaderboard.control.LeaderboardRanking.Scored;
import org.mlarena.submission.control.SubmissionScored;
import org.mlarena.usecase.control.UseCaseChanged;

/**
 * What every reader of a use case's leaderboard shares (its teams and their scored submissions), computed once and
 * read by all for {@link #LIFE}: a leaderboard took a dozen queries (one budget per team), and 200 readers at once made
 * its p99 1.3 s. A scored submission or a changed use case drops its entry at once; the rest (a team's budget left while
 * it trains, a new team) shows within {@link #LIFE}. Each node keeps its own, so nodes agree within that time too.
 */
@ApplicationScoped
public class Standings {

    static final Duration LIFE = Duration.ofSeconds(2);

    /**
     * @param split  "public" while the use case runs, "private" once it is closed
     * @param scored by team id, with the experiment each came from (the boundary hides it from other teams)
     */
    public record Board(String split, List<Contender> teams, Map<Long, List<Scored>> scored, Instant until) {
    }

    private final Map<Long, Board> boards = new ConcurrentHashMap<>();

    /** The use case's board, computed by {@code compute} when there is none or it has lived its time. */
    public Board of(long useCaseId, Instant now, Supplier<Board> compute) {
        Board board = boards.get(useCaseId);
        if (board == null || !now.isBefore(board.until())) {
            board = compute.get();
            boards.put(useCaseId, board);
        }
        return board;
    }

    /** When the board computed at {@code now} is to be computed again. */
    public static Instant until(Instant now) {
        return now.plus(LIFE);
    }

    void scored(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubmissionScored event) {
        boards.remove(event.useCaseId());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) UseCaseChanged event) {
        boards.remove(event.useCaseId());
    }
}
