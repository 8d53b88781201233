package org.mlarena.pipeline.entity;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import org.mlarena.common.ServerNode;

/**
 * A server node that runs pipelines, as it last reported itself: every node writes its row every few seconds (its
 * lease), and a node whose lease ran out is taken for dead; its runs go back to the queue for the others. One row per
 * node name: a node that restarts under its name takes its row again.
 */
@Entity
@Table(name = "PIPELINE_NODE")
@NamedQuery(name = PipelineNode.ALL, query = "SELECT n FROM PipelineNode n ORDER BY n.name")
public class PipelineNode {

    public static final String ALL = "PipelineNode.all";

    @Id
    @Column(length = ServerNode.NAME_LENGTH)
    private String name;

    @Column(nullable = false)
    private Instant startedAt;

    @Column(nullable = false)
    private Instant lastSeen;

    /** The application version it runs (nodes of a cluster should run the same). */
    @Column(length = 200)
    private String version;

    protected PipelineNode() {
        // for JPA
    }

    public PipelineNode(String name, String version, Instant at) {
        this.name = name;
        started(version, at);
    }

    /** The node (re)started under this name. */
    public void started(String version, Instant at) {
        this.version = version;
        this.startedAt = at;
        this.lastSeen = at;
    }

    public void seen(Instant at) {
        this.lastSeen = at;
    }

    /** Whether its lease still runs at {@code now}: it reported itself less than {@code lease} ago. */
    public boolean alive(Instant now, Duration lease) {
        return lastSeen.plus(lease).isAfter(now);
    }

    public String getName() {
        return name;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getLastSeen() {
        return lastSeen;
    }

    public String getVersion() {
        return version;
    }
}
