package org.mlarena.numerics.opencl;

import com.aparapi.Kernel;

/**
 * C = A &times; B, one work-item per row of C, the inner loop over k in i-k-j order so that the rows of
 * B and C are read contiguously.
 */
final class MatMulKernel extends Kernel {

    float[] a = new float[1];
    float[] b = new float[1];
    float[] c = new float[1];
    int k;
    int n;
    /** rows of C; a GPU launch is rounded up to whole work-groups, and the work-items past them do nothing */
    int m;

    @Override
    public void run() {
        int i = getGlobalId();
        if (i < m) {
            row(i);
        }
    }

    private void row(int i) {
        int rowC = i * n;
        for (int j = 0; j < n; j++) {
            c[rowC + j] = 0f;
        }
        for (int p = 0; p < k; p++) {
            float aip = a[i * k + p];
            int rowB = p * n;
            for (int j = 0; j < n; j++) {
                c[rowC + j] += aip * b[rowB + j];
            }
        }
    }
}
