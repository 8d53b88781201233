package org.mlarena.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** The transitions of every run kind, tested once here with a kind of its own; the kinds only name their statuses. */
class RunLifecycleTest {

    private static final Instant T0 = Instant.parse("2026-12-04T10:00:00Z");

    enum Run implements RunLifecycle.Status {
        WAITING, BUSY, DONE, BROKEN;

        @Override
        public RunLifecycle.Phase phase() {
            return this == WAITING ? RunLifecycle.Phase.QUEUED : this == BUSY ? RunLifecycle.Phase.RUNNING : RunLifecycle.Phase.ENDED;
        }
    }

    private static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    @Test
    void aRunIsQueuedClaimedAttachedAndEnded() {
        RunLifecycle run = RunLifecycle.queued(T0);
        assertEquals(T0, run.queuedAt());
        assertNull(run.startedAt());
        assertFalse(run.cancelRequested());

        Run status = run.claimed(Run.WAITING, Run.BUSY, "node1", at(1));
        assertEquals(Run.BUSY, status);
        assertEquals(at(1), run.startedAt());
        assertEquals(at(1), run.lastStartedAt());
        assertNull(run.jobExecutionId(), "the job is not known until it is attached");
        run.attached(42);
        assertEquals(42L, run.jobExecutionId());

        status = run.ended(status, Run.DONE, null, at(5));
        assertEquals(Run.DONE, status);
        assertEquals(at(5), run.finishedAt());
        assertNull(run.statusReason());
    }

    @Test
    void anInterruptedRunQueuesAgainWithItsReasonAndKeepsItsFirstStart() {
        RunLifecycle run = RunLifecycle.queued(T0);
        Run status = run.claimed(Run.WAITING, Run.BUSY, "node1", at(1));
        run.attached(7);
        status = run.interrupted(status, Run.WAITING, "the server stopped", at(3));
        assertEquals(Run.WAITING, status);
        assertEquals(at(3), run.queuedAt(), "behind those already waiting");
        assertNull(run.jobExecutionId());
        assertEquals("the server stopped", run.statusReason());

        status = run.claimed(status, Run.BUSY, "node2", at(4));
        assertEquals(at(1), run.startedAt(), "the first start is kept");
        assertEquals(at(4), run.lastStartedAt());
        assertNull(run.statusReason(), "running again: the interruption's note is gone");
    }

    @Test
    void onlyTheNodeAndExecutionThatRunItOwnARun() {
        RunLifecycle run = RunLifecycle.queued(T0);
        Run status = run.claimed(Run.WAITING, Run.BUSY, "node1", at(1));
        assertEquals("node1", run.node());
        assertTrue(run.ownedBy(status, "node1", 5), "claimed, no execution attached yet: the job that attaches owns it");
        assertFalse(run.ownedBy(status, "node2", 5), "another node");
        run.attached(5);
        assertTrue(run.ownedBy(status, "node1", 5));
        assertFalse(run.ownedBy(status, "node1", 6), "another execution on the same node");

        status = run.interrupted(status, Run.WAITING, "node1 stopped answering", at(2));
        assertNull(run.node(), "queued: no node");
        assertFalse(run.ownedBy(status, "node1", 5), "the old job lost it");
        status = run.claimed(status, Run.BUSY, "node2", at(3));
        assertFalse(run.ownedBy(status, "node1", 5), "taken over by node2: node1's late job records nothing");
        assertTrue(run.ownedBy(status, "node2", 9));
        status = run.ended(status, Run.DONE, null, at(4));
        assertFalse(run.ownedBy(status, "node2", 9), "ended: nobody runs it");
    }

    @Test
    void anEndedRunRequeuesAsNew() {
        RunLifecycle run = RunLifecycle.queued(T0);
        Run status = run.claimed(Run.WAITING, Run.BUSY, "node1", at(1));
        status = run.ended(status, Run.BROKEN, "out of memory", at(2));
        status = run.requeued(status, Run.WAITING, at(9));
        assertEquals(Run.WAITING, status);
        assertEquals(at(9), run.queuedAt());
        assertNull(run.finishedAt());
        assertNull(run.statusReason());
        assertFalse(run.cancelRequested());
        assertEquals(at(1), run.startedAt());
    }

    @Test
    void aQueuedRunEndsWithoutStarting() {
        RunLifecycle run = RunLifecycle.queued(T0);
        Run status = run.ended(Run.WAITING, Run.BROKEN, "cancelled", at(1));
        assertEquals(Run.BROKEN, status);
        assertNull(run.startedAt());
        assertEquals(at(1), run.finishedAt());
    }

    @Test
    void startReportsMayRepeatOrComeLate() {
        RunLifecycle run = RunLifecycle.queued(T0);
        Run status = run.started(Run.WAITING, Run.BUSY, "node1", 17, at(1));
        assertEquals(Run.BUSY, status);
        status = run.started(status, Run.BUSY, "node1", 17, at(5));
        assertEquals(at(1), run.startedAt(), "a repeated report keeps the first start");
        status = run.ended(status, Run.DONE, null, at(6));
        assertSame(Run.DONE, run.started(status, Run.BUSY, "node1", 18, at(7)), "a late report does not revive an ended run");
        assertEquals(18L, run.jobExecutionId());
    }

    @Test
    void theSameEndMayBeRecordedAgainButNotAnother() {
        RunLifecycle run = RunLifecycle.queued(T0);
        Run status = run.ended(Run.WAITING, Run.BROKEN, "first", at(1));
        status = run.ended(status, Run.BROKEN, "second", at(2));
        assertEquals("second", run.statusReason());
        assertEquals(at(2), run.finishedAt());
        Run ended = status;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> run.ended(ended, Run.DONE, null, at(3)));
        assertTrue(e.getMessage().contains("BROKEN") && e.getMessage().contains("DONE"), e.getMessage());
    }

    @Test
    void transitionsThePhasesDoNotAllowAreRefused() {
        RunLifecycle run = RunLifecycle.queued(T0);
        assertThrows(IllegalStateException.class, () -> run.claimed(Run.BUSY, Run.BUSY, "node1", at(1)), "claiming a running run");
        assertThrows(IllegalStateException.class, () -> run.claimed(Run.WAITING, Run.DONE, "node1", at(1)), "claiming into an end");
        assertThrows(IllegalStateException.class, () -> run.interrupted(Run.WAITING, Run.WAITING, "x", at(1)), "interrupting a queued run");
        assertThrows(IllegalStateException.class, () -> run.requeued(Run.BUSY, Run.WAITING, at(1)), "requeueing a running run");
        assertThrows(IllegalStateException.class, () -> run.ended(Run.BUSY, Run.WAITING, null, at(1)), "ending into the queue");
        assertEquals(T0, run.queuedAt(), "a refused transition changes nothing");
        assertNull(run.startedAt());
    }

    @Test
    void longReasonsAreCutToTheColumn() {
        RunLifecycle run = RunLifecycle.queued(T0);
        run.ended(Run.WAITING, Run.BROKEN, "x".repeat(5000), at(1));
        assertEquals(RunLifecycle.REASON_LENGTH, run.statusReason().length());
        assertTrue(run.statusReason().endsWith("…"));
    }
}
