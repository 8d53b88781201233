package org.mlarena.numerics;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.logging.Logger;

import org.mlarena.numerics.opencl.OpenClDevices;
import org.mlarena.settings.Settings;

/**
 * The numerics runtime of this deployment: the device chosen once, explicitly, and the single queue
 * through which every kernel call reaches it.
 *
 * <p>Aparapi serialises OpenCL execution JVM-wide and its kernels are not thread-safe, so jobs do not
 * call kernels freely: they pass work to {@link #onDevice(Function)}, which runs it under one fair lock.
 * The choice is made on first use from {@code arena.numerics.device} (system property) or
 * {@code ARENA_NUMERICS_DEVICE} (environment): {@code auto} (default), {@code gpu}, {@code cpu} or {@code java}.
 */
public final class Numerics {

    public static final String DEVICE_PROPERTY = "arena.numerics.device";
    private static final Logger LOG = Logger.getLogger(Numerics.class.getName());
    private static final Object INSTANCE_LOCK = new Object();
    private static Numerics instance;

    private final ComputeDevice selected;
    private final String selectionReason;
    private final List<ComputeDevice> discovered;
    private final MatrixKernels kernels;
    private final ReentrantLock deviceLock = new ReentrantLock(true);
    static final long SHUTDOWN_WAIT_MILLIS = 10_000;

    private Numerics(ComputeDevice selected, String selectionReason, List<ComputeDevice> discovered, MatrixKernels kernels) {
        this.selected = selected;
        this.selectionReason = selectionReason;
        this.discovered = List.copyOf(discovered);
        this.kernels = kernels;
    }

    /** The runtime of this deployment, choosing the device on first call. */
    public static Numerics get() {
        synchronized (INSTANCE_LOCK) {
            if (instance == null) {
                instance = select(DevicePreference.parse(Settings.read(DEVICE_PROPERTY, "")));
            }
            return instance;
        }
    }

    /**
     * Releases the device (kernels, buffers); the next {@link #get()} chooses again. Called on undeploy, after the jobs'
     * backends are closed (a stopped job ends its step first; at most {@value #SHUTDOWN_WAIT_MILLIS} ms are waited).
     */
    public static void shutdown() {
        if (!org.mlarena.numerics.opencl.OpenClBackend.awaitAllClosed(SHUTDOWN_WAIT_MILLIS)) {
            LOG.warning("OpenCL backends still open after " + SHUTDOWN_WAIT_MILLIS + " ms; releasing the device anyway");
        }
        synchronized (INSTANCE_LOCK) {
            if (instance != null) {
                instance.deviceLock.lock();
                try {
                    instance.kernels.close();
                } finally {
                    instance.deviceLock.unlock();
                }
                instance = null;
            }
        }
    }

    /**
     * Chooses a device for the preference: GPU, then OpenCL CPU, then plain Java; and says why.
     * A new, independent runtime: {@link #get()} is the one the deployment uses.
     */
    public static Numerics select(DevicePreference preference) {
        if (preference == DevicePreference.JAVA) {
            return java("configured: " + DEVICE_PROPERTY + "=java", List.of());
        }
        OpenClDevices.Discovery discovery = OpenClDevices.discover();
        List<ComputeDevice> found = discovery.devices();
        Optional<ComputeDevice> gpu = found.stream().filter(d -> d.type() == DeviceType.GPU).findFirst();
        Optional<ComputeDevice> cpu = found.stream().filter(d -> d.type() == DeviceType.CPU).findFirst();
        ComputeDevice chosen;
        String reason;
        switch (preference) {
            case GPU -> {
                chosen = gpu.or(() -> cpu).orElse(null);
                reason = gpu.isPresent() ? "configured: gpu" : "configured gpu, but no OpenCL GPU was found; " + fallbackNote(cpu);
            }
            case CPU -> {
                chosen = cpu.or(() -> gpu).orElse(null);
                reason = cpu.isPresent() ? "configured: cpu" : "configured cpu, but no OpenCL CPU device was found; " + fallbackNote(gpu);
            }
            default -> {
                chosen = gpu.or(() -> cpu).orElse(null);
                reason = gpu.isPresent() ? "auto: OpenCL GPU found"
                        : cpu.isPresent() ? "auto: no OpenCL GPU, OpenCL CPU device found"
                        : "auto: no OpenCL device (" + discovery.problem().orElse("no platform") + ")";
            }
        }
        if (chosen == null) {
            return java(reason, found);
        }
        try {
            return log(new Numerics(chosen, reason, found, OpenClDevices.open(chosen)));
        } catch (RuntimeException | LinkageError e) {
            return java(reason + "; opening " + chosen.describe() + " failed: " + e, found);
        }
    }

    private static String fallbackNote(Optional<ComputeDevice> other) {
        return other.map(d -> "using " + d.describe()).orElse("falling back to plain Java");
    }

    private static Numerics java(String reason, List<ComputeDevice> found) {
        return log(new Numerics(ComputeDevice.plainJava(), reason, found, new JavaMatrixKernels()));
    }

    private static Numerics log(Numerics chosen) {
        LOG.info(() -> "Numerics device: " + chosen.selected.describe() + " (" + chosen.selectionReason + ")");
        return chosen;
    }

    /** Runs work on the device, serialised with every other caller in this deployment. */
    public <T> T onDevice(Function<MatrixKernels, T> work) {
        deviceLock.lock();
        try {
            return work.apply(kernels);
        } finally {
            deviceLock.unlock();
        }
    }

    /**
     * A training backend on this deployment's device: OpenCL when the device is, plain Java otherwise. The
     * caller owns it (close it); one training at a time per device is the job queue's business.
     */
    public org.mlarena.numerics.nn.Backend newBackend() {
        return selected.isOpenCl() ? new org.mlarena.numerics.opencl.OpenClBackend(selected) : new org.mlarena.numerics.nn.JavaBackend();
    }

    /**
     * Kernels of boosted trees on a device (this deployment's, or a backend's): OpenCL when it is, plain Java otherwise;
     * the trees are the same on both. The caller owns them (close them).
     */
    public static org.mlarena.numerics.trees.TreeKernels treeKernels(ComputeDevice device) {
        return device.isOpenCl() ? new org.mlarena.numerics.opencl.OpenClTreeKernels(device) : new org.mlarena.numerics.trees.JavaTreeKernels();
    }

    public ComputeDevice device() {
        return selected;
    }

    public String selectionReason() {
        return selectionReason;
    }

    /** Every OpenCL device that discovery found, chosen or not. */
    public List<ComputeDevice> discovered() {
        return discovered;
    }
}
