package org.mlarena.numerics.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.mlarena.numerics.data.LabelledImages;

/** The dense network on the plain-Java reference backend: gradients, FLOPs, determinism, learning. */
class NetworkTest {

    static final Path SUBSET = Path.of("src/main/resources/fashion-mnist-subset");

    static ClassificationData fashion(String split) throws Exception {
        return ClassificationData.of(LabelledImages.readIdx(SUBSET.resolve(split + "-images-idx3-ubyte.gz"),
                SUBSET.resolve(split + "-labels-idx1-ubyte.gz")));
    }

    private static float[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(-1, 1);
        }
        return x;
    }

    /** Central differences of the loss against the analytic gradient, for every parameter. */
    private static void checkGradients(Network.Loss loss) {
        int rows = 4;
        int[] sizes = {6, 5, 4, 3};
        Network net = Network.dense(sizes, loss, new JavaBackend(), rows);
        net.initialise(3);
        float[] inputs = random(rows * 6, 11);
        if (loss == Network.Loss.SOFTMAX_CROSS_ENTROPY) {
            net.backend().stageBatch(inputs, 0, rows, 6, new int[]{0, 2, 1, 2}, 0);
        } else {
            net.backend().stageBatch(inputs, 0, rows, 6, random(rows * 3, 12), 0);
        }
        int checked = checkGradients(net, rows, 1e-2);
        assertEquals(6 * 5 + 5 + 5 * 4 + 4 + 4 * 3 + 3, checked);
    }

    /** Compares every parameter's gradient with central differences; answers how many were checked. */
    private static int checkGradients(Network net, int rows, double h) {
        net.computeGradients(rows);
        float[] mem = net.backend().memory();
        float[] analytic = Arrays.copyOfRange(mem, net.gradientBase(), net.gradientBase() + net.parameterCount());
        int checked = 0;
        for (int p = 0; p < net.parameterCount(); p++) {
            float original = mem[p];
            mem[p] = (float) (original + h);
            double plus = net.evaluate(rows).meanLoss();
            mem[p] = (float) (original - h);
            double minus = net.evaluate(rows).meanLoss();
            mem[p] = original;
            double numeric = (plus - minus) / (2 * h);
            double error = Math.abs(numeric - analytic[p]);
            int at = p;
            assertTrue(error <= 2e-3 + 2e-2 * Math.abs(numeric),
                    () -> net + " parameter " + at + ": analytic " + analytic[at] + " vs finite differences " + numeric);
            checked++;
        }
        return checked;
    }

    private static Network tinyCnn(Backend backend, int rows) {
        return new Network(new Shape(1, 8, 8), List.of(
                new LayerSpec.Conv2d(2, 3, 1, true), new LayerSpec.MaxPool(2),
                new LayerSpec.Conv2d(3, 3, 1, true), new LayerSpec.MaxPool(2),
                new LayerSpec.Dense(4, true, 0f), new LayerSpec.Dense(3, false, 0f)),
                Network.Loss.SOFTMAX_CROSS_ENTROPY, backend, rows);
    }

    @Test
    void gradientsOfConvolutionPoolingAndDenseLayersMatchFiniteDifferences() {
        Network net = tinyCnn(new JavaBackend(), 2);
        net.initialise(8);
        net.backend().stageBatch(random(2 * 64, 21), 0, 2, 64, new int[]{2, 0}, 0);
        int checked = checkGradients(net, 2, 1e-3);
        assertEquals((2 * 9 + 2) + (3 * 2 * 9 + 3) + (3 * 2 * 2 * 4 + 4) + (4 * 3 + 3), checked);
    }

    @Test
    void theCnnCountsItsFlopsExactlyAndLearnsTheSubset() throws Exception {
        ClassificationData train = fashion("train");
        ClassificationData test = fashion("t10k");
        Network cnn = Network.cnn(new Shape(1, 28, 28), 4, 8, 32, 10, new JavaBackend(), 50);
        assertEquals((4 * 25 + 4) + (8 * 4 * 25 + 8) + (8 * 7 * 7 * 32 + 32) + (32 * 10 + 10), cnn.parameterCount());
        // first convolution with 'same' padding: 2 * 4 filters * (taps inside the 28x28 image per axis)^2
        long taps = 0;
        for (int o = 0; o < 28; o++) {
            for (int q = 0; q < 5; q++) {
                taps += (o + q - 2 >= 0 && o + q - 2 < 28) ? 1 : 0;
            }
        }
        assertEquals(6, cnn.layers());
        assertEquals(2 * 4 * taps * taps + 2L * 4 * 28 * 28 + 4 * 14 * 14 * 3, firstBlockFlops(),
                "conv 5x5 'same' (only taps inside the image), bias + ReLU, 2x2 pooling (3 comparisons per window)");
        cnn.initialise(3);
        Optimizer adam = Optimizer.Adam.of(2e-3f);
        ClassificationData first1000 = new ClassificationData(Arrays.copyOf(train.inputs(), 1000 * 784),
                Arrays.copyOf(train.labels(), 1000), 784, 10);
        List<Trainer.Epoch> curve = Trainer.fit(cnn, first1000, test, 3, 50, adam, 3, null);
        long expected = 3 * (20 * cnn.trainingFlops(50, adam) + 10 * (50 * cnn.inferenceFlopsPerSample()
                + Flops.softmaxCrossEntropy(50, 10)));
        assertEquals(expected, cnn.backend().flops(), "FLOPs of 3 epochs: 20 training and 10 evaluation batches each");
        assertTrue(curve.get(2).validationAccuracy() > 0.65, curve.toString());
    }

    /** FLOPs of the CNN's conv1 (with bias and ReLU) and first pooling for one sample, as a network counts them. */
    private static long firstBlockFlops() {
        Network firstBlock = new Network(new Shape(1, 28, 28), List.of(new LayerSpec.Conv2d(4, 5, 2, true), new LayerSpec.MaxPool(2),
                new LayerSpec.Dense(1, false, 0f)), Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 1);
        return firstBlock.inferenceFlopsPerSample() - Flops.matmul(1, 1, 4 * 14 * 14, false) - Flops.addBias(1, 1, false);
    }

    @Test
    void gradientsOfEveryDenseLayerMatchFiniteDifferencesWithCrossEntropy() {
        checkGradients(Network.Loss.SOFTMAX_CROSS_ENTROPY);
    }

    @Test
    void gradientsOfEveryLayerMatchFiniteDifferencesWithMeanSquaredError() {
        checkGradients(Network.Loss.MEAN_SQUARED_ERROR);
    }

    @Test
    void sizeAndFlopsFollowTheArchitecture() {
        Network mlp = Network.dense(new int[]{784, 256, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 8);
        assertEquals(784 * 256 + 256 + 256 * 10 + 10, mlp.parameterCount());
        assertEquals(4L * mlp.parameterCount(), mlp.parameterBytes());
        // 2 per multiply-add, plus bias (and ReLU on the hidden layer)
        assertEquals(2L * 784 * 256 + 2 * 256 + 2L * 256 * 10 + 10, mlp.inferenceFlopsPerSample());
        Network logistic = Network.dense(new int[]{4, 3}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 8);
        assertEquals(15, logistic.parameterCount());
        assertEquals(2 * 4 * 3 + 3, logistic.inferenceFlopsPerSample());
    }

    @Test
    void theFlopsCountedByEveryLaunchEqualTheAnalyticCountOfTheRun() throws Exception {
        ClassificationData train = fashion("t10k");
        Network net = Network.dense(new int[]{784, 32, 16, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 64);
        net.initialise(1);
        Optimizer adam = Optimizer.Adam.of(1e-3f);
        Trainer.fit(net, train, train, 2, 64, adam, 5, null);
        // 500 rows: 7 batches of 64 and one of 52 per epoch; evaluation in batches of 64 (7 x 64 + 52)
        long perEpoch = 7 * net.trainingFlops(64, adam) + net.trainingFlops(52, adam)
                + 7 * evaluationFlops(net, 64) + evaluationFlops(net, 52);
        assertEquals(2 * perEpoch, net.backend().flops());
    }

    private static long evaluationFlops(Network net, int rows) {
        return rows * net.inferenceFlopsPerSample() + Flops.softmaxCrossEntropy(rows, net.outputs());
    }

    @Test
    void dropoutKeepsTheExpectedShareScalesItAndIsCountedInTheFlops() throws Exception {
        ClassificationData data = fashion("t10k");
        Network net = Network.dense(new int[]{784, 200, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 100, 0.3f);
        net.initialise(5);
        Optimizer sgd = new Optimizer.Sgd(0.05f, 0.9f, 0f);
        net.backend().stageBatch(data.inputs(), 0, 100, 784, data.labels(), 0);
        long before = net.backend().flops();
        net.trainStep(100, sgd);
        assertEquals(net.trainingFlops(100, sgd), net.backend().flops() - before);
        // the mask of the hidden layer: 0 or 1/0.7, kept for about 70 % of the 20,000 activations
        float[] mem = net.backend().memory();
        int maskStart = net.outputOffset() - 3 * 100 * 200; // layout: out0, grad0, mask0, out1
        int kept = 0;
        for (int i = 0; i < 100 * 200; i++) {
            float f = mem[maskStart + 2 * 100 * 200 + i];
            assertTrue(f == 0f || Math.abs(f - 1f / 0.7f) < 1e-6, "mask value " + f);
            kept += f > 0 ? 1 : 0;
        }
        assertEquals(0.7, kept / 20000.0, 0.015);
        // and a network with dropout still learns (evaluation runs without dropout)
        Network fresh = Network.dense(new int[]{784, 200, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 100, 0.3f);
        fresh.initialise(6);
        List<Trainer.Epoch> curve = Trainer.fit(fresh, data, data, 5, 50, Optimizer.Adam.of(1e-3f), 2, null);
        assertTrue(curve.get(4).validationAccuracy() > 0.7, curve.toString());
    }

    @Test
    void frozenLayersKeepTheirWeightsAndCostNoGradient() throws Exception {
        ClassificationData data = fashion("t10k");
        Network net = Network.dense(new int[]{784, 32, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 50);
        net.initialise(2);
        net.freeze(0, true);
        float[] before = Arrays.copyOfRange(net.backend().memory(), net.weightOffset(0), net.biasOffset(0) + 32);
        float[] headBefore = Arrays.copyOfRange(net.backend().memory(), net.weightOffset(1), net.weightOffset(1) + 320);
        Optimizer adam = Optimizer.Adam.of(1e-2f);
        long flops = net.backend().flops();
        net.backend().stageBatch(data.inputs(), 0, 50, 784, data.labels(), 0);
        net.trainStep(50, adam);
        assertEquals(net.trainingFlops(50, adam), net.backend().flops() - flops);
        assertArrayEquals(before, Arrays.copyOfRange(net.backend().memory(), net.weightOffset(0), net.biasOffset(0) + 32));
        assertTrue(!Arrays.equals(headBefore, Arrays.copyOfRange(net.backend().memory(), net.weightOffset(1), net.weightOffset(1) + 320)));
    }

    @Test
    void theSameSeedGivesTheSameWeightsBitForBit() throws Exception {
        ClassificationData data = fashion("t10k");
        float[][] weights = new float[2][];
        for (int run = 0; run < 2; run++) {
            Network net = Network.dense(new int[]{784, 24, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 32);
            net.initialise(42);
            Trainer.fit(net, data, data, 1, 32, new Optimizer.Sgd(0.05f, 0.9f, 1e-4f), 7, null);
            weights[run] = Arrays.copyOf(net.backend().memory(), net.parameterCount());
        }
        assertArrayEquals(weights[0], weights[1]);
    }

    @Test
    void anMlpLearnsFashionMnistFromTheShippedSubset() throws Exception {
        ClassificationData train = fashion("train");
        ClassificationData test = fashion("t10k");
        Network net = Network.dense(new int[]{784, 128, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 64);
        net.initialise(1);
        List<Trainer.Epoch> curve = Trainer.fit(net, train, test, 5, 64, Optimizer.Adam.of(1e-3f), 1, null);
        Trainer.Epoch last = curve.get(curve.size() - 1);
        assertTrue(last.trainLoss() < curve.get(0).trainLoss(), "the training loss falls: " + curve);
        // 2,000 training images, 5 epochs: about 80 % on the 500 test images (a full-data MLP reaches about 88 %)
        assertTrue(last.validationAccuracy() >= 0.75, "test accuracy " + last.validationAccuracy() + " below 0.75: " + curve);
    }

    @Test
    void linearAndMlpRegressorsFitANoisyFunction() {
        SplittableRandom random = new SplittableRandom(3);
        int rows = 800;
        float[] x = new float[rows * 2];
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            x[2 * i] = (float) random.nextDouble(-1, 1);
            x[2 * i + 1] = (float) random.nextDouble(-1, 1);
            y[i] = (float) (3 * x[2 * i] - 2 * x[2 * i + 1] + 0.5 + 0.8 * x[2 * i] * x[2 * i] + random.nextGaussian() * 0.05);
        }
        RegressionData data = new RegressionData(x, y, 2, 1);
        Network linear = Network.dense(new int[]{2, 1}, Network.Loss.MEAN_SQUARED_ERROR, new JavaBackend(), 32);
        linear.initialise(1);
        List<Trainer.Epoch> linearCurve = Trainer.fit(linear, data, data, 40, 32, Optimizer.Adam.of(3e-2f), 1, null);
        Network mlp = Network.dense(new int[]{2, 32, 1}, Network.Loss.MEAN_SQUARED_ERROR, new JavaBackend(), 32);
        mlp.initialise(1);
        List<Trainer.Epoch> mlpCurve = Trainer.fit(mlp, data, data, 40, 32, Optimizer.Adam.of(1e-2f), 1, null);
        double linearMse = linearCurve.get(39).validationLoss();
        double mlpMse = mlpCurve.get(39).validationLoss();
        // the quadratic term (variance of 0.8 x^2 is about 0.057) is what a linear model cannot fit
        assertTrue(linearMse < 0.08, "linear MSE " + linearMse);
        assertTrue(mlpMse < 0.02 && mlpMse < linearMse, "MLP MSE " + mlpMse + " vs linear " + linearMse);
        assertTrue(Double.isNaN(mlpCurve.get(0).validationAccuracy()), "no accuracy for regression");
    }

    /**
     * 600 texts of three topics (one word in three on topic, the rest filler) as bags of words of {@code buckets}: 400
     * training rows, then 200 test rows.
     */
    private static ClassificationData[] topics(int buckets) {
        String[][] topics = {
                {"match", "goal", "team", "coach", "league", "season", "striker", "referee", "fans", "stadium"},
                {"recipe", "oven", "sauce", "garlic", "simmer", "flour", "butter", "bake", "spices", "dough"},
                {"server", "compiler", "kernel", "database", "latency", "cluster", "deploy", "cache", "thread", "network"}};
        String[] filler = {"the", "a", "was", "and", "then", "very", "with", "after", "before", "today"};
        SplittableRandom random = new SplittableRandom(5);
        int rows = 600;
        java.util.List<String> texts = new java.util.ArrayList<>();
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            labels[i] = random.nextInt(3);
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                text.append(w % 3 == 0 ? topics[labels[i]][random.nextInt(10)] : filler[random.nextInt(10)]).append(' ');
            }
            texts.add(text.toString());
        }
        float[] vectors = new org.mlarena.numerics.data.BagOfWords(buckets).vectorise(texts);
        return new ClassificationData[]{
                new ClassificationData(Arrays.copyOf(vectors, 400 * buckets), Arrays.copyOf(labels, 400), buckets, 3),
                new ClassificationData(Arrays.copyOfRange(vectors, 400 * buckets, rows * buckets), Arrays.copyOfRange(labels, 400, rows), buckets, 3)};
    }

    @Test
    void aBagOfWordsTextClassifierSeparatesTopics() {
        ClassificationData[] data = topics(512);
        ClassificationData train = data[0];
        ClassificationData test = data[1];
        Network classifier = Network.dense(new int[]{512, 32, 3}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 40);
        classifier.initialise(1);
        List<Trainer.Epoch> curve = Trainer.fit(classifier, train, test, 5, 40, Optimizer.Adam.of(5e-3f), 1, null);
        assertTrue(curve.get(4).validationAccuracy() > 0.95, curve.toString());
    }

    /**
     * An embedding bag is a dense layer (no ReLU) on the bag of words computed sparsely: with every id in every batch, each
     * step updates every row, so that its lazy Adam is plain Adam, and the two networks stay equal step for step.
     */
    @Test
    void anEmbeddingBagTrainsAsADenseLayerOnTheBagWhenEveryIdIsPresent() {
        int rows = 6;
        int vocabulary = 8;
        Network bag = new Network(Shape.vector(vocabulary), List.of(new LayerSpec.EmbeddingBag(5, vocabulary), new LayerSpec.Dense(3, false, 0f)),
                Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), rows);
        Network dense = new Network(Shape.vector(vocabulary), List.of(new LayerSpec.Dense(5, false, 0f), new LayerSpec.Dense(3, false, 0f)),
                Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), rows);
        assertEquals(dense.parameterCount(), bag.parameterCount());
        bag.initialise(4);
        dense.initialise(4);
        System.arraycopy(bag.backend().memory(), 0, dense.backend().memory(), 0, bag.parameterCount());
        dense.backend().upload();
        Optimizer adam = new Optimizer.Adam(0.05f, 0.9f, 0.999f, 1e-8f, 0.01f);
        for (int step = 0; step < 5; step++) {
            float[] inputs = random(rows * vocabulary, 30 + step);
            int[] labels = {0, 1, 2, 2, 1, 0};
            for (Network net : new Network[]{bag, dense}) {
                net.backend().stageBatch(inputs, 0, rows, vocabulary, labels, 0);
                net.trainStep(rows, adam);
            }
        }
        for (int p = 0; p < bag.parameterCount(); p++) {
            assertEquals(dense.backend().memory()[p], bag.backend().memory()[p], 1e-5, "parameter " + p);
        }
        assertEquals(dense.backend().memory()[bag.parameterCount() * 2 + 7], bag.backend().memory()[bag.parameterCount() * 2 + 7], 1e-6,
                "Adam's first moment");
    }

    /**
     * Only the rows of the ids present are read and stepped: the others keep their values and their optimiser state
     * (weight decay included); the gradients match finite differences; the FLOPs counted are the analytic ones.
     */
    @Test
    void anEmbeddingBagStepsOnlyTheRowsOfTheIdsPresent() {
        int rows = 3;
        int vocabulary = 10;
        Network net = new Network(Shape.vector(vocabulary), List.of(new LayerSpec.EmbeddingBag(4, 3), new LayerSpec.Activation(ActivationFunction.TANH),
                new LayerSpec.Dense(2, false, 0f)), Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), rows);
        net.initialise(9);
        float[] inputs = new float[rows * vocabulary];
        inputs[1] = 0.6f;
        inputs[4] = 0.8f;
        inputs[vocabulary + 4] = 1f;
        // the third row has four ids: the bag keeps the first three (2, 5, 6), id 9 is not read
        inputs[2 * vocabulary + 2] = 0.5f;
        inputs[2 * vocabulary + 5] = 0.5f;
        inputs[2 * vocabulary + 6] = 0.5f;
        inputs[2 * vocabulary + 9] = 0.5f;
        net.backend().stageBatch(inputs, 0, rows, vocabulary, new int[]{0, 1, 1}, 0);
        assertEquals(4 * 10 + 4 + 4 * 2 + 2, checkGradients(net, rows, 1e-3));

        float[] mem = net.backend().memory();
        int p = net.parameterCount();
        float[] before = Arrays.copyOf(mem, 4 * p);
        long flopsBefore = net.backend().flops();
        Optimizer adam = new Optimizer.Adam(0.01f, 0.9f, 0.999f, 1e-8f, 0.1f);
        net.trainStep(rows, adam);
        assertEquals(net.trainingFlops(rows, adam), net.backend().flops() - flopsBefore);
        java.util.Set<Integer> present = java.util.Set.of(1, 2, 4, 5, 6);
        for (int id = 0; id < vocabulary; id++) {
            for (int d = 0; d < 4; d++) {
                int e = id * 4 + d;
                if (present.contains(id)) {
                    assertTrue(mem[e] != before[e] && mem[2 * p + e] != 0f, "row " + id + " is stepped");
                    assertEquals(0f, mem[p + e], "and its gradient is left at zero");
                } else {
                    for (int region = 0; region < 4; region++) {
                        assertEquals(before[region * p + e], mem[region * p + e], "row " + id + " is not touched (region " + region + ")");
                    }
                }
            }
        }
    }

    @Test
    void anEmbeddingBagTextClassifierSeparatesTopics() {
        int buckets = 4096;
        ClassificationData[] data = topics(buckets);
        ClassificationData train = data[0];
        ClassificationData test = data[1];
        Network classifier = Architecture.compile("{\"layers\": [{\"type\": \"embedding_bag\", \"dimension\": 16}, {\"type\": \"relu\"}]}",
                Shape.vector(buckets), 3, Architecture.MAX_PARAMETERS).network(Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 40);
        classifier.initialise(1);
        List<Trainer.Epoch> curve = Trainer.fit(classifier, train, test, 5, 40, Optimizer.Adam.of(1e-2f), 1, null);
        assertTrue(curve.get(4).validationAccuracy() > 0.95, curve.toString());
    }

    @Test
    void wrongShapesAndSettingsAreRefusedWithTheirValues() {
        assertThrows(IllegalArgumentException.class, () -> Network.dense(new int[]{784}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 8));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> Network.dense(new int[]{784, 0, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 8));
        assertEquals("layer sizes must be positive, got [784, 0, 10]", zero.getMessage());
        assertEquals("the learning rate must be positive, got -1.0",
                assertThrows(IllegalArgumentException.class, () -> Optimizer.Adam.of(-1f)).getMessage());
        Network net = Network.dense(new int[]{3, 2}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 4);
        ClassificationData wide = new ClassificationData(new float[8], new int[]{0, 1}, 4, 2);
        assertEquals("the data has 4 features but the network takes 3",
                assertThrows(IllegalArgumentException.class, () -> Trainer.evaluate(net, wide)).getMessage());
        assertEquals("row 1, feature 0 is Infinity; inputs must be finite numbers, or NaN where a value is missing",
                assertThrows(IllegalArgumentException.class,
                        () -> new ClassificationData(new float[]{0, 0, Float.POSITIVE_INFINITY, 0}, new int[]{0, 1}, 2, 2)).getMessage());
    }
}
