package org.mlarena.numerics.opencl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.aparapi.device.Device;
import com.aparapi.device.JavaDevice;
import com.aparapi.device.OpenCLDevice;
import com.aparapi.internal.kernel.KernelManager;

import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.DeviceType;
import org.mlarena.numerics.MatrixKernels;

/** Finds the OpenCL devices of this machine and opens kernels on one of them. */
public final class OpenClDevices {

    static {
        initialiseAparapiKeepingLogLevels();
    }

    private OpenClDevices() {
    }

    /**
     * Aparapi's configuration class, when it initialises, sets every handler of the root logger to Aparapi's own log
     * level (WARNING unless {@code com.aparapi.logLevel} says otherwise): in WildFly the server log then dropped every
     * line below a warning for good, its own "Deployed" lines and the platform's among them. The class is initialised
     * here, before any other Aparapi class, and the handlers get their levels back.
     */
    static void initialiseAparapiKeepingLogLevels() {
        Handler[] handlers = Logger.getLogger("").getHandlers();
        Level[] levels = new Level[handlers.length];
        for (int i = 0; i < handlers.length; i++) {
            levels[i] = handlers[i].getLevel();
        }
        try {
            Class.forName("com.aparapi.Config", true, OpenClDevices.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // discover() says why the OpenCL runtime cannot be used
        } finally {
            for (int i = 0; i < handlers.length; i++) {
                handlers[i].setLevel(levels[i]);
            }
        }
    }

    /**
     * What discovery found.
     *
     * @param devices GPUs first, then CPUs
     * @param problem why nothing was found, if the OpenCL runtime itself could not be used
     */
    public record Discovery(List<ComputeDevice> devices, Optional<String> problem) {
    }

    /** Lists the OpenCL GPU and CPU devices; never throws (a missing OpenCL runtime is a result, not an error). */
    public static Discovery discover() {
        try {
            List<ComputeDevice> found = new ArrayList<>();
            for (OpenCLDevice d : OpenCLDevice.listDevices(Device.TYPE.GPU)) {
                found.add(describe(d));
            }
            for (OpenCLDevice d : OpenCLDevice.listDevices(Device.TYPE.CPU)) {
                found.add(describe(d));
            }
            return new Discovery(found, found.isEmpty() ? Optional.of("no OpenCL platform with a GPU or CPU device") : Optional.empty());
        } catch (RuntimeException | LinkageError e) {
            return new Discovery(List.of(), Optional.of("OpenCL runtime unusable: " + e));
        }
    }

    /** Opens the matrix kernels on the device, which must come from {@link #discover()}. */
    public static MatrixKernels open(ComputeDevice device) {
        OpenCLDevice target = find(device);
        // Make the choice explicit for every kernel class: this device, then Aparapi's Java thread pool.
        LinkedHashSet<Device> preferred = new LinkedHashSet<>();
        preferred.add(target);
        preferred.add(JavaDevice.THREAD_POOL);
        KernelManager.instance().setDefaultPreferredDevices(preferred);
        return new OpenClMatrixKernels(device, target);
    }

    /**
     * The Aparapi device of a discovered one, with shared memory off: Aparapi's default creates every buffer with
     * CL_MEM_USE_HOST_PTR on the Java array itself, which the JVM pins only during a call. G1 moves small arrays
     * between calls (a kernel's loss output, the copy of B), and PoCL then wrote into their old place in the heap:
     * the JVM crashed in the garbage collector on a corrupted object holding (NaN, 1.0), a loss and a hit. With it off,
     * the device has its own copy of each buffer and only put/get touch the arrays, while they are pinned. The one
     * exception, a CPU-shaped {@link OpenClBackend}, turns it on for its own kernel's first launch, its arrays all unmovable.
     */
    /**
     * Held around every launch. Aparapi reads a device's shared-memory flag once per kernel, at its first launch, and its
     * device objects are one per device JVM-wide: {@link OpenClBackend#allocate} sets the flag for its own kernel's first
     * launch only, under this lock, so that no other kernel (whose arrays the garbage collector may move) starts with it.
     */
    static final Object LAUNCHES = new Object();

    static OpenCLDevice find(ComputeDevice device) {
        Device.TYPE type = device.type() == DeviceType.GPU ? Device.TYPE.GPU : Device.TYPE.CPU;
        OpenCLDevice found = OpenCLDevice.listDevices(type).stream()
                .filter(d -> describe(d).equals(device))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("OpenCL device not found any more: " + device.describe()));
        found.setSharedMemory(false);
        return found;
    }

    static ComputeDevice describe(OpenCLDevice d) {
        DeviceType type = d.getType() == Device.TYPE.GPU ? DeviceType.GPU : DeviceType.CPU;
        return new ComputeDevice(d.getName().trim(), type, ComputeDevice.OPENCL,
                d.getOpenCLPlatform().getName().trim(), d.getMaxComputeUnits());
    }

    /** Describes the device a kernel really ran on after {@code execute}. */
    static ComputeDevice ranOn(com.aparapi.Kernel kernel, ComputeDevice requested) {
        Device target = kernel.getTargetDevice();
        if (kernel.isRunningCL() && target instanceof OpenCLDevice cl) {
            return describe(cl);
        }
        String name = target == null ? "unknown" : target.getShortDescription();
        return new ComputeDevice("Aparapi fallback (" + name + ") instead of " + requested.name(), DeviceType.JAVA,
                ComputeDevice.JAVA, "Aparapi " + name, Runtime.getRuntime().availableProcessors());
    }
}
