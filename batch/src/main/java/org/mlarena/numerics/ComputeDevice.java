package org.mlarena.numerics;

import java.util.Objects;

/**
 * A device that runs numerical kernels, as reported to users and recorded with each run.
 *
 * @param name         the device name as the driver reports it, e.g. {@code pthread-skylake-avx512}
 * @param type         GPU, CPU (OpenCL) or JAVA (no OpenCL)
 * @param backend      {@code OpenCL} or {@code Java}
 * @param platform     the OpenCL platform, e.g. {@code Portable Computing Language}; {@code JVM} for Java
 * @param computeUnits compute units the device reports (cores for Java)
 */
public record ComputeDevice(String name, DeviceType type, String backend, String platform, int computeUnits) {

    public static final String OPENCL = "OpenCL";
    public static final String JAVA = "Java";

    public ComputeDevice {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(platform, "platform");
    }

    /** The plain-Java device of this JVM. */
    public static ComputeDevice plainJava() {
        return new ComputeDevice("Java " + Runtime.version().feature() + " (" + System.getProperty("os.arch") + ")",
                DeviceType.JAVA, JAVA, "JVM", Runtime.getRuntime().availableProcessors());
    }

    public boolean isOpenCl() {
        return OPENCL.equals(backend);
    }

    /** One line for logs and the UI, e.g. {@code OpenCL CPU "pthread-skylake-avx512" on Portable Computing Language}. */
    public String describe() {
        return isOpenCl()
                ? backend + " " + type + " \"" + name + "\" on " + platform + " (" + computeUnits + " compute units)"
                : "plain Java on the JVM (" + name + ", " + computeUnits + " cores)";
    }
}
