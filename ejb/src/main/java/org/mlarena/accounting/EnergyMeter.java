package org.mlarena.accounting;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

import javax.management.JMException;

/**
 * The energy of one job, from {@link #start()} to {@link #stop()}: measured where the machine lets us, else
 * estimated, and always labelled which.
 * <ul>
 * <li>Measured: the package-level RAPL counters ({@link RaplCounters}), when they are readable (on most systems only
 * root may read them), plus the NVIDIA GPUs' counters when nvidia-smi answers ({@link NvidiaSmiEnergy}).</li>
 * <li>Estimated: process CPU seconds &times; {@link AccountingSettings#wattsPerCore()} + wall seconds &times; memory
 * GB (2^30 bytes) &times; {@link AccountingSettings#wattsPerGb()}, plus the GPUs' counters when nvidia-smi answers. The process
 * CPU time ({@code com.sun.management.OperatingSystemMXBean#getProcessCpuTime}) covers every thread of the JVM,
 * PoCL's OpenCL workers included; the memory is the JVM's committed heap (mean of start and stop) unless
 * configured.</li>
 * </ul>
 * A reading is {@code measured} only when the CPU part is measured. A job longer than about 20 minutes should call
 * {@link #sample()} now and then (once per epoch), so that no RAPL counter wraps twice unseen.
 */
public final class EnergyMeter {

    /**
     * What a job used.
     *
     * @param joules      the energy
     * @param measured    whether the CPU part was measured (RAPL) rather than estimated
     * @param method      how, for people: {@code RAPL}, {@code RAPL+nvidia-smi}, or the estimate's formula with its constants
     * @param wallSeconds the time between start and stop
     * @param cpuSeconds  the process CPU time between start and stop (0 when the JVM does not report it)
     */
    public record Reading(double joules, boolean measured, String method, double wallSeconds, double cpuSeconds) {
    }

    /** Runs a short command, such as nvidia-smi. */
    @FunctionalInterface
    public interface CommandRunner {

        /** The command's standard output when it exits with status 0 within the timeout; empty when it is absent, fails or hangs. */
        Optional<String> run(List<String> command, Duration timeout);

        /** Runs the command as a process; one that outlives the timeout is killed. */
        static CommandRunner system() {
            return EnergyMeter::runProcess;
        }
    }

    /**
     * Where the meter reads: the powercap root, the process CPU clock and the wall clock (nanoseconds), the JVM's
     * committed heap (bytes) and the command runner. Tests replace them with fakes.
     */
    public record Sources(Path powercap, LongSupplier cpuNanos, LongSupplier wallNanos, LongSupplier heapBytes, CommandRunner commands) {

        public static Sources system() {
            return new Sources(Path.of("/sys/class/powercap"), EnergyMeter::processCpuNanos, System::nanoTime,
                    () -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted(), CommandRunner.system());
        }
    }

    private static final Logger LOG = Logger.getLogger(EnergyMeter.class.getName());
    private static final double BYTES_PER_GB = 1L << 30;

    private final AccountingSettings settings;
    private final Sources sources;
    private final long cpuStart;
    private final long wallStart;
    private final long heapStart;
    private final RaplCounters rapl;
    private final double[] gpuStart;

    private EnergyMeter(AccountingSettings settings, Sources sources) {
        this.settings = settings;
        this.sources = sources;
        // Clocks innermost, nvidia-smi (up to seconds) outermost, and the reverse in stop(): every window spans the job.
        this.gpuStart = settings.asksNvidiaSmi() ? NvidiaSmiEnergy.read(sources.commands(), settings.nvidiaSmi()).orElse(null) : null;
        this.rapl = RaplCounters.open(sources.powercap()).orElse(null);
        this.heapStart = sources.heapBytes().getAsLong();
        this.cpuStart = sources.cpuNanos().getAsLong();
        this.wallStart = sources.wallNanos().getAsLong();
    }

    /**
     * Starts a meter on this machine with the configured settings.
     *
     * @throws IllegalStateException when a setting is invalid (see {@link AccountingSettings#current()})
     */
    public static EnergyMeter start() {
        return start(AccountingSettings.current(), Sources.system());
    }

