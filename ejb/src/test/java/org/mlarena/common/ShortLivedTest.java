package org.mlarena.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class ShortLivedTest {

    private static final Instant T0 = Instant.parse("2026-12-05T12:00:00Z");

    private final ShortLived<String, String> kept = new ShortLived<>(3);

    @Test
    void aValueIsServedUntilItsInstantAndNotAfter() {
        kept.keep("alice", "a", T0.plusSeconds(2), T0);
        assertEquals(Optional.of("a"), kept.get("alice", T0.plusMillis(1999)));
        assertTrue(kept.get("alice", T0.plusSeconds(2)).isEmpty());
        assertTrue(kept.get("bob", T0).isEmpty());
    }

    @Test
    void dropsTakeWhatTheyNameOrEverything() {
        kept.keep("alice", "wine", T0.plusSeconds(2), T0);
        kept.keep("bob", "iris", T0.plusSeconds(2), T0);
        kept.dropIf("wine"::equals);
        assertTrue(kept.get("alice", T0).isEmpty());
        assertEquals(Optional.of("iris"), kept.get("bob", T0));
        kept.dropAll();
        assertTrue(kept.get("bob", T0).isEmpty());
    }

    @Test
    void aValueComputedWhileADropHappenedIsNotKept() {
        long before = kept.generation();
        kept.dropAll();
        kept.keepIfUnchanged("alice", "computed before the drop", T0.plusSeconds(2), T0, before);
        assertTrue(kept.get("alice", T0).isEmpty());
        kept.keepIfUnchanged("alice", "computed after", T0.plusSeconds(2), T0, kept.generation());
        assertEquals(Optional.of("computed after"), kept.get("alice", T0));
    }

    @Test
    void fullItLetsTheExpiredGoThenAll() {
        kept.keep("a", "1", T0.plusSeconds(1), T0);
        kept.keep("b", "2", T0.plusSeconds(5), T0);
        kept.keep("c", "3", T0.plusSeconds(5), T0);
        kept.keep("d", "4", T0.plusSeconds(5), T0.plusSeconds(2));
        assertEquals(3, kept.size(), "the expired one went");
        assertEquals(Optional.of("2"), kept.get("b", T0.plusSeconds(2)));
        kept.keep("e", "5", T0.plusSeconds(5), T0.plusSeconds(2));
        assertEquals(1, kept.size(), "none expired: all went but the new one");
        assertEquals(Optional.of("5"), kept.get("e", T0.plusSeconds(2)));
    }
}
