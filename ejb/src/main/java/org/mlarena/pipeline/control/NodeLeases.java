package org.mlarena.pipeline.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ApplicationVersion;
import org.mlarena.common.ArenaClock;
import org.mlarena.common.ServerNode;
import org.mlarena.pipeline.entity.PipelineNode;
import org.mlarena.settings.Settings;

/**
 * Which server nodes are alive, decided by the application itself from leases in the shared database: each node
 * renews its lease every few seconds; one whose lease ran out ({@value #LEASE_SECONDS}, default 30 s) is taken for
 * dead. The batch runtime cannot decide it: JBeret records no owner node, and an execution whose node died stays
 * STARTED in its repository forever. A single server is a cluster of one.
 */
@Stateless
public class NodeLeases {

    public static final String LEASE_SECONDS = "arena.cluster.lease-seconds";
    /** Rows of nodes gone this long are forgotten (a node may have been removed for good). */
    private static final Duration FORGET_AFTER = Duration.ofDays(1);

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    /** This node starts: its lease begins now (a node restarting under its name takes its row again). */
    public void joined() {
        Instant now = ArenaClock.now();
        self(now).started(ApplicationVersion.describe(), now);
    }

    /** This node is alive: its lease runs on; rows of nodes long gone are dropped. */
    public void renew() {
        Instant now = ArenaClock.now();
        self(now).seen(now);
        em.createQuery("DELETE FROM PipelineNode n WHERE n.lastSeen < :before").setParameter("before", now.minus(FORGET_AFTER)).executeUpdate();
    }

    /** This node's row, made when it has none (its first start, or a row dropped meanwhile). */
    private PipelineNode self(Instant now) {
        PipelineNode self = em.find(PipelineNode.class, ServerNode.name());
        if (self == null) {
            self = new PipelineNode(ServerNode.name(), ApplicationVersion.describe(), now);
            em.persist(self);
        }
        return self;
    }

    /**
     * The nodes whose lease runs, this one included. A run claimed by any other node (its lease ran out, or its row is
     * gone) is to be taken back. A node that stops keeps its row: its runs wait for its lease to run out rather than be
     * taken over while its jobs may still be winding down.
     */
    public Set<String> alive() {
        Instant now = ArenaClock.now();
        Duration lease = lease();
        Set<String> alive = all().stream().filter(n -> n.alive(now, lease)).map(PipelineNode::getName).collect(Collectors.toSet());
        alive.add(ServerNode.name());
        return alive;
    }

    public List<PipelineNode> all() {
        return em.createNamedQuery(PipelineNode.ALL, PipelineNode.class).getResultList();
    }

    public Duration lease() {
        String value = Settings.read(LEASE_SECONDS, "30").trim();
        try {
            int seconds = Integer.parseInt(value);
            if (seconds >= 5 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalStateException(LEASE_SECONDS + " must be a whole number of seconds from 5 to 3600 (how long a node that"
                + " stopped answering keeps its runs), got '" + value + "'");
    }
}
