package org.mlarena.numerics.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.DeviceType;
import org.mlarena.numerics.trees.BoostedTrees;
import org.mlarena.numerics.trees.Boosting;
import org.mlarena.numerics.trees.JavaTreeKernels;
import org.mlarena.numerics.trees.TreeKernels;

/**
 * The trees' kernels on the machine's OpenCL device (PoCL on CI) build the same trees as the plain-Java reference, to
 * the bit, and predict the same raw values: every node's histogram and every prediction on the device, launched as on a
 * CPU and (on a CPU device) as on a GPU, where work-groups build the histograms in local memory.
 */
class OpenClTreeKernelsTest {

    private static final int ROWS = 5000;
    private static final int FEATURES = 9;
    private static ComputeDevice device;

    @BeforeAll
    static void device() {
        device = TestDevice.first();
    }

    /**
     * Rows of three classes (or a number) from a few informative columns, with 10 % missing values (in columns of 255 bins
     * and of 40), a constant column, a column missing everywhere and a 0/1 column (a one-hot category).
     */
    private static float[] rows(int n, long seed, double[] y, boolean classes) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * FEATURES];
        for (int r = 0; r < n; r++) {
            int o = r * FEATURES;
            for (int f = 0; f < 5; f++) {
                x[o + f] = random.nextDouble() < 0.1 ? Float.NaN : (float) random.nextGaussian();
            }
            x[o + 5] = 3f;
            x[o + 6] = Float.NaN;
            x[o + 7] = random.nextBoolean() ? 1f : 0f;
            x[o + 8] = random.nextDouble() < 0.1 ? Float.NaN : (float) random.nextInt(40);
            double signal = (Float.isNaN(x[o]) ? 0.5 : x[o]) + 0.7 * (Float.isNaN(x[o + 1]) ? 0 : x[o + 1] * x[o + 1]) - x[o + 7]
                    + 0.02 * (Float.isNaN(x[o + 8]) ? 60 : x[o + 8]) + random.nextGaussian() * 0.3;
            y[r] = classes ? (signal < 0 ? 0 : signal < 1 ? 1 : 2) : signal;
        }
        return x;
    }

    private static BoostedTrees boost(TreeKernels kernels, float[] x, double[] y, int classes) {
        Boosting.Settings settings = new Boosting.Settings(0.1, 12, 31, 0, 20, 0.5, 255, 0, 0);
        return Boosting.fit(x, y, FEATURES, classes, null, null, settings, null, null, kernels);
    }

    @Test
    void theDeviceBuildsTheSameTreesAndPredictionsAsJavaToTheBit() {
        // the work-group of a GPU launch: 0 launches as on a CPU, -1 the kernel's own (256 on PoCL), 32 fewer work-items
        // than a feature's bins (each owns several)
        int[] launches = device.type() == DeviceType.CPU ? new int[]{0, -1, 32} : new int[]{-1, 32};
        for (int classes : new int[]{3, 2, 0}) {
            double[] y = new double[ROWS];
            float[] x = rows(ROWS, 11 + classes, y, classes > 0);
            if (classes == 2) {
                for (int r = 0; r < ROWS; r++) {
                    y[r] = y[r] > 0 ? 1 : 0;
                }
            }
            BoostedTrees java = boost(new JavaTreeKernels(), x, y, classes);
            assertTrue(java.nodes() > 12 * 20, "the trees grew: " + java.nodes() + " nodes");
            assertTrue(ROWS > TreeKernels.blockRows(ROWS), "the root's histogram is summed in several blocks");
            double[] test = new double[1000];
            float[] tx = rows(1000, 99, test, classes > 0);
            BoostedTrees.Prediction expected = java.predict(tx, 1000, new JavaTreeKernels());
            for (int group : launches) {
                String how = (classes == 0 ? "regression" : classes + " classes") + (group == 0 ? "" : ", launched as on a GPU")
                        + (group > 0 ? " in work-groups of " + group : "");
                try (OpenClTreeKernels cl = group > 0 ? new OpenClTreeKernels(device, 0, 0, true).inGroupsOf(group)
                        : new OpenClTreeKernels(device, 0, 0, group != 0)) {
                    BoostedTrees onDevice = boost(cl, x, y, classes);
                    assertEquals(java.trees(), onDevice.trees(), how + ": the same trees, to the bit");
                    assertEquals(java.operations(), onDevice.operations(), how + ": the same operations counted");
                    BoostedTrees.Prediction predicted = java.predict(tx, 1000, cl);
                    assertArrayEquals(expected.raw(), predicted.raw(), 0, how + ": the same raw predictions");
                    assertEquals(expected.operations(), predicted.operations(), how + ": the same nodes passed");
                }
            }
        }
    }

    @Test
    void otherSettingsGiveTheSameTreesOnTheDeviceToo() {
        double[] y = new double[ROWS];
        float[] x = rows(ROWS, 5, y, true);
        // a depth limit, few bins, small leaves, L2, a high learning rate
        Boosting.Settings settings = new Boosting.Settings(0.3, 8, 7, 3, 5, 2.0, 63, 0, 0);
        BoostedTrees java = Boosting.fit(x, y, FEATURES, 3, null, null, settings, null, null, new JavaTreeKernels());
        try (OpenClTreeKernels cl = new OpenClTreeKernels(device, 0, 5_000, false)) {
            BoostedTrees onDevice = Boosting.fit(x, y, FEATURES, 3, null, null, settings, null, null, cl);
            assertEquals(java.trees(), onDevice.trees(), "the same trees with other settings");
            assertTrue(onDevice.trees().stream().allMatch(t -> t.depth() <= 3), "the depth limit holds");
            assertArrayEquals(java.predict(x, ROWS).raw(), onDevice.predict(x, ROWS, cl).raw(), 0);
        }
    }
}
