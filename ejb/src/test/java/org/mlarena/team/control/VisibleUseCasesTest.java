package org.mlarena.team.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.mlarena.usecase.control.UseCaseChanged;
import org.mlarena.usecase.entity.UseCase;

class VisibleUseCasesTest {

    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    private final VisibleUseCases visible = new VisibleUseCases();
    private final AtomicInteger queries = new AtomicInteger();

    private List<UseCase> read(String reader, Instant now) {
        return visible.of(reader, now, () -> {
            queries.incrementAndGet();
            return new ArrayList<>(List.of(new UseCase("wine-" + queries.get(), "host", T0)));
        });
    }

    @Test
    void aReadersRepeatedReadsRunOneQueryForItsLife() {
        List<UseCase> first = read("alice", T0);
        assertSame(first, read("alice", T0.plus(VisibleUseCases.LIFE).minusMillis(1)));
        assertEquals(1, queries.get());
        read("bob", T0);
        assertEquals(2, queries.get(), "each reader their own list");
        read("alice", T0.plus(VisibleUseCases.LIFE));
        assertEquals(3, queries.get(), "read again once it has lived its time");
    }

    @Test
    void anyChangedUseCaseDropsEveryReadersList() {
        read("alice", T0);
        read("bob", T0);
        visible.changed(new UseCaseChanged(42));
        read("alice", T0);
        read("bob", T0);
        assertEquals(4, queries.get(), "one use case opened to everyone changes everyone's list");
    }

    @Test
    void aListReadWhileAChangeCommittedIsNotKept() {
        List<UseCase> stale = visible.of("alice", T0, () -> {
            visible.changed(new UseCaseChanged(42));
            return List.of(new UseCase("before", "host", T0));
        });
        assertEquals("before", stale.get(0).getSlug(), "the reader gets what was read");
        assertEquals("wine-1", read("alice", T0).get(0).getSlug(), "but the next read queries again");
    }
}
