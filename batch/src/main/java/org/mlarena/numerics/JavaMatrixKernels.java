package org.mlarena.numerics;

/** The plain-Java reference implementation of {@link MatrixKernels}: single-threaded, i-k-j loop order. */
public final class JavaMatrixKernels implements MatrixKernels {

    private final ComputeDevice device = ComputeDevice.plainJava();

    @Override
    public ComputeDevice device() {
        return device;
    }

    @Override
    public KernelRun multiply(float[] a, float[] b, float[] c, int m, int k, int n) {
        MatrixKernels.checkMultiplyShapes(a, b, c, m, k, n);
        long start = System.nanoTime();
        for (int i = 0; i < m; i++) {
            int rowC = i * n;
            java.util.Arrays.fill(c, rowC, rowC + n, 0f);
            for (int p = 0; p < k; p++) {
                float aip = a[i * k + p];
                int rowB = p * n;
                for (int j = 0; j < n; j++) {
                    c[rowC + j] += aip * b[rowB + j];
                }
            }
        }
        return new KernelRun(device, System.nanoTime() - start, 2L * m * k * n);
    }
}
