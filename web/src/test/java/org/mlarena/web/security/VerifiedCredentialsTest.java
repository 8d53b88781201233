package org.mlarena.web.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class VerifiedCredentialsTest {

    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");

    @Test
    void aVerifiedCredentialIsKnownForItsLifeThenNot() {
        VerifiedCredentials<String> cache = new VerifiedCredentials<>(10, Duration.ofMinutes(5));
        cache.remember("alice:alice", "alice", T0, null);
        assertEquals(Optional.of("alice"), cache.find("alice:alice", T0.plusSeconds(299)));
        assertEquals(Optional.empty(), cache.find("alice:wrong", T0.plusSeconds(1)), "another password is another credential");
        assertEquals(Optional.empty(), cache.find("alice:alice", T0.plusSeconds(300)));
    }

    @Test
    void aTokenIsNeverKnownPastItsExpiry() {
        VerifiedCredentials<String> cache = new VerifiedCredentials<>(10, Duration.ofMinutes(5));
        cache.remember("token", "bob", T0, T0.plusSeconds(30));
        assertTrue(cache.find("token", T0.plusSeconds(29)).isPresent());
        assertTrue(cache.find("token", T0.plusSeconds(30)).isEmpty());
        cache.remember("expired", "bob", T0, T0.minusSeconds(1));
        assertTrue(cache.find("expired", T0).isEmpty(), "an expired token is not remembered at all");
    }

    @Test
    void theLeastRecentlyUsedGoFirstBeyondTheBound() {
        VerifiedCredentials<Integer> cache = new VerifiedCredentials<>(3, Duration.ofMinutes(5));
        for (int i = 0; i < 3; i++) {
            cache.remember("c" + i, i, T0, null);
        }
        cache.find("c0", T0);
        cache.remember("c3", 3, T0, null);
        assertEquals(3, cache.size());
        assertTrue(cache.find("c0", T0).isPresent(), "used recently");
        assertTrue(cache.find("c1", T0).isEmpty(), "the least recently used went");
    }
}
