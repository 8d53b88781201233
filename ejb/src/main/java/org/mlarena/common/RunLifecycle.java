package org.mlarena.common;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The one life of everything the platform runs as a batch job (a training, a scoring, a device check): queued,
 * running, ended; a running one may go back to the queue when its server stopped, an ended one when it is
 * restarted. Each kind keeps its own status names (COMPLETED, SCORED, MATCHED...) and says in which {@link Phase}
 * each stands; the transitions, their checks and the times they leave are here, once.
 *
 * <p>Every transition takes the run's current status and the status it moves to, and returns the latter, so that
 * the entity stores it: {@code status = lifecycle.claimed(status, RUNNING, now)}. A transition the phases do not
 * allow is a programming error ({@link IllegalStateException}), never a user's: boundaries check what a user asks
 * for and answer with a message before they get here.
 */
@Embeddable
public class RunLifecycle {

    public enum Phase {
        QUEUED, RUNNING, ENDED
    }

    /** A kind of run's status, placed in the lifecycle. */
    public interface Status {
        Phase phase();

        String name();
    }

    public static final int REASON_LENGTH = 2000;

    /** When it (last) joined the queue: its place in the queue. */
    private Instant queuedAt;
    /** When it first started; a resumed run keeps it. */
    private Instant startedAt;
    /** When it last got a slot (fairness between teams). */
    private Instant lastStartedAt;
    private Instant finishedAt;
    /** The batch job execution that runs it; null while none is known. */
    private Long jobExecutionId;
    /** The server node that claimed it ({@link ServerNode}): the one that runs it, watches it and records its figures. */
    @Column(length = ServerNode.NAME_LENGTH)
    private String node;
    @Column(length = REASON_LENGTH)
    private String statusReason;
    /**
     * Asked to stop: the running job ends it at its next check. Set by a guarded bulk update (only while running),
     * so that a cancel cannot race a job's own writes; null (rows from before it existed) reads as no.
     */
    private Boolean cancelRequested;

    protected RunLifecycle() {
        // for JPA
    }

    private RunLifecycle(Instant queuedAt) {
        this.queuedAt = queuedAt;
    }

    /** A new run, waiting in the queue from {@code at}. */
    public static RunLifecycle queued(Instant at) {
        return new RunLifecycle(at);
    }

    /** Taken from the queue by the scheduler of {@code node}; the job's execution id follows with {@link #attached}. */
    public <S extends Status> S claimed(S from, S running, String node, Instant at) {
        check(from, running, Phase.QUEUED, Phase.RUNNING);
        this.jobExecutionId = null;
        this.node = node;
        begin(at);
        return running;
    }

    /**
     * The run's job reports that it started on {@code node}. Reports may repeat or come late (the launcher and the
     * job's listener both send one): a run already running or ended only learns the execution id and node.
     */
    public <S extends Status> S started(S from, S running, String node, long executionId, Instant at) {
        check(running, Phase.RUNNING);
        this.jobExecutionId = executionId;
        this.node = node;
        if (from.phase() != Phase.QUEUED) {
            return from;
        }
        begin(at);
        return running;
    }

    private void begin(Instant at) {
        if (startedAt == null) {
            startedAt = at;
        }
        this.lastStartedAt = at;
        this.statusReason = null;
    }

    public void attached(long executionId) {
        this.jobExecutionId = executionId;
    }

    /** The server stopped while it ran: back in the queue, behind those already waiting, for any node to take. */
    public <S extends Status> S interrupted(S from, S queued, String reason, Instant at) {
        check(from, queued, Phase.RUNNING, Phase.QUEUED);
        this.queuedAt = at;
        this.statusReason = truncate(reason);
        this.jobExecutionId = null;
        this.node = null;
        return queued;
    }

    /**
     * Ended, with the reason people read (null where the outcome says it all). Recording the same end again (a
     * bulk update set the status first) only updates its reason and time; another end after an end is refused.
     */
    public <S extends Status> S ended(S from, S end, String reason, Instant at) {
        check(end, Phase.ENDED);
        if (from.phase() == Phase.ENDED && from != end) {
            throw new IllegalStateException("a run that ended " + from.name() + " cannot end again as " + end.name());
        }
        this.statusReason = reason == null ? null : truncate(reason);
        this.finishedAt = at;
        return end;
    }

    /** Queued again after it ended (a restart continues from its last checkpoint). */
    public <S extends Status> S requeued(S from, S queued, Instant at) {
        check(from, queued, Phase.ENDED, Phase.QUEUED);
        this.queuedAt = at;
        this.statusReason = null;
        this.cancelRequested = false;
        this.finishedAt = null;
        return queued;
    }

    private static void check(Status from, Status to, Phase fromPhase, Phase toPhase) {
        if (from.phase() != fromPhase) {
            throw new IllegalStateException("a run in " + from.name() + " (" + from.phase() + ") cannot go to " + to.name()
                    + "; only from " + fromPhase);
        }
        check(to, toPhase);
    }

    private static void check(Status to, Phase phase) {
        if (to.phase() != phase) {
            throw new IllegalStateException(to.name() + " is " + to.phase() + ", not " + phase);
        }
    }

    private static String truncate(String text) {
        return text.length() <= REASON_LENGTH ? text : text.substring(0, REASON_LENGTH - 1) + "…";
    }

    public Instant queuedAt() {
        return queuedAt;
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Instant lastStartedAt() {
        return lastStartedAt;
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    public Long jobExecutionId() {
        return jobExecutionId;
    }

    /** The node that runs it (or last ran it); null while queued and for runs from before nodes were recorded. */
    public String node() {
        return node;
    }

    /**
     * Whether the job of {@code node} with execution {@code executionId} still owns this run: it is running, on that
     * node, and no other execution has attached to it. A job that lost its run (its node was taken for dead and another
     * took the run over) must record nothing more.
     */
    public boolean ownedBy(Status status, String node, long executionId) {
        return status.phase() == Phase.RUNNING && node.equals(this.node) && (jobExecutionId == null || jobExecutionId == executionId);
    }

    public String statusReason() {
        return statusReason;
    }

    public boolean cancelRequested() {
        return cancelRequested != null && cancelRequested;
    }
}
