package org.mlarena.accounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnergyMeterTest {

    private static final long MAX_UJ = 262_143_328_850L;
    private static final long GIB = 1L << 30;

    @TempDir
    Path powercap;

    @Test
    void packageCountersAreMeasuredAcrossAWrapAroundWithoutSubzonesOrPsys() throws IOException {
        zone("intel-rapl:0", "package-0", MAX_UJ, MAX_UJ - 1_000_000);
        zone("intel-rapl:0:0", "core", MAX_UJ, 0);
        zone("intel-rapl:1", "package-1", MAX_UJ, 5_000_000);
        zone("intel-rapl:2", "psys", MAX_UJ, 0);
        Files.createDirectories(powercap.resolve("intel-rapl"));
        EnergyMeter meter = EnergyMeter.start(AccountingSettings.defaults(), sources(new FakeCommands()));
        energy("intel-rapl:0", 2_000_000);
        energy("intel-rapl:0:0", 100_000_000);
        energy("intel-rapl:1", 9_000_000);
        energy("intel-rapl:2", 500_000_000);

        EnergyMeter.Reading reading = meter.stop();

        assertEquals(new EnergyMeter.Reading(7.0, true, "RAPL", 60.0, 30.0), reading);
    }

    @Test
    void samplesInBetweenCountEveryWrapOfALongJob() throws IOException {
        long max = 10_000_000;
        zone("intel-rapl:0", "package-0", max, 9_000_000);
        EnergyMeter meter = EnergyMeter.start(AccountingSettings.defaults(), sources(new FakeCommands()));
        energy("intel-rapl:0", 5_000_000);
        meter.sample();
        energy("intel-rapl:0", 4_000_000);
        meter.sample();
        energy("intel-rapl:0", 6_000_000);

        assertEquals(1 + 5 + 9 + 2, meter.stop().joules(), 1e-9);
    }

    @Test
    void gpuEnergyFromNvidiaSmiIsAddedToTheMeasurement() throws IOException {
        zone("intel-rapl:0", "package-0", MAX_UJ, 1_000_000);
        FakeCommands commands = new FakeCommands(Optional.of("1000\n2500\n"), Optional.of("4000.5\n2500\n"));
        EnergyMeter meter = EnergyMeter.start(AccountingSettings.defaults(), sources(commands));
        energy("intel-rapl:0", 11_000_000);

        EnergyMeter.Reading reading = meter.stop();

        assertEquals(10 + 3.0005, reading.joules(), 1e-9);
        assertTrue(reading.measured());
        assertEquals("RAPL+nvidia-smi", reading.method());
        assertEquals(List.of("nvidia-smi", "--query-gpu=total_energy_consumption", "--format=csv,noheader,nounits"), commands.asked.get(0));
        assertEquals(2, commands.asked.size());
    }

    @Test
    void withoutPowercapTheEstimateIsCpuTimeAndHeap() {
        EnergyMeter meter = EnergyMeter.start(AccountingSettings.defaults(), sources(powercap.resolve("absent"), new FakeCommands()));

        EnergyMeter.Reading reading = meter.stop();

        // 30 s CPU × 10 W + 60 s × 2 GB × 0.375 W/GB = 300 + 45 J
        assertEquals(new EnergyMeter.Reading(345.0, false, "estimate: cpu-time × 10 W/core + wall-time × 2 GB heap × 0.375 W/GB", 60.0, 30.0),
                reading);
    }

    /** Reading fails as for a non-root user (a directory, because these tests may run as root, who may read any file). */
    @Test
    void anUnreadableCounterMeansEstimatedNotAnError() throws IOException {
        zone("intel-rapl:0", "package-0", MAX_UJ, 0);
        Files.delete(powercap.resolve("intel-rapl:0/energy_uj"));
        Files.createDirectory(powercap.resolve("intel-rapl:0/energy_uj"));
        EnergyMeter meter = EnergyMeter.start(AccountingSettings.defaults(), sources(new FakeCommands()));

        EnergyMeter.Reading reading = meter.stop();

        assertFalse(reading.measured());
        assertEquals(345.0, reading.joules(), 1e-9);
    }

    @Test
    void aCounterLostDuringTheJobFallsBackOnTheEstimate() throws IOException {
        zone("intel-rapl:0", "package-0", MAX_UJ, 0);
        EnergyMeter meter = EnergyMeter.start(AccountingSettings.defaults(), sources(new FakeCommands()));
        Files.delete(powercap.resolve("intel-rapl:0/energy_uj"));

        EnergyMeter.Reading reading = meter.stop();

        assertFalse(reading.measured());
        assertEquals(345.0, reading.joules(), 1e-9);
    }

    @Test
    void configuredConstantsAndGpuEnterTheEstimate() {
        AccountingSettings settings = new AccountingSettings(12.5, 0.5, OptionalDouble.of(16), "/opt/nvidia/bin/nvidia-smi", 1.0, 475);
        FakeCommands commands = new FakeCommands(Optional.of("0\n"), Optional.of("20000\n"));
        EnergyMeter meter = EnergyMeter.start(settings, sources(powercap.resolve("absent"), commands));

        EnergyMeter.Reading reading = meter.stop();

        // 30 s × 12.5 W + 60 s × 16 GB × 0.5 W/GB + 20 J of GPU = 375 + 480 + 20
        assertEquals(875.0, reading.joules(), 1e-9);
        assertFalse(reading.measured());
        assertEquals("estimate: cpu-time × 12.5 W/core + wall-time × 16 GB × 0.5 W/GB; GPU: nvidia-smi", reading.method());
        assertEquals("/opt/nvidia/bin/nvidia-smi", commands.asked.get(0).get(0));
    }

    @Test
    void aGpuWithoutCounterAnAbsentCommandOrADriverReloadAddNothing() {
        List<FakeCommands> cases = List.of(new FakeCommands(Optional.of("[N/A]\n"), Optional.of("[N/A]\n")),
                new FakeCommands(Optional.empty(), Optional.empty()),
                new FakeCommands(Optional.of("5000\n"), Optional.of("100\n")),
                new FakeCommands(Optional.of("5000\n"), Optional.of("6000\n7000\n")));
        for (int i = 0; i < cases.size(); i++) {
            EnergyMeter.Reading reading = EnergyMeter.start(AccountingSettings.defaults(), sources(powercap.resolve("absent"), cases.get(i))).stop();
            assertEquals(345.0, reading.joules(), 1e-9, "case " + i);
            assertFalse(reading.method().contains("nvidia-smi"), reading.method());
        }
    }

    @Test
    void aBlankNvidiaSmiSettingNeverRunsIt() {
        AccountingSettings settings = new AccountingSettings(10, 0.375, OptionalDouble.empty(), " ", 1.0, 475);
        FakeCommands commands = new FakeCommands(Optional.of("1\n"), Optional.of("2\n"));

        EnergyMeter.start(settings, sources(powercap.resolve("absent"), commands)).stop();

        assertTrue(commands.asked.isEmpty());
    }

    @Test
    void theProcessRunnerReturnsOutputOnlyForASuccessInTime() {
        EnergyMeter.CommandRunner runner = EnergyMeter.CommandRunner.system();
        Duration timeout = Duration.ofSeconds(2);
        assertEquals(Optional.of("1\n2\n"), runner.run(List.of("sh", "-c", "printf '1\\n2\\n'"), timeout));
        assertEquals(Optional.empty(), runner.run(List.of("sh", "-c", "echo 1; exit 3"), timeout));
        assertEquals(Optional.empty(), runner.run(List.of("/nonexistent/nvidia-smi", "-L"), timeout));
        assertEquals(Optional.empty(), runner.run(List.of("sleep", "5"), Duration.ofMillis(200)));
    }

    @Test
    void thisMachineGivesAPlausibleReading() {
        assertTrue(EnergyMeter.processCpuNanos() > 0, "the JVM reports its process CPU time");
        EnergyMeter meter = EnergyMeter.start();
        double sum = 0;
        for (int i = 0; i < 2_000_000; i++) {
            sum += Math.sqrt(i);
        }
        EnergyMeter.Reading reading = meter.stop();

        assertTrue(sum > 0);
        assertTrue(reading.joules() > 0 && Double.isFinite(reading.joules()), reading.toString());
        assertTrue(reading.cpuSeconds() >= 0 && reading.wallSeconds() > 0, reading.toString());
        assertTrue(reading.measured() ? reading.method().startsWith("RAPL") : reading.method().startsWith("estimate: cpu-time × 10 W/core"),
                reading.method());
    }

    private EnergyMeter.Sources sources(FakeCommands commands) {
        return sources(powercap, commands);
    }

    /** CPU clock 1 s → 31 s, wall clock 0 → 60 s, committed heap 2 GiB: each read exactly once at start and once at stop. */
    private static EnergyMeter.Sources sources(Path root, FakeCommands commands) {
        return new EnergyMeter.Sources(root, sequence(1_000_000_000L, 31_000_000_000L), sequence(0, 60_000_000_000L),
                sequence(2 * GIB, 2 * GIB), commands);
    }

    private static LongSupplier sequence(long... values) {
        Deque<Long> left = new ArrayDeque<>();
        for (long v : values) {
            left.add(v);
        }
        return left::removeFirst;
    }

    private void zone(String directory, String name, long maxUj, long energyUj) throws IOException {
        Path zone = Files.createDirectories(powercap.resolve(directory));
        Files.writeString(zone.resolve("name"), name + "\n");
        Files.writeString(zone.resolve("max_energy_range_uj"), maxUj + "\n");
        energy(directory, energyUj);
    }

    private void energy(String directory, long energyUj) throws IOException {
        Files.writeString(powercap.resolve(directory).resolve("energy_uj"), energyUj + "\n");
    }

    /** Answers nvidia-smi with the given outputs in turn and records what was asked. */
    private static final class FakeCommands implements EnergyMeter.CommandRunner {

        final List<List<String>> asked = new ArrayList<>();
        final Deque<Optional<String>> outputs = new ArrayDeque<>();

        @SafeVarargs
        FakeCommands(Optional<String>... outputs) {
            this.outputs.addAll(List.of(outputs));
        }

        @Override
        public Optional<String> run(List<String> command, Duration timeout) {
            asked.add(command);
            assertEquals(Duration.ofSeconds(2), timeout);
            return outputs.isEmpty() ? Optional.empty() : outputs.removeFirst();
        }
    }
}
