package org.mlarena.platform.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.DeviceCheck;
import org.mlarena.numerics.DeviceType;

class DeviceCheckRunTest {

    private static final Instant T0 = Instant.parse("2026-11-28T10:00:00Z");
    private static final ComputeDevice CPU = new ComputeDevice("pocl-cpu", DeviceType.CPU, ComputeDevice.OPENCL, "PoCL", 2);

    private static DeviceCheck.Report report(int mismatches) {
        return new DeviceCheck.Report(CPU, CPU, 8, 1, mismatches, mismatches == 0 ? 0 : 1.0, 42, 1000, 2000, 1024);
    }

    @Test
    void aRunGoesFromRequestedThroughRunningToMatched() {
        DeviceCheckRun run = new DeviceCheckRun("alice", 8, 1, T0);
        assertEquals(DeviceCheckStatus.REQUESTED, run.getStatus());
        run.started("node1", 17, T0.plusSeconds(1));
        run.started("node1", 17, T0.plusSeconds(5));
        assertEquals(DeviceCheckStatus.RUNNING, run.getStatus());
        assertEquals(T0.plusSeconds(1), run.getStartedAt(), "a repeated start report keeps the first start");
        run.finished(report(0), null, T0.plusSeconds(2));
        assertEquals(DeviceCheckStatus.MATCHED, run.getStatus());
        assertEquals("OpenCL", run.getBackend());
        assertEquals("CPU", run.getDeviceType());
        assertNull(run.getMessage());
    }

    @Test
    void aMismatchOrAFailureIsRecordedWithItsReason() {
        DeviceCheckRun mismatch = new DeviceCheckRun("bob", 8, 1, T0);
        mismatch.finished(report(3), "3 of 64 elements differ", T0);
        assertEquals(DeviceCheckStatus.FAILED, mismatch.getStatus());
        assertEquals("3 of 64 elements differ", mismatch.getMessage());
        assertEquals(3, mismatch.getMismatches());

        DeviceCheckRun noReport = new DeviceCheckRun("bob", 8, 1, T0);
        noReport.finished(null, null, T0);
        assertEquals(DeviceCheckStatus.FAILED, noReport.getStatus());
        assertEquals("the job ended without a report", noReport.getMessage());
        assertEquals(T0, noReport.getStartedAt());
    }
}
