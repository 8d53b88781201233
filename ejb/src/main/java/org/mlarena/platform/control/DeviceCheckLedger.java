package org.mlarena.platform.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ServerNode;
import org.mlarena.numerics.DeviceCheck;
import org.mlarena.platform.entity.DeviceCheckRun;
import org.mlarena.platform.entity.DeviceCheckStatus;

/**
 * The stored record of device checks. Each method is its own transaction, so that the launcher can
 * commit a run before its job starts and the job's listener can record progress from the batch thread.
 */
@Stateless
public class DeviceCheckLedger {

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    /** Microseconds: what H2 and PostgreSQL timestamps keep, so a run reads back as it was written. */
    private final Clock clock = Clock.tick(Clock.systemUTC(), Duration.of(1, ChronoUnit.MICROS));

    public DeviceCheckRun create(String requestedBy, int size, long seed) {
        DeviceCheckRun run = new DeviceCheckRun(requestedBy, size, seed, Instant.now(clock));
        em.persist(run);
        return run;
    }

    public void started(long runId, long executionId) {
        find(runId).ifPresent(run -> run.started(ServerNode.name(), executionId, Instant.now(clock)));
    }

    /**
     * Ends the checks whose job is gone with their server: those of nodes not {@code alive}, and, when this node starts
     * ({@code starting}), its own. Returns how many.
     */
    public int abandon(Set<String> alive, boolean starting) {
        String self = ServerNode.name();
        List<DeviceCheckRun> lost = em.createNamedQuery(DeviceCheckRun.IN_STATUS, DeviceCheckRun.class).setParameter("status", DeviceCheckStatus.RUNNING)
                .getResultList().stream().filter(r -> r.lifecycle().node() != null
                        && (self.equals(r.lifecycle().node()) ? starting : !alive.contains(r.lifecycle().node()))).toList();
        lost.forEach(r -> r.finished(null, "Its server, " + r.lifecycle().node() + ", stopped before the check ended; run it again.",
                Instant.now(clock)));
        return lost.size();
    }

    public void finished(long runId, DeviceCheck.Report report, String failure) {
        find(runId).ifPresent(run -> run.finished(report, failure, Instant.now(clock)));
    }

    public Optional<DeviceCheckRun> find(long runId) {
        return Optional.ofNullable(em.find(DeviceCheckRun.class, runId));
    }

    /** Runs newest first: those {@code user} asked for, or everyone's. */
    public List<DeviceCheckRun> recent(String user, boolean everyone, int first, int max) {
        var query = everyone ? em.createNamedQuery(DeviceCheckRun.RECENT_FIRST, DeviceCheckRun.class)
                : em.createNamedQuery(DeviceCheckRun.RECENT_FIRST_OF_USER, DeviceCheckRun.class).setParameter("user", user);
        return query.setFirstResult(first).setMaxResults(max).getResultList();
    }

    public long count(String user, boolean everyone) {
        return everyone ? em.createNamedQuery(DeviceCheckRun.COUNT, Long.class).getSingleResult()
                : em.createNamedQuery(DeviceCheckRun.COUNT_OF_USER, Long.class).setParameter("user", user).getSingleResult();
    }
}
