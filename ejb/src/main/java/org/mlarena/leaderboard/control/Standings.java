package org.mlarena.leaderboard.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.mlarena.common.ShortLived;
import org.mlarena.leaderboard.control.LeaderboardRanking.Contender;
import org.mlarena.leaderboard.control.LeaderboardRanking.Scored;
import org.mlarena.submission.control.SubmissionScored;
import org.mlarena.usecase.control.UseCaseChanged;

/**
 * What every reader of a use case's leaderboard shares (its teams and their scored submissions), computed once and
 * read by all for {@link #LIFE}: a leaderboard took a dozen queries (one budget per team), and 200 readers at once made
 * its p99 1.3 s. A scored submission or a changed use case drops its entry at once; the rest (a team's budget left while
 * it trains) shows within {@link #LIFE}. Each node keeps its own, so nodes agree within that time too.
 *
 * <p>Each reader's own leaderboard (their team marked, the experiments they may see) is kept for the board's life too,
 * with the slug it was asked by: a repeated read then costs no query at all, the access check included (a third of a
 * read's time). Whatever changes who may see what (a member, an invitation, a host) fires {@code UseCaseChanged} and drops
 * it on this node; another node of a cluster serves what it read for at most {@link #LIFE} more.
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

    /** A reader's leaderboard of a use case, as the boundary made it for them, with the use case it shows. */
    private record View(long useCaseId, Object leaderboard) {
    }

    /** Readers' leaderboards by slug and reader, until their board is recomputed. */
    private final ShortLived<List<String>, View> views = new ShortLived<>(MAX_VIEWS);
    static final int MAX_VIEWS = 10_000;

    /** The use case's board, computed by {@code compute} when there is none or it has lived its time. */
    public Board of(long useCaseId, Instant now, Supplier<Board> compute) {
        Board board = boards.get(useCaseId);
        if (board == null || !now.isBefore(board.until())) {
            board = compute.get();
            boards.put(useCaseId, board);
        }
        return board;
    }

    /** What {@code reader} was shown of the use case {@code slug}, while that is still current at {@code now}. */
    public <T> Optional<T> view(String slug, String reader, Instant now, Class<T> type) {
        return views.get(List.of(slug, reader), now).map(View::leaderboard).filter(type::isInstance).map(type::cast);
    }

    /** Keeps what {@code reader} was shown, made from {@code board}, for as long as the board lives. */
    public synchronized void keep(String slug, String reader, long useCaseId, Board board, Object leaderboard, Instant now) {
        // a board dropped meanwhile (a score, a change) must not come back through a view made from it
        if (boards.get(useCaseId) == board) {
            views.keep(List.of(slug, reader), new View(useCaseId, leaderboard), board.until(), now);
        }
    }

    /** When the board computed at {@code now} is to be computed again. */
    public static Instant until(Instant now) {
        return now.plus(LIFE);
    }

    void scored(@Observes(during = TransactionPhase.AFTER_SUCCESS) SubmissionScored event) {
        drop(event.useCaseId());
    }

    void changed(@Observes(during = TransactionPhase.AFTER_SUCCESS) UseCaseChanged event) {
        drop(event.useCaseId());
    }

    private synchronized void drop(long useCaseId) {
        boards.remove(useCaseId);
        views.dropIf(v -> v.useCaseId() == useCaseId);
    }
}
