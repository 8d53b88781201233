package org.mlarena.numerics.opencl;

import com.aparapi.Range;
import com.aparapi.device.OpenCLDevice;

import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.KernelRun;
import org.mlarena.numerics.MatrixKernels;

/** {@link MatrixKernels} on one OpenCL device, with explicit buffer transfers. */
final class OpenClMatrixKernels implements MatrixKernels {

    private final ComputeDevice device;
    private final OpenCLDevice target;
    private final MatMulKernel matMul = new MatMulKernel();
    /** work-items per group on a GPU, asked of the compiled kernel at the first launch */
    private int gpuGroup;

    OpenClMatrixKernels(ComputeDevice device, OpenCLDevice target) {
        this.device = device;
        this.target = target;
        matMul.setExplicit(true);
    }

    @Override
    public ComputeDevice device() {
        return device;
    }

    @Override
    public KernelRun multiply(float[] a, float[] b, float[] c, int m, int k, int n) {
        MatrixKernels.checkMultiplyShapes(a, b, c, m, k, n);
        long start = System.nanoTime();
        matMul.a = a;
        matMul.b = b;
        matMul.c = c;
        matMul.k = k;
        matMul.n = n;
        matMul.m = m;
        if (gpuGroup == 0) {
            gpuGroup = OpenClBackend.gpuGroup(matMul, target);
        }
        Range range = OpenClBackend.range(target, device.type() == org.mlarena.numerics.DeviceType.CPU, device.computeUnits(), m, gpuGroup);
        synchronized (OpenClDevices.LAUNCHES) {
            matMul.put(a).put(b).execute(range).get(c);
        }
        return new KernelRun(OpenClDevices.ranOn(matMul, device), System.nanoTime() - start, 2L * m * k * n);
    }

    @Override
    public void close() {
        matMul.dispose();
    }
}
