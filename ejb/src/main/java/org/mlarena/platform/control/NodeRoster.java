package org.mlarena.platform.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.mlarena.common.ArenaClock;
import org.mlarena.pipeline.control.NodeLeases;
import org.mlarena.pipeline.control.PipelineRuns;

/**
 * The nodes and what each runs, as the status shows them: read from the database at most every {@link #LIFE}, since
 * the status is what health checks and balancers poll (three queries per call made it a fifth as fast).
 */
@ApplicationScoped
public class NodeRoster {

    static final Duration LIFE = Duration.ofSeconds(2);

    /**
     * @param name      the node's name ({@code arena.node}, else WildFly's {@code jboss.node.name})
     * @param alive     whether its lease runs: it reported itself within {@code arena.cluster.lease-seconds}
     * @param startedAt when it last started
     * @param lastSeen  when it last renewed its lease
     * @param version   the application version it runs
     * @param trainings training jobs it runs now
     * @param scorings  scoring jobs it runs now
     */
    public record Node(String name, boolean alive, Instant startedAt, Instant lastSeen, String version, long trainings, long scorings) {
    }

    private record Snapshot(List<Node> nodes, Instant until) {
    }

    @Inject
    NodeLeases leases;

    @Inject
    PipelineRuns runs;

    private volatile Snapshot snapshot;

    public List<Node> nodes() {
        Instant now = ArenaClock.now();
        Snapshot current = snapshot;
        if (current == null || !now.isBefore(current.until())) {
            Duration lease = leases.lease();
            Map<String, long[]> running = runs.runningByNode();
            current = new Snapshot(leases.all().stream().map(n -> {
                long[] counts = running.getOrDefault(n.getName(), new long[2]);
                return new Node(n.getName(), n.alive(now, lease), n.getStartedAt(), n.getLastSeen(), n.getVersion(), counts[0], counts[1]);
            }).toList(), now.plus(LIFE));
            snapshot = current;
        }
        return current.nodes();
    }
}
