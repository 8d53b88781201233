package org.mlarena.pipeline.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which the nodes claim queued trainings, fair between teams: the teams' runs before the hosts' template
 * experiments, the team that waited longest since its last start first, then the oldest run. The one home of that rule: a claim
 * takes the first, and a queued run's place in the queue is where it stands in the whole order.
 */
public final class ClaimOrder {

    /** A queued training: {@code team} null for a template experiment. */
    public record Queued(long id, Long team, Instant queuedAt) {
    }

    private ClaimOrder() {
    }

    /**
     * Every queued run in the order they would be claimed if nothing else were queued meanwhile: each claim counts as
     * its team's newest start, so a team's second run waits behind the other teams' first ones.
     *
     * @param lastStart by team id, when a run of that team last started
     */
    public static List<Queued> of(List<Queued> queued, Map<Long, Instant> lastStart) {
        Map<Long, Instant> starts = new HashMap<>(lastStart);
        List<Queued> left = new ArrayList<>(queued);
        List<Queued> order = new ArrayList<>(queued.size());
        Instant latest = starts.values().stream().max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        while (!left.isEmpty()) {
            Queued next = left.stream().min(comparator(starts)).orElseThrow();
            left.remove(next);
            order.add(next);
            if (next.team() != null) {
                latest = latest.plusNanos(1);
                starts.put(next.team(), latest);
            }
        }
        return order;
    }

    /** The run a node claims next. */
    public static Queued first(List<Queued> queued, Map<Long, Instant> lastStart) {
        return queued.stream().min(comparator(lastStart)).orElseThrow();
    }

    private static Comparator<Queued> comparator(Map<Long, Instant> lastStart) {
        return Comparator.comparing((Queued q) -> q.team() == null)
                .thenComparing(q -> q.team() == null ? Instant.MIN : lastStart.getOrDefault(q.team(), Instant.MIN))
                .thenComparing(Queued::queuedAt).thenComparing(Queued::id);
    }
}
