package org.mlarena.numerics;

/** What kind of processor a {@link ComputeDevice} is. */
public enum DeviceType {
    /** An OpenCL GPU (discrete or integrated). */
    GPU,
    /** An OpenCL CPU device, for example PoCL on the host processor. */
    CPU,
    /** No OpenCL: the plain-Java reference kernels on the JVM. */
    JAVA
}
