package org.mlarena.numerics;

import java.util.SplittableRandom;

/**
 * Proves that the selected device computes correctly: a matrix product on the device compared with the
 * plain-Java reference.
 *
 * <p>The matrices hold small integers, so every product and partial sum is exactly representable in
 * {@code float}: the device's result must equal the reference bit for bit, whatever the order of
 * summation or use of fused multiply-add. Any difference is a real fault, not rounding.
 */
public final class DeviceCheck {

    /** The largest n accepted: n&sup3; stays far below 2&sup2;&sup4; per sum and the run takes well under a second. */
    public static final int MAX_SIZE = 1024;

    private DeviceCheck() {
    }

    /**
     * Result of one check.
     *
     * @param requested        the device that was selected
     * @param ranOn            the device that really ran the kernel
     * @param size             n of the n&times;n product
     * @param seed             seed of the input matrices
     * @param mismatches       elements that differ from the reference
     * @param maxAbsDifference largest absolute difference from the reference
     * @param checksum         sum of the device's result, for the record
     * @param deviceNanos      time of the device kernel
     * @param referenceNanos   time of the plain-Java reference
     * @param flops            FLOPs of one product (2n&sup3;)
     */
    public record Report(ComputeDevice requested, ComputeDevice ranOn, int size, long seed, int mismatches,
                         double maxAbsDifference, double checksum, long deviceNanos, long referenceNanos, long flops) {

        public boolean matches() {
            return mismatches == 0;
        }
    }

    /** Runs the check on the runtime's device. */
    public static Report run(Numerics numerics, int size, long seed) {
        if (size < 1 || size > MAX_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        float[] a = integerMatrix(size, new SplittableRandom(seed));
        float[] b = integerMatrix(size, new SplittableRandom(seed + 1));
        float[] onDevice = new float[size * size];
        float[] reference = new float[size * size];
        KernelRun run = numerics.onDevice(kernels -> kernels.multiply(a, b, onDevice, size, size, size));
        KernelRun ref = new JavaMatrixKernels().multiply(a, b, reference, size, size, size);
        int mismatches = 0;
        double maxDiff = 0;
        double checksum = 0;
        for (int i = 0; i < reference.length; i++) {
            double diff = Math.abs((double) onDevice[i] - reference[i]);
            if (Float.floatToIntBits(onDevice[i]) != Float.floatToIntBits(reference[i])) {
                mismatches++;
            }
            maxDiff = Math.max(maxDiff, diff);
            checksum += onDevice[i];
        }
        return new Report(numerics.device(), run.ranOn(), size, seed, mismatches, maxDiff, checksum,
                run.nanos(), ref.nanos(), run.flops());
    }

    private static float[] integerMatrix(int size, SplittableRandom random) {
        float[] m = new float[size * size];
        for (int i = 0; i < m.length; i++) {
            m[i] = random.nextInt(-3, 4);
        }
        return m;
    }
}
