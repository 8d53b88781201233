package org.mlarena.numerics;

/**
 * Dense matrix kernels on one device. Matrices are row-major {@code float[]}.
 * Implementations are not thread-safe: {@link Numerics} serialises all calls to a device.
 */
public interface MatrixKernels extends AutoCloseable {

    /** The device these kernels were built for. */
    ComputeDevice device();

    /**
     * C = A &times; B with A of m&times;k, B of k&times;n and C of m&times;n.
     *
     * @return where the kernel really ran, how long it took and the FLOPs it performed (2 per multiply-add)
     */
    KernelRun multiply(float[] a, float[] b, float[] c, int m, int k, int n);

    @Override
    default void close() {
    }

    /** Checks the shapes of a multiply and says which one is wrong. */
    static void checkMultiplyShapes(float[] a, float[] b, float[] c, int m, int k, int n) {
        if (m <= 0 || k <= 0 || n <= 0) {
            throw new IllegalArgumentException("matrix dimensions must be positive, got m=" + m + ", k=" + k + ", n=" + n);
        }
        if (a.length != (long) m * k) {
            throw new IllegalArgumentException("A has " + a.length + " elements, expected m*k = " + m + "*" + k);
        }
        if (b.length != (long) k * n) {
            throw new IllegalArgumentException("B has " + b.length + " elements, expected k*n = " + k + "*" + n);
        }
        if (c.length != (long) m * n) {
            throw new IllegalArgumentException("C has " + c.length + " elements, expected m*n = " + m + "*" + n);
        }
    }
}
