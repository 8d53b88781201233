package org.mlarena.numerics.opencl;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.mlarena.numerics.ComputeDevice;

/** The machine's first OpenCL device for the kernel tests (PoCL on CI), or a failure that says what to install. */
final class TestDevice {

    private TestDevice() {
    }

    static ComputeDevice first() {
        OpenClDevices.Discovery discovery = OpenClDevices.discover();
        assertFalse(discovery.devices().isEmpty(), () -> "no OpenCL device: " + discovery.problem().orElse("?")
                + " (install Debian's pocl-opencl-icd, or run ./arena test which does)");
        return discovery.devices().get(0);
    }
}
