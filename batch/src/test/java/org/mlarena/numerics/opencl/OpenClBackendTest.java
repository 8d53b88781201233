package org.mlarena.numerics.opencl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import com.aparapi.device.OpenCLDevice;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.data.LabelledImages;
import org.mlarena.numerics.nn.ActivationFunction;
import org.mlarena.numerics.nn.Architecture;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.JavaBackend;
import org.mlarena.numerics.nn.Lbfgs;
import org.mlarena.numerics.nn.Optimizer;
import org.mlarena.numerics.nn.Trainer;

/**
 * Every kernel of the OpenCL backend against the plain-Java reference, on the machine's OpenCL device
 * (PoCL on CI), in every matrix work shape (row, element, register tile).
 */
class OpenClBackendTest {

    private static final int MEM = 4096;
    private static ComputeDevice device;

    @BeforeAll
    static void device() {
        device = TestDevice.first();
    }

    /** Runs the same kernel sequence on both backends from the same memory and compares all of it. */
    private static void compare(OpenClBackend.Shape shape, Consumer<Backend> kernels) {
        compare(shape, MEM, kernels);
    }

    private static void compare(OpenClBackend.Shape shape, int memory, Consumer<Backend> kernels) {
        compare(shape, memory, UnaryOperator.identity(), kernels);
    }

