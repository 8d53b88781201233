package org.mlarena.bench;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.MatrixKernels;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.JavaBackend;
import org.mlarena.numerics.opencl.OpenClBackend;
import org.mlarena.numerics.opencl.OpenClDevices;

/**
 * Matrix multiply C = A·B (fp32, n×n) on each backend of the training engine: GFLOP/s, best of the
 * repetitions of at least {@link #SECONDS} seconds after a warm-up. Prints one line per backend and size: {@code matmul <backend> <n> <GFLOP/s>}.
 * Arguments: sizes (default 256 512 1024 2048); plain Java is skipped above 1024 (minutes per product), and everywhere
 * with {@code -Darena.bench.java=false} (bench/gpu.sh: the GPU machine's cores are not what is measured there).
 */
public final class MatmulBench {

    /** Each size is repeated for at least this long on OpenCL (as in matmul_numpy.py); the best repetition counts. */
    private static final long SECONDS = 2;

    public static void main(String[] args) {
        int[] sizes = args.length == 0 ? new int[]{256, 512, 1024, 2048} : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        List<ComputeDevice> devices = OpenClDevices.discover().devices();
        for (int n : sizes) {
            if (n <= 1024 && Boolean.parseBoolean(System.getProperty("arena.bench.java", "true"))) {
                report("java", n, run(new JavaBackend(), n));
            }
            for (ComputeDevice device : devices) {
                String name = "opencl-" + device.type().name().toLowerCase(Locale.ROOT);
                try (Backend cl = new OpenClBackend(device)) {
                    report(name, n, run(cl, n));
                }
                // the device check's kernel: the same row-per-work-item loop over three separate arrays
                try (MatrixKernels separate = OpenClDevices.open(device)) {
                    report(name + "-separate-arrays", n, runSeparate(separate, n));
                }
            }
        }
    }

    private static double run(Backend backend, int n) {
        int size = n * n;
        backend.allocate(3 * size, 1, 1, 0);
        SplittableRandom random = new SplittableRandom(1);
        float[] mem = backend.memory();
        for (int i = 0; i < 2 * size; i++) {
            mem[i] = (float) random.nextDouble(-1, 1);
        }
        backend.upload();
        backend.matmul(n, n, n, 0, false, size, false, 2 * size, false); // warm-up (kernel compile)
        int repetitions = n <= 512 ? 10 : n <= 1024 ? 4 : 2;
        if (backend instanceof JavaBackend) {
            repetitions = n <= 256 ? 3 : 1;
        }
        // repeated for at least SECONDS as well (numpy too): with a few repetitions the first sizes were timed while the
        // JIT compiler still held a core, and n = 256 read anywhere from 36 to 126 GFLOP/s from one run to the next
        long until = backend instanceof JavaBackend ? 0 : System.nanoTime() + SECONDS * 1_000_000_000L;
        long best = Long.MAX_VALUE;
        for (int r = 0; r < repetitions || System.nanoTime() < until; r++) {
            long start = System.nanoTime();
            backend.matmul(n, n, n, 0, false, size, false, 2 * size, false);
            backend.download(); // the result is where the caller can read it
            best = Math.min(best, System.nanoTime() - start);
        }
        return 2.0 * n * n * n / best;
    }

    private static double runSeparate(MatrixKernels kernels, int n) {
        SplittableRandom random = new SplittableRandom(1);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        float[] c = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) random.nextDouble(-1, 1);
            b[i] = (float) random.nextDouble(-1, 1);
        }
        kernels.multiply(a, b, c, n, n, n);
        long until = System.nanoTime() + SECONDS * 1_000_000_000L;
        long best = Long.MAX_VALUE;
        for (int r = 0; r < (n <= 512 ? 10 : n <= 1024 ? 4 : 2) || System.nanoTime() < until; r++) {
            best = Math.min(best, kernels.multiply(a, b, c, n, n, n).nanos());
        }
        return 2.0 * n * n * n / best;
    }

    private static void report(String backend, int n, double gflops) {
        System.out.printf(Locale.ROOT, "matmul %s %d %.2f%n", backend, n, gflops);
    }
}
