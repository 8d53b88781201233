package org.mlarena.web.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Credentials verified recently, so that a client sending the same ones with every request is not checked again each
 * time: a PBKDF2 hash or a JWT signature cost most of an authenticated read (GET /me 562 req/s against 2,457 for the
 * unauthenticated status). Keyed by a SHA-256 of the credential (never the secret itself), bounded (least recently used
 * out first) and short-lived, and an entry never outlives what it caches: a token's expiry ends it.
 *
 * @param <T> what the verification gave (a user and their groups)
 */
final class VerifiedCredentials<T> {

    /** {@code used}: when it was last found or remembered, in the order of {@link #clock}. */
    private static final class Entry<T> {
        final T value;
        final Instant until;
        volatile long used;

        Entry(T value, Instant until, long used) {
            this.value = value;
            this.until = until;
            this.used = used;
        }
    }

    private final int capacity;
    private final Duration life;
    // lock-free reads: with one synchronized map every authenticated request queued behind the others (bench/README.md)
    private final Map<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final AtomicLong clock = new AtomicLong();

    VerifiedCredentials(int capacity, Duration life) {
        this.capacity = capacity;
        this.life = life;
    }

    /** What {@code credential} verified as, if it did so recently and that is still valid at {@code now}. */
    Optional<T> find(String credential, Instant now) {
        String key = key(credential);
        Entry<T> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!now.isBefore(entry.until)) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        entry.used = clock.incrementAndGet();
        return Optional.of(entry.value);
    }

    /** Remembers a verification until {@code now} plus the cache's life, or until {@code expires} if that is sooner. */
    void remember(String credential, T value, Instant now, Instant expires) {
        Instant until = now.plus(life);
        if (expires != null && expires.isBefore(until)) {
            until = expires;
        }
        if (until.isAfter(now)) {
            entries.put(key(credential), new Entry<>(value, until, clock.incrementAndGet()));
            if (entries.size() > capacity) {
                evictLeastRecentlyUsed();
            }
        }
    }

    int size() {
        return entries.size();
    }

    /** Beyond the bound, the least recently used go: a scan, but only after a verification, which costs far more. */
    private synchronized void evictLeastRecentlyUsed() {
        while (entries.size() > capacity) {
            entries.entrySet().stream().min(Comparator.comparingLong(e -> e.getValue().used))
                    .ifPresent(eldest -> entries.remove(eldest.getKey(), eldest.getValue()));
        }
    }

    private static String key(String credential) {
        return org.mlarena.common.Sha256.hex(credential);
    }
}
