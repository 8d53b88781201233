package org.mlarena.common;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Values kept by key until an instant, at most {@code max} of them, and dropped at once by whoever learns that they
 * changed: what a reader was shown, served again to the same reader without a query. Reads take no lock; past {@code max}
 * the expired ones go, then all (a full map means many readers, each of whom reads once more).
 *
 * <p>A value computed while a drop happened may already be stale: {@link #keepIfUnchanged} keeps it only if nothing was
 * dropped since {@link #generation()} was read before computing it.
 */
public final class ShortLived<K, V> {

    private record Entry<V>(V value, Instant until) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final int max;
    private volatile long generation;

    public ShortLived(int max) {
        this.max = max;
    }

    /** The value kept for {@code key}, unless none is or its time has passed at {@code now}. */
    public Optional<V> get(K key, Instant now) {
        Entry<V> entry = entries.get(key);
        return entry == null || !now.isBefore(entry.until()) ? Optional.empty() : Optional.of(entry.value());
    }

    /** Counts the drops: read it before computing a value, and hand it to {@link #keepIfUnchanged}. */
    public long generation() {
        return generation;
    }

    public synchronized void keep(K key, V value, Instant until, Instant now) {
        if (entries.size() >= max) {
            entries.values().removeIf(e -> !now.isBefore(e.until()));
            if (entries.size() >= max) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, until));
    }

    /** Keeps the value only if nothing was dropped since {@code generation} was read: it may have been computed from what was. */
    public synchronized void keepIfUnchanged(K key, V value, Instant until, Instant now, long generation) {
        if (this.generation == generation) {
            keep(key, value, until, now);
        }
    }

    public synchronized void dropIf(Predicate<V> stale) {
        generation++;
        entries.values().removeIf(e -> stale.test(e.value()));
    }

    public synchronized void dropAll() {
        generation++;
        entries.clear();
    }

    public int size() {
        return entries.size();
    }
}