    private static void compare(OpenClBackend.Shape shape, int memory, UnaryOperator<OpenClBackend> configure, Consumer<Backend> kernels) {
        SplittableRandom random = new SplittableRandom(17);
        float[] start = new float[memory];
        for (int i = 0; i < memory; i++) {
            start[i] = (float) random.nextDouble(-1, 1);
        }
        float[] batch = new float[256];
        for (int i = 0; i < batch.length; i++) {
            batch[i] = (float) random.nextDouble(-2, 2);
        }
        int[] labels = {3, 0, 2, 1, 4, 4, 0, 1};
        float[] targets = new float[8 * 4];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (float) random.nextDouble(-1, 1);
        }
        // on a CPU device (PoCL on CI) also as a GPU launches them, whole work-groups and the surplus work-items idle,
        // so that the GPU path is checked here too: it had never run when an H200 refused its first launch
        boolean[] launches = device.type() == org.mlarena.numerics.DeviceType.CPU ? new boolean[]{false, true} : new boolean[]{false};
        for (boolean gpuLaunches : launches) {
            Backend java = new JavaBackend();
            try (Backend cl = configure.apply(new OpenClBackend(device, shape, gpuLaunches))) {
                for (Backend backend : new Backend[]{java, cl}) {
                    backend.allocate(memory, 256, 8, 4);
                    System.arraycopy(start, 0, backend.memory(), 0, memory);
                    backend.upload();
                    kernels.accept(backend);
                    backend.download();
                }
                float[] expected = java.memory();
                float[] actual = cl.memory();
                String how = gpuLaunches ? " (launched as on a GPU)" : "";
                for (int i = 0; i < memory; i++) {
                    float tolerance = 1e-5f + 1e-5f * Math.abs(expected[i]);
                    int at = i;
                    assertTrue(Math.abs(expected[i] - actual[i]) <= tolerance,
                            () -> "memory[" + at + "]: Java " + expected[at] + ", OpenCL " + actual[at] + how);
                }
                assertEquals(java.flops(), cl.flops(), "both backends count the same FLOPs" + how);
            }
        }
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void matrixProductsInEveryTransposition(OpenClBackend.Shape shape) {
        compare(shape, b -> {
            b.matmul(7, 5, 9, 0, false, 100, false, 1000, false);
            b.matmul(7, 5, 9, 200, true, 300, false, 1100, false);
            b.matmul(7, 5, 9, 400, false, 500, true, 1200, true);
            b.matmul(7, 5, 9, 600, true, 700, true, 1300, false);
            // full 4x8 tiles and edge tiles together
            b.matmul(9, 17, 6, 2400, false, 2500, false, 2700, false);
            b.matmul(9, 17, 6, 2900, true, 3000, true, 3200, true);
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void fusedDenseLayerLaunchesMatchTheSeparateKernels(OpenClBackend.Shape shape) {
        compare(shape, b -> {
            b.dense(9, 17, 6, 0, 100, 1000, 300, true);
            b.dense(5, 3, 7, 400, 500, 1200, 600, false);
            b.denseWeightGradient(9, 17, 6, 2000, 2100, 2400, 2600);
            b.denseWeightGradient(3, 5, 2, 2700, 2800, 2900, 2950);
            b.matmul(9, 17, 6, 3000, true, 3100, true, 3300, true);
            b.matmul(7, 9, 9, 3500, false, 3600, false, 3700, true);
        });
    }

    /** Inputs to stage as a batch: values from -1 to 1 in no simple order. */
    private static float[] stagedInputs(int count) {
        float[] inputs = new float[count];
        for (int i = 0; i < count; i++) {
            inputs[i] = (i * 37 % 23) / 11f - 1f;
        }
        return inputs;
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void denseLayersInWholeTilesOfOutputs(OpenClBackend.Shape shape) {
        // outputs a multiple of 32 run as vector tiles of 8 rows on a CPU device: rows not a multiple of 8, with and
        // without ReLU, and on the staged batch
        float[] inputs = stagedInputs(6 * 40);
        compare(shape, 8192, b -> {
            b.dense(13, 64, 37, 0, 500, 3000, 2900, true);      // x 481, W 2,368, y 832
            b.dense(3, 32, 9, 4000, 4100, 4500, 4400, false);    // x 27, W 288, y 96
            b.stageBatch(inputs, 0, 6, 40, new int[]{3, 0, 2, 1, 4, 4}, 0);
            b.denseOnBatch(6, 32, 40, 5000, 5300, 6700, 6600, true); // x 240, W 1,280, y 192
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void fusedInputStagingSoftmaxHeadAndReluBackwardMatchTheSeparateKernels(OpenClBackend.Shape shape) {
        float[] inputs = stagedInputs(8 * 6);
        java.util.List<Backend.LossResult> losses = new java.util.ArrayList<>();
        compare(shape, 8192, b -> {
            b.stageBatch(inputs, 0, 8, 6, new int[]{3, 0, 2, 1, 4, 4, 0, 1}, 0);
            b.denseOnBatch(8, 17, 6, 4000, 4100, 4300, 4210, true);
            losses.add(b.denseSoftmaxCrossEntropy(8, 5, 17, 4300, 4500, 4700, 4600, 4800));
            b.denseInputGradient(8, 5, 17, 4800, 4500, 4900, 4300);
            b.denseInputGradient(8, 5, 17, 4800, 4500, 5100, -1);
            // 5 rows (a partial tile of 8) of 10 classes over 37 inputs
            b.stageBatch(inputs, 0, 5, 6, new int[]{9, 0, 7, 3, 3}, 0);
            losses.add(b.denseSoftmaxCrossEntropy(5, 10, 37, 5200, 5500, 6000, 5900, 6100));
        });
        // Java then OpenCL, for each way of launching (two on a CPU device)
        assertTrue(losses.size() == 4 || losses.size() == 8, losses.size() + " losses");
        for (int i = 0; i < losses.size(); i += 4) {
            for (int j = i; j < i + 2; j++) {
                assertEquals(losses.get(j).meanLoss(), losses.get(j + 2).meanLoss(), 1e-5, "mean loss, Java then OpenCL");
                assertEquals(losses.get(j).correct(), losses.get(j + 2).correct(), "correct predictions, Java then OpenCL");
                assertTrue(losses.get(j).meanLoss() > 0, "a loss was computed");
            }
        }
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void firstLayerGradientsWithTheOptimiserStepMatchTheSeparateKernels(OpenClBackend.Shape shape) {
        // P = 200 parameters: the first layer's 6x5 weights and 5 biases, then 165 more; gradients at +P, states at
        // +2P and +3P (the second moments made non-negative, as Adam keeps them)
        compare(shape, 4096, b -> {
            float[] mem = b.memory();
            for (int i = 600; i < 800; i++) {
                mem[i] = Math.abs(mem[i]);
            }
            b.upload();
            b.denseWeightGradientAndStep(8, 5, 6, 900, 1000, 200, 230, Optimizer.Adam.of(1e-2f), 200, 3);
            b.denseWeightGradientAndStep(8, 5, 6, 900, 1000, 200, 230, new Optimizer.Sgd(0.1f, 0.9f, 1e-4f), 200, 4);
            b.denseWeightGradientAndStep(8, 5, 6, 900, 1000, 200, 230, new Optimizer.Adam(1e-3f, 0.8f, 0.99f, 1e-6f, 0.01f), 200, 5);
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void denseGradientsAndTheirStepInWholeTilesOfOutputs(OpenClBackend.Shape shape) {
        // outputs a multiple of 32 run as vector tiles of 8 inputs on a CPU device: 37 inputs and 13 rows leave partial
        // tiles; P = 2,733 parameters: the first layer's 37x64 weights and 64 biases, then 301 more (not whole vectors)
        int parameters = 2733;
        compare(shape, 14_000, b -> {
            float[] mem = b.memory();
            for (int i = 3 * parameters; i < 4 * parameters; i++) {
                mem[i] = Math.abs(mem[i]);
            }
            b.upload();
            b.denseWeightGradientAndStep(13, 64, 37, 11_000, 11_500, parameters, parameters + 2368, Optimizer.Adam.of(1e-2f), parameters, 3);
            b.denseWeightGradientAndStep(13, 64, 37, 11_000, 11_500, parameters, parameters + 2368, new Optimizer.Sgd(0.1f, 0.9f, 1e-4f),
                    parameters, 4);
            b.denseWeightGradientAndStep(13, 64, 37, 11_000, 11_500, parameters, parameters + 2368,
                    new Optimizer.Adam(1e-3f, 0.8f, 0.99f, 1e-6f, 0.01f), parameters, 5);
            // without a step, its bias gradient elsewhere
            b.denseWeightGradient(5, 32, 9, 11_000, 11_500, 12_400, 12_800);
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void anOutputLayersBackwardPassInOneLaunch(OpenClBackend.Shape shape) {
        // fewer than 32 outputs run as one vector launch on a CPU device: 13 rows and 37 inputs leave partial tiles of
        // both products; with the ReLU backward of the layer below (its output at 6000) and without
        compare(shape, 8192, b -> {
            b.denseBackward(13, 10, 37, 0, 500, 1000, 1500, 1900, 2000, 6000);   // x 481, dy 130, W 370, dx 481
            b.denseBackward(9, 1, 70, 3000, 3700, 3800, 3900, 3990, 4000, -1);  // x 630, dy 9, W 70, dx 630
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void productsReadingACopyOfBMatchJava(OpenClBackend.Shape shape) {
        // n = 1024: the CPU shape copies B with a wider stride first; 17 rows and k = 7 leave a row and a step over
        compare(shape, 100_000, b -> {
            b.matmul(17, 1024, 7, 0, false, 200, false, 8000, false);
            b.matmul(17, 1024, 7, 0, false, 200, false, 30_000, true);
            b.dense(16, 1024, 5, 50_000, 200, 60_000, 90_000, true);
            b.denseWeightGradient(20, 1024, 3, 70_000, 8000, 75_000, 95_000);
        });
        // a transposed B of a product of 2^20 multiply-adds or more is copied too (smaller ones are read with a stride)
        compare(shape, 100_000, b -> {
            b.matmul(17, 256, 241, 0, false, 5000, true, 70_000, false);
            b.matmul(17, 256, 241, 0, true, 5000, true, 80_000, true);
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void biasReluCopyAndTheirGradients(OpenClBackend.Shape shape) {
        compare(shape, b -> {
            b.stageBatch(new float[]{1, -2, 3, -4, 5, -6}, 0, 2, 3, new int[]{0, 1}, 0);
            b.copyBatch(6, 2000);
            b.addBias(6, 11, 1, 0, 100, true);
            b.addBias(3, 5, 4, 200, 300, false);
            b.reluBackward(66, 0, 400);
            b.biasGradient(9, 13, 1, 500, 700);
            b.biasGradient(3, 4, 5, 760, 840);
            b.dropout(400, 1000, 1500, 0.4f, 12345);
            b.multiply(400, 2000, 1500);
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void fiveByFiveConvolutionsPaddedUnpaddedAndWiderThanTheInput(OpenClBackend.Shape shape) {
        // the zoo's 5x5 kernels: padded, unpadded, and a row narrower than the kernel; the weight gradient's four
        // partial sums over rows whose length is not a multiple of four
        compare(shape, 8192, b -> {
            Backend.Conv same = new Backend.Conv(2, 2, 8, 9, 3, 5, 2);    // x 288, w 150, y 432
            b.conv2d(same, 0, 300, 500);
            b.conv2dWeightGradient(same, 0, 1000, 1500);
            b.conv2dInputGradient(same, 1000, 300, 1700);
            Backend.Conv valid = new Backend.Conv(1, 2, 7, 7, 3, 5, 0);   // x 98, w 150, y 27
            b.conv2d(valid, 2000, 2100, 2300);
            b.conv2dWeightGradient(valid, 2000, 2400, 2500);
            b.conv2dInputGradient(valid, 2400, 2100, 2700);
            Backend.Conv narrow = new Backend.Conv(2, 1, 4, 3, 2, 5, 2);  // x 24, w 50, y 48
            b.conv2d(narrow, 3000, 3100, 3200);
            b.conv2dWeightGradient(narrow, 3000, 3300, 3400);
            b.conv2dInputGradient(narrow, 3300, 3100, 3500);
        });
    }

    @Test
    void onACpuDeviceConvolutionsRunAsVectorCodeOnTheKernelsOwnMemory() {
        Assumptions.assumeTrue(device.type() == org.mlarena.numerics.DeviceType.CPU, "a CPU device");
        try (OpenClBackend cl = new OpenClBackend(device)) {
            cl.allocate(1000, 16, 4, 0);
            VectorProducts products = cl.vectorConvolutions();
            assertTrue(products != null, "the device works on the kernel's arrays and the vector program runs");
            // the zoo's convolutions run direct, their padded planes in local memory (512 KiB on PoCL), and their weight
            // gradients from transposed columns there; strided ones from columns; wide or deep ones do not fit
            for (Backend.Conv zoo : new Backend.Conv[]{new Backend.Conv(128, 1, 28, 28, 16, 5, 2), new Backend.Conv(128, 16, 14, 14, 32, 5, 2)}) {
                assertTrue(products.direct(zoo) && products.directGradient(zoo) && products.fitsWeightGradient(zoo), zoo.toString());
            }
            Backend.Conv strided = new Backend.Conv(128, 32, 14, 14, 64, 3, 1, 2);
            assertTrue(products.fits(strided) && products.fitsGradients(strided) && !products.direct(strided) && !products.directGradient(strided));
            assertFalse(products.fits(new Backend.Conv(1, 160, 28, 28, 3, 3, 1)));
            assertFalse(products.fitsGradients(new Backend.Conv(1, 3, 56, 56, 40, 3, 1)));
            assertFalse(products.fitsWeightGradient(new Backend.Conv(1, 256, 8, 8, 1400, 3, 1)));
            // a batch in a few work-groups per compute unit (the weight gradient in as many partial sums), not one per image
            assertTrue(products.workGroups(128) < 128 && products.workGroups(3) == 3);
        }
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void convolutionsWhoseColumnsDoNotFitLocalMemory(OpenClBackend.Shape shape) {
        compare(shape, 270_000, b -> {
            Backend.Conv wide = new Backend.Conv(1, 160, 28, 28, 3, 3, 1);        // x 125,440, w 4,320, y 2,352
            b.conv2d(wide, 0, 126_000, 131_000);
            Backend.Conv manyFilters = new Backend.Conv(1, 3, 56, 56, 40, 3, 1);  // w 1,080, dy 125,440, dx 9,408
            b.conv2dInputGradient(manyFilters, 134_000, 126_000, 260_000);
            // 256 channels of 3x3 at 8x8: transposed columns over local memory (direct), a sum over few positions (over
            // 784, the Java and OpenCL orders of the sum part beyond the tolerance)
            Backend.Conv deep = new Backend.Conv(1, 256, 8, 8, 3, 3, 1);    // x 16,384, dy 192, dW 6,912
            b.conv2dWeightGradient(deep, 20_000, 40_000, 41_000);
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void theKernelsOwnVectorProducts(OpenClBackend.Shape shape) {
        // what a convolution the vector products cannot hold runs on: padded, unpadded, strided, several images
        compare(shape, 8192, OpenClBackend::withoutVectorConvolutions, OpenClBackendTest::paddedUnpaddedAndStrided);
    }

    /** The three products of a padded, an unpadded and a strided convolution of several images, in 8,192 floats. */
    private static void paddedUnpaddedAndStrided(Backend b) {
        Backend.Conv same = new Backend.Conv(3, 2, 8, 9, 3, 5, 2);    // x 432, w 150, y 648
        b.conv2d(same, 0, 500, 700);
        b.conv2dWeightGradient(same, 0, 1400, 2100);
        b.conv2dInputGradient(same, 1400, 500, 2300);
        Backend.Conv valid = new Backend.Conv(2, 2, 7, 7, 3, 5, 0);   // x 196, w 150, y 54
        b.conv2d(valid, 3000, 3200, 3400);
        b.conv2dWeightGradient(valid, 3000, 3400, 3500);
        b.conv2dInputGradient(valid, 3400, 3200, 3700);
        Backend.Conv strided = new Backend.Conv(3, 4, 7, 7, 5, 3, 1, 2); // x 588, w 180, y 240
        b.conv2d(strided, 4000, 4600, 4800);
        b.conv2dWeightGradient(strided, 4000, 4800, 5100);
        b.conv2dInputGradient(strided, 4800, 4600, 5300);
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void convolutionsOfMoreImagesThanTheirWorkItems(OpenClBackend.Shape shape) {
        // on a CPU device a work-item takes a run of images (the weight gradient summed over it): 19 images over a few
        // work-items per compute unit are runs of different lengths, in one chunk and in chunks of 12 (small images: the
        // weight gradient's order of the sum differs from Java's)
        Backend.Conv many = new Backend.Conv(19, 2, 3, 4, 3, 3, 1);   // x 456, dy 684, dW 54, dx 456
        compare(shape, 2048, b -> {
            b.conv2dWeightGradient(many, 0, 500, 1200);
            b.conv2d(many, 0, 1200, 1300);
            b.conv2dInputGradient(many, 500, 1200, 1300);
        });
        compare(shape, 2048, b -> b.inColumnChunksOf(12 * 3 * 18), b -> b.conv2dWeightGradient(many, 0, 500, 1200));
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void convolutionsOverSeveralChunksOfImages(OpenClBackend.Shape shape) {
        // every image a chunk of its own on a CPU device: the weight gradient adds each chunk's images to the chunks'
        // before it, and each launch finds its images from the chunk's first
        compare(shape, 8192, b -> b.inColumnChunksOf(1), OpenClBackendTest::paddedUnpaddedAndStrided);
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void convolutionAndPoolingForwardAndBackward(OpenClBackend.Shape shape) {
        compare(shape, b -> {
            // the regions must not overlap: a kernel that writes where it reads gives an order-dependent result (the
            // output once started inside the weights, 400 < 300 + 108, and an NVIDIA GPU computed it in another order)
            Backend.Conv same = new Backend.Conv(2, 3, 6, 5, 4, 3, 1);   // 2 images, 3 channels 6x5, 4 filters 3x3, pad 1
            b.conv2d(same, 0, 300, 410);                                   // x 0-179, w 300-407, y 410-649
            b.conv2dWeightGradient(same, 0, 700, 1000);
            b.conv2dInputGradient(same, 700, 300, 1200);
            Backend.Conv valid = new Backend.Conv(1, 2, 7, 7, 3, 5, 0);
            b.conv2d(valid, 1500, 1700, 1900);
            Backend.Pool pool = new Backend.Pool(2, 3, 6, 4, 2);          // 144 in, 36 out
            b.maxPool(pool, 2000, 2200, 2300);
            b.maxPoolGradient(pool, 2400, 2300, 2500);
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void maxPoolingWithTiesAndOddSides(OpenClBackend.Shape shape) {
        compare(shape, b -> {
            // 7 x 21: three rows of ten windows, the last row and column in none; ReLU first leaves ties of zeros, where
            // the first of the window's equal values is its maximum
            Backend.Pool pool = new Backend.Pool(2, 2, 7, 21, 2);          // 588 in, 120 out
            b.activation(ActivationFunction.RELU, 588, 0, 600);
            b.maxPool(pool, 600, 1200, 1400);
            b.maxPoolGradient(pool, 1600, 1400, 1800);
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void activationsAdditionsPoolingAndBatchNormalisationForwardAndBackward(OpenClBackend.Shape shape) {
        compare(shape, 5400, b -> {
            for (ActivationFunction f : ActivationFunction.values()) {
                int y = 200 + 200 * f.ordinal();
                b.activation(f, 200, 0, y);
                b.activationGradient(f, 200, 0, y, 1200, 1400 + 200 * f.ordinal());
            }
            b.add(300, 2400, 2700, 3000);
            b.copy(300, 3000, 3300);
            Backend.Pool pool = new Backend.Pool(2, 3, 6, 4, 2);           // 144 in, 36 out
            b.avgPool(pool, 3600, 3800);
            b.avgPoolGradient(pool, 3850, 3900);
            b.groupMean(12, 10, 4100, 4250);
            b.groupMeanGradient(12, 10, 4270, 4300);
            // the running variance is never negative
            b.download();
            for (int i = 4713; i < 4716; i++) {
                b.memory()[i] = Math.abs(b.memory()[i]) + 0.1f;
            }
            b.upload();
            Backend.Norm norm = new Backend.Norm(4, 3, 5, 0.1f, 1e-5f);     // 60 values, 3 channels
            b.batchNorm(norm, 4500, 4600, 4700, 4710, 4720, true);
            b.batchNorm(norm, 4500, 4800, 4700, 4710, 4730, false);
            b.batchNormGradient(norm, 4500, 4900, 5000, 4700, 4720, 5100);
            b.batchNormGradient(norm, 4500, 4900, -1, 4700, 4720, 5110);
            b.batchNormGradient(norm, 4500, 4900, 5200, 4700, 4720, -1);
            Backend.Norm vector = new Backend.Norm(8, 5, 1, 0.5f, 1e-3f);
            b.batchNorm(vector, 5270, 5310, 5350, 5360, 5370, true);
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void stridedConvolutionsForwardAndBackward(OpenClBackend.Shape shape) {
        compare(shape, 7000, b -> {
            Backend.Conv two = new Backend.Conv(2, 3, 7, 6, 4, 3, 1, 2);   // 4x3 outputs: x 252, w 108, y 96
            b.conv2d(two, 5300, 5600, 5800);
            b.conv2dWeightGradient(two, 5300, 5900, 6000);
            b.conv2dInputGradient(two, 5900, 5600, 6200);
            Backend.Conv three = new Backend.Conv(1, 2, 8, 8, 3, 2, 0, 3); // 3x3 outputs: x 128, w 24, y 27
            b.conv2d(three, 6500, 6700, 6750);
            b.conv2dWeightGradient(three, 6500, 6780, 6810);
            b.conv2dInputGradient(three, 6780, 6700, 6850);
            Backend.Conv projection = new Backend.Conv(2, 3, 5, 5, 2, 1, 0, 2);
            b.conv2d(projection, 100, 300, 400);
            b.conv2dInputGradient(projection, 400, 300, 500);
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void lossesAndOptimisers(OpenClBackend.Shape shape) {
        compare(shape, b -> {
            float[] x = new float[8 * 3];
            b.stageBatch(x, 0, 8, 3, new int[]{3, 0, 2, 1, 4, 4, 0, 1}, 0);
            Backend.LossResult ce = b.softmaxCrossEntropy(8, 5, 0, 100);
            assertTrue(ce.meanLoss() > 0 && ce.correct() >= 0);
            // targets other than the zeros the arrays start with: a staging that never reached the device would show
            float[] targets = new float[32];
            for (int i = 0; i < targets.length; i++) {
                targets[i] = i % 7 - 3f;
            }
            b.stageBatch(x, 0, 8, 3, targets, 0);
            Backend.LossResult mse = b.meanSquaredError(8, 4, 200, 300);
            assertTrue(mse.meanLoss() > 0);
            // Adam's second moment is never negative
            b.download();
            for (int i = 1900; i < 2200; i++) {
                b.memory()[i] = Math.abs(b.memory()[i]);
            }
            b.upload();
            b.adam(300, 1000, 1300, 1600, 1900, 1e-2f, 0.9f, 0.999f, 1e-8f, 0.01f, 3);
            b.sgd(300, 2200, 2500, 2800, 0.1f, 0.9f, 1e-4f);
        });
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void embeddingBagForwardGradientAndSparseSteps(OpenClBackend.Shape shape) {
        compare(shape, 2000, b -> {
            // 4 rows over 20 ids: ids shared between rows, an empty row, and a row with more ids than the bag keeps (5)
            b.download();
            float[] mem = b.memory();
            java.util.Arrays.fill(mem, 0, 80, 0f);
            int[][] rows = {{2, 5, 7}, {5, 19}, {}, {0, 1, 2, 3, 4, 5, 6}};
            for (int r = 0; r < rows.length; r++) {
                for (int id : rows[r]) {
                    mem[r * 20 + id] = 0.25f + 0.1f * id;
                }
            }
            for (int i = 1000; i < 1126; i++) {
                mem[i] = Math.abs(mem[i]);   // Adam's second moments
            }
            b.upload();
            Backend.Bag bag = new Backend.Bag(4, 20, 6, 5);
            b.embeddingBag(bag, 0, 100, 300, 400);          // table and bias 100..226, ids 300..324, y 400..424
            b.embeddingBagGradient(bag, 0, 500, 300, 600);  // dy 500..524, table gradient 600..720
            b.adamRows(bag, 300, 100, 600, 800, 1000, 1e-2f, 0.9f, 0.999f, 1e-8f, 0.01f, 3);
            b.embeddingBagGradient(bag, 0, 500, 300, 1300);
            b.sgdRows(bag, 300, 1700, 1300, 1500, 0.1f, 0.9f, 1e-4f);
        });
    }

    @Test
    void readingARangeGivesWhatADownloadGivesWithoutTheRest() {
        // launched as on a GPU: the device keeps its own copy of the memory (a CPU-shaped backend works on the array)
        try (Backend cl = new OpenClBackend(device, OpenClBackend.Shape.ELEMENT, true)) {
            cl.allocate(4000, 16, 4, 0);
            for (int i = 0; i < 4000; i++) {
                cl.memory()[i] = i;
            }
            cl.upload();
            cl.add(100, 0, 1000, 2000);   // on the device only until read
            java.util.Arrays.fill(cl.memory(), -1f);
            float[] into = new float[120];
            cl.read(1990, 30, into, 5);
            cl.read(2050, 50, into, 35);  // a smaller read after a larger one reuses the copy
            for (int i = 0; i < 30; i++) {
                int offset = 1990 + i;
                assertEquals(offset < 2000 ? offset : (offset - 2000) + (offset - 1000), into[5 + i], "value " + offset);
            }
            for (int i = 0; i < 50; i++) {
                assertEquals(2 * (50 + i) + 1000, into[35 + i], "value " + (2050 + i));
            }
            assertEquals(-1f, cl.memory()[2000], "the host copy of the memory is left as it was");
            float[] large = new float[OpenClBackend.VIEW_LIMIT + 1];
            cl.allocate(OpenClBackend.VIEW_LIMIT + 10, 16, 4, 0);
            java.util.Arrays.fill(cl.memory(), 3f);
            cl.upload();
            cl.read(5, large.length, large, 0);
            assertEquals(3f, large[large.length - 1], "a large read downloads the memory");
        }
    }

    @ParameterizedTest(name = "shape {0}")
    @EnumSource(OpenClBackend.Shape.class)
    void augmentationShiftsAndFlipsTheStagedImagesAsJavaDoes(OpenClBackend.Shape shape) {
        compare(shape, 1000, b -> {
            float[] images = new float[4 * 2 * 6 * 5];
            for (int i = 0; i < images.length; i++) {
                images[i] = 1 + i;
            }
            b.stageBatch(images, 0, 4, 60, new int[]{0, 1, 2, 3}, 0);
            Backend.Images batch = new Backend.Images(4, 2, 6, 5);
            // seeds whose draws cover shifts both ways, none, and flips and none
            for (int seed = 0; seed < 3; seed++) {
                b.augment(batch, 2, true, 11 * seed, 240 * seed);
            }
            b.augment(batch, 1, false, 5, 720);
        });
    }

    /** The networks of {@link #otherNetworksTrainOnOpenClAsOnJava}: each takes other fused and unfused paths. */
    enum Variant {
        /** three dense layers, dropout on the hidden ones (no ReLU folded into the input gradient), SGD with momentum in the first layer's launch */
        DROPOUT_SGD,
        /** the same with the first layer frozen: gradients stop at the second layer, the optimiser runs on its own */
        FIRST_FROZEN,
        /** the zoo's CNN, small: a convolution takes the staged batch, the dense head its softmax */
        CNN,
        /** a written architecture: strided convolutions, batch normalisation, residual blocks with and without projection, GELU */
        RESIDUAL,
        /** an embedding bag over the pixels (most are 0), its rows stepped sparsely by SGD, then tanh and the output */
        EMBEDDING_BAG
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void otherNetworksTrainOnOpenClAsOnJava(Variant variant) throws Exception {
        // SGD for the residual network: the bias of a convolution before batch normalisation has a gradient of rounding
        // noise only (normalising removes it), which Adam scales up to steps of the full learning rate, in random directions
        Optimizer optimizer = variant == Variant.CNN ? Optimizer.Adam.of(1e-3f) : new Optimizer.Sgd(0.05f, 0.9f, 1e-4f);
        Trained[] runs = trainOnJavaAndOpenCl(backend -> variant == Variant.CNN
                ? Network.cnn(new org.mlarena.numerics.nn.Shape(1, 28, 28), 4, 8, 16, 10, backend, 50)
                : variant == Variant.RESIDUAL ? Architecture.compile(RESIDUAL, new org.mlarena.numerics.nn.Shape(1, 28, 28), 10, 1 << 20)
                        .network(Network.Loss.SOFTMAX_CROSS_ENTROPY, backend, 50)
                : variant == Variant.EMBEDDING_BAG ? Architecture.compile("{\"layers\": [{\"type\": \"embedding_bag\", \"dimension\": 12,"
                        + " \"entries\": 300}, {\"type\": \"tanh\"}]}", org.mlarena.numerics.nn.Shape.vector(784), 10, 1 << 20)
                        .network(Network.Loss.SOFTMAX_CROSS_ENTROPY, backend, 50)
                : Network.dense(new int[]{784, 48, 32, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, backend, 50, 0.2f),
                5, net -> net.freeze(0, variant == Variant.FIRST_FROZEN), variant == Variant.RESIDUAL ? 4 : variant == Variant.EMBEDDING_BAG ? 2 : 1, optimizer);
        assertEquals(runs[0].result().accuracy(), runs[1].result().accuracy(), 0.01, "accuracy, Java vs OpenCL");
        assertEquals(runs[0].result().loss(), runs[1].result().loss(), 1e-3, "loss, Java vs OpenCL");
        double maxDiff = largestDifference(runs);
        assertTrue(maxDiff < 1e-3, "largest weight difference " + maxDiff);
        assertTrue(runs[0].result().loss() < 2.2, "the network learnt something (loss " + runs[0].result().loss() + ")");
    }

    private static final String RESIDUAL = """
            {"layers": [
              {"type": "conv2d", "filters": 6, "kernel": 3, "stride": 2, "padding": 1}, {"type": "batchnorm"}, {"type": "relu"},
              {"type": "residual", "layers": [{"type": "conv2d", "filters": 6, "kernel": 3, "padding": 1}, {"type": "batchnorm"}, {"type": "gelu"}]},
              {"type": "avgpool", "size": 2},
              {"type": "residual", "layers": [{"type": "conv2d", "filters": 8, "kernel": 3, "stride": 2, "padding": 1}, {"type": "batchnorm"}]},
              {"type": "leaky_relu"}, {"type": "dropout", "rate": 0.1}, {"type": "globalavgpool"}, {"type": "dense", "units": 16}, {"type": "sigmoid"}
            ]}""";

    @Test
    void lbfgsOnOpenClReachesTheMinimumJavaReaches() {
        SplittableRandom random = new SplittableRandom(23);
        int rows = 200;
        float[] x = new float[rows * 6];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = r % 3;
            for (int f = 0; f < 6; f++) {
                x[r * 6 + f] = (float) (random.nextGaussian() + (f % 3 == labels[r] ? 1 : 0));
            }
        }
        ClassificationData data = new ClassificationData(x, labels, 6, 3);
        float[][] weights = new float[2][];
        int[] iterations = new int[2];
        Backend[] backends = {new JavaBackend(), new OpenClBackend(device)};
        for (int i = 0; i < 2; i++) {
            // batches of 64: the gradients of four launches summed on the host
            try (Network net = Network.dense(new int[]{6, 3}, Network.Loss.SOFTMAX_CROSS_ENTROPY, backends[i], 64)) {
                net.initialise(2);
                Lbfgs solver = new Lbfgs(1f / rows);
                while (iterations[i] < 100 && !solver.iterate(net, data).converged()) {
                    iterations[i]++;
                }
                weights[i] = new float[net.parameterCount()];
                net.backend().read(0, weights[i].length, weights[i], 0);
            }
        }
        assertTrue(iterations[0] < 100 && iterations[1] < 100, "both converged: " + java.util.Arrays.toString(iterations));
        for (int p = 0; p < weights[0].length; p++) {
            assertEquals(weights[0][p], weights[1][p], 1e-2, "parameter " + p + " (the gradient tolerance, 1e-4, over the penalty, 1/200, bounds it)");
        }
    }

    @Test
    void trainingOnOpenClMatchesJavaWithinTolerance() throws Exception {
        Trained[] runs = trainOnJavaAndOpenCl(backend -> Network.dense(new int[]{784, 64, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY,
                backend, 50), 9, net -> { }, 2, Optimizer.Adam.of(1e-3f));
        assertEquals(runs[0].result().accuracy(), runs[1].result().accuracy(), 0.01, "accuracy, Java vs OpenCL");
        assertEquals(runs[0].result().loss(), runs[1].result().loss(), 1e-3, "loss, Java vs OpenCL");
        double maxDiff = largestDifference(runs);
        // stated tolerance: after 20 Adam steps, every weight within 1e-3 of the Java run
        assertTrue(maxDiff < 1e-3, "largest weight difference " + maxDiff);
    }

    /** What a training run leaves: its evaluation on the training data and its parameters. */
    private record Trained(Trainer.Evaluation result, float[] weights) {
    }

    /** The same network, seed and training (batches of 50 of the shipped Fashion-MNIST subset) on Java, then on OpenCL. */
    private static Trained[] trainOnJavaAndOpenCl(java.util.function.Function<Backend, Network> network, long seed,
                                                  Consumer<Network> prepare, int epochs, Optimizer optimizer) throws Exception {
        Path subset = Path.of("src/main/resources/fashion-mnist-subset");
        ClassificationData data = ClassificationData.of(LabelledImages.readIdx(subset.resolve("t10k-images-idx3-ubyte.gz"),
                subset.resolve("t10k-labels-idx1-ubyte.gz")));
        Backend[] backends = {new JavaBackend(), new OpenClBackend(device)};
        Trained[] runs = new Trained[2];
        for (int i = 0; i < 2; i++) {
            try (Network net = network.apply(backends[i])) {
                net.initialise(seed);
                prepare.accept(net);
                Trainer.fit(net, data, data, epochs, 50, optimizer, 4, null);
                Trainer.Evaluation result = Trainer.evaluate(net, data);
                net.backend().download();
                runs[i] = new Trained(result, java.util.Arrays.copyOf(net.backend().memory(), net.parameterCount()));
            }
        }
        return runs;
    }

    private static double largestDifference(Trained[] runs) {
        double maxDiff = 0;
        for (int i = 0; i < runs[0].weights().length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs(runs[0].weights()[i] - runs[1].weights()[i]));
        }
        return maxDiff;
    }

    @Test
    void launchesSpreadOverTheComputeUnitsWithinTheDeviceLimit() {
        com.aparapi.device.OpenCLDevice target = OpenClDevices.find(device);
        int limit = OpenClBackend.localLimit(target);
        for (int global : new int[]{1, 7, 8, 32, 97, 256, 1024, 4096, 57_344, 1 << 20}) {
            com.aparapi.Range range = OpenClBackend.range(target, true, 2, global, 0);
            int local = range.getLocalSize_0();
            assertEquals(global, range.getGlobalSize_0());
            assertEquals(0, global % local, global + " is a whole number of groups of " + local);
            assertTrue(local <= limit, "local size " + local + " within the device's " + limit + " for " + global);
            if (global >= 8) {
                assertTrue(global / local >= 8 || local == 1, "at least four groups per compute unit for " + global + ": " + global / local);
            }
        }
    }

    /** A GPU launch is whole groups of the kernel's group size, rounded up past the work-items (the kernel skips the rest). */
    @Test
    void gpuLaunchesAreWholeGroupsCoveringEveryWorkItem() {
        OpenCLDevice target = OpenClDevices.find(device);
        for (int global : new int[]{1, 31, 256, 257, 203_530, 128 * 256}) {
            com.aparapi.Range range = OpenClBackend.range(target, false, 132, global, 256);
            int local = range.getLocalSize_0();
            assertEquals(256, local, "one group size whatever the launch (PoCL compiles a kernel again for every new one): " + global);
            assertEquals(0, range.getGlobalSize_0() % local, "whole groups for " + global);
            assertTrue(range.getGlobalSize_0() >= global && range.getGlobalSize_0() - global < local,
                    "covers " + global + " with less than one group to spare: " + range.getGlobalSize_0());
        }
    }
}