    public static EnergyMeter start(AccountingSettings settings, Sources sources) {
        return new EnergyMeter(settings, sources);
    }

    /** Adds the RAPL energy since the last sample, so that long jobs survive counter wrap-arounds. */
    public synchronized void sample() {
        if (rapl != null) {
            rapl.sample();
        }
    }

    /** The energy since {@link #start()}; the meter may be read again later, which counts from the same start. */
    public synchronized Reading stop() {
        long cpuEnd = sources.cpuNanos().getAsLong();
        long wallEnd = sources.wallNanos().getAsLong();
        long heapEnd = sources.heapBytes().getAsLong();
        sample();
        double wallSeconds = (wallEnd - wallStart) / 1e9;
        boolean cpuKnown = cpuStart >= 0 && cpuEnd >= 0;
        double cpuSeconds = cpuKnown ? (cpuEnd - cpuStart) / 1e9 : 0;
        OptionalDouble gpu = OptionalDouble.empty();
        if (gpuStart != null) {
            Optional<double[]> gpuEnd = NvidiaSmiEnergy.read(sources.commands(), settings.nvidiaSmi());
            if (gpuEnd.isPresent()) {
                gpu = NvidiaSmiEnergy.joulesBetween(gpuStart, gpuEnd.get());
            }
        }
        double gpuJoules = gpu.orElse(0);

        OptionalDouble measured = rapl == null ? OptionalDouble.empty() : rapl.joules();
        if (measured.isPresent()) {
            return new Reading(measured.getAsDouble() + gpuJoules, true, gpu.isPresent() ? "RAPL+nvidia-smi" : "RAPL", wallSeconds, cpuSeconds);
        }
        double memoryGb = settings.memoryGb().orElse((heapStart + heapEnd) / 2.0 / BYTES_PER_GB);
        double joules = cpuSeconds * settings.wattsPerCore() + wallSeconds * memoryGb * settings.wattsPerGb() + gpuJoules;
        String memory = "wall-time × " + AccountingSettings.plain(Math.round(memoryGb * 100) / 100.0) + " GB"
                + (settings.memoryGb().isPresent() ? "" : " heap") + " × " + AccountingSettings.plain(settings.wattsPerGb()) + " W/GB";
        String method = cpuKnown
                ? "estimate: cpu-time × " + AccountingSettings.plain(settings.wattsPerCore()) + " W/core + " + memory
                : "estimate (the JVM reports no process CPU time, CPU not counted): " + memory;
        return new Reading(joules, false, method + (gpu.isPresent() ? "; GPU: nvidia-smi" : ""), wallSeconds, cpuSeconds);
    }

    /**
     * The process CPU time, read as the platform MBean's attribute rather than through
     * {@code com.sun.management.OperatingSystemMXBean}, which an application server's module system may hide; -1 when
     * the JVM does not report it.
     */
    static long processCpuNanos() {
        try {
            Object value = ManagementFactory.getPlatformMBeanServer()
                    .getAttribute(ManagementFactory.getOperatingSystemMXBean().getObjectName(), "ProcessCpuTime");
            return value instanceof Long nanos ? nanos : -1;
        } catch (JMException | RuntimeException e) {
            return -1;
        }
    }

    /** Output is read after the exit: enough for a few short lines, which fit the pipe's buffer. */
    private static Optional<String> runProcess(List<String> command, Duration timeout) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            LOG.fine(() -> command.get(0) + " cannot be run: " + e.getMessage());
            return Optional.empty();
        }
        try (InputStream out = process.getInputStream()) {
            process.getOutputStream().close();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.fine(() -> command.get(0) + " did not answer within " + timeout.toMillis() + " ms");
                process.destroyForcibly();
                return Optional.empty();
            }
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                LOG.fine(() -> command.get(0) + " exited with " + process.exitValue());
                return Optional.empty();
            }
            return Optional.of(output);
        } catch (IOException e) {
            LOG.fine(() -> command.get(0) + " could not be read: " + e.getMessage());
            process.destroyForcibly();
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return Optional.empty();
        }
    }
}
