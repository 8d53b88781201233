package org.mlarena.leaderboard.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mlarena.submission.control.SubmissionScored;
import org.mlarena.usecase.control.UseCaseChanged;

class StandingsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    private final Standings standings = new Standings();
    private final AtomicInteger computed = new AtomicInteger();

    private Standings.Board board(Instant now) {
        return standings.of(7, now, () -> {
            computed.incrementAndGet();
            return new Standings.Board("public", List.of(), Map.of(), Standings.until(now));
        });
    }

    @Test
    void readersShareOneBoardForItsLife() {
        Standings.Board first = board(T0);
        assertSame(first, board(T0.plus(Standings.LIFE).minusMillis(1)));
        assertEquals(1, computed.get());
        board(T0.plus(Standings.LIFE));
        assertEquals(2, computed.get(), "computed again once it has lived its time");
    }

    @Test
    void aScoredSubmissionOrAChangedUseCaseDropsItsBoardAtOnce() {
        board(T0);
        standings.scored(new SubmissionScored(8));
        board(T0);
        assertEquals(1, computed.get(), "another use case's submission changes nothing here");
        standings.scored(new SubmissionScored(7));
        board(T0);
        assertEquals(2, computed.get());
        standings.changed(new UseCaseChanged(7));
        board(T0);
        assertEquals(3, computed.get());
    }

    @Test
    void aReadersLeaderboardIsKeptForItsBoardsLifeAndDroppedWithIt() {
        Standings.Board board = board(T0);
        standings.keep("wine", "alice", 7, board, "alice's view", T0);
        assertEquals(java.util.Optional.of("alice's view"), standings.view("wine", "alice", T0.plusMillis(1999), String.class));
        assertTrue(standings.view("wine", "bob", T0, String.class).isEmpty(), "each reader their own");
        assertTrue(standings.view("wine", "alice", T0.plus(Standings.LIFE), String.class).isEmpty(), "not past the board's life");
        standings.changed(new UseCaseChanged(8));
        assertTrue(standings.view("wine", "alice", T0, String.class).isPresent(), "another use case's change keeps it");
        standings.changed(new UseCaseChanged(7));
        assertTrue(standings.view("wine", "alice", T0, String.class).isEmpty(), "a change of who takes part drops it at once");
    }

    @Test
    void aViewMadeFromABoardDroppedMeanwhileIsNotKept() {
        Standings.Board board = board(T0);
        standings.scored(new SubmissionScored(7));
        standings.keep("wine", "alice", 7, board, "stale", T0);
        assertTrue(standings.view("wine", "alice", T0, String.class).isEmpty(), "made before the score: read again");
    }
}
