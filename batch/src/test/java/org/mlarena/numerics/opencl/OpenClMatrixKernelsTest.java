package org.mlarena.numerics.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.DeviceCheck;
import org.mlarena.numerics.DevicePreference;
import org.mlarena.numerics.JavaMatrixKernels;
import org.mlarena.numerics.KernelRun;
import org.mlarena.numerics.MatrixKernels;
import org.mlarena.numerics.Numerics;

/**
 * The OpenCL kernels against the plain-Java reference on a real OpenCL device (PoCL on CI).
 * Needs an OpenCL platform: the test command installs Debian's pocl-opencl-icd.
 */
class OpenClMatrixKernelsTest {

    private static ComputeDevice firstDevice() {
        return TestDevice.first();
    }

    @Test
    void autoSelectionChoosesOpenClWhenADeviceExists() {
        ComputeDevice device = firstDevice();
        Numerics numerics = Numerics.select(DevicePreference.AUTO);
        assertEquals(device, numerics.device());
        assertTrue(numerics.device().isOpenCl());
    }

    @Test
    void trainingBackendsFollowTheSelectedDevice() {
        firstDevice();
        try (org.mlarena.numerics.nn.Backend onDevice = Numerics.select(DevicePreference.AUTO).newBackend();
             org.mlarena.numerics.nn.Backend java = Numerics.select(DevicePreference.JAVA).newBackend()) {
            assertTrue(onDevice instanceof OpenClBackend, onDevice.getClass().getName());
            assertTrue(onDevice.device().isOpenCl());
            assertTrue(java instanceof org.mlarena.numerics.nn.JavaBackend, java.getClass().getName());
        }
    }

    @Test
    void deviceCheckRunsOnOpenClAndEqualsJavaBitForBit() {
        Numerics numerics = Numerics.select(DevicePreference.AUTO);
        DeviceCheck.Report report = DeviceCheck.run(numerics, 96, 42);
        assertTrue(report.ranOn().isOpenCl(), () -> "ran on " + report.ranOn().describe());
        assertEquals(0, report.mismatches());
        assertEquals(0.0, report.maxAbsDifference());
    }

    @Test
    void rectangularRandomProductMatchesJavaWithinRounding() {
        ComputeDevice device = firstDevice();
        int m = 37, k = 53, n = 29;
        SplittableRandom random = new SplittableRandom(7);
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) random.nextDouble(-1, 1);
        for (int i = 0; i < b.length; i++) b[i] = (float) random.nextDouble(-1, 1);
        float[] expected = new float[m * n];
        float[] actual = new float[m * n];
        new JavaMatrixKernels().multiply(a, b, expected, m, k, n);
        try (MatrixKernels kernels = OpenClDevices.open(device)) {
            KernelRun first = kernels.multiply(a, b, actual, m, k, n);
            assertTrue(first.ranOn().isOpenCl(), () -> "ran on " + first.ranOn().describe());
            assertEquals(2L * m * k * n, first.flops());
            assertArrayEquals(expected, actual, 1e-5f);
            // a second call with new contents in the same arrays must see them (explicit transfers)
            for (int i = 0; i < a.length; i++) a[i] = -a[i];
            new JavaMatrixKernels().multiply(a, b, expected, m, k, n);
            kernels.multiply(a, b, actual, m, k, n);
            assertArrayEquals(expected, actual, 1e-5f);
        }
    }
}
