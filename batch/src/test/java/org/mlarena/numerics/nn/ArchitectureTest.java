package org.mlarena.numerics.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Architectures as teams write them: every kind of mistake, the shapes, the figures, and the new layers' gradients. */
class ArchitectureTest {

    private static final Shape IMAGE = new Shape(1, 28, 28);
    private static final Shape TABLE = Shape.vector(12);

    /**
     * Every layer type once: convolutions with and without stride, both residual kinds, batch norm on images and vectors,
     * the smooth activations (finite differences across the kink of a ReLU after batch normalisation, where most values
     * sit near 0, are not derivatives: the piecewise ones are checked on their own, away from the kink).
     */
    static final String ALL_LAYERS = """
            {"layers": [
              {"type": "conv2d", "filters": 3, "kernel": 3, "padding": 1},
              {"type": "batchnorm"},
              {"type": "tanh"},
              {"type": "residual", "layers": [
                {"type": "conv2d", "filters": 3, "kernel": 3, "padding": "same"}, {"type": "batchnorm"}, {"type": "gelu"}]},
              {"type": "residual", "layers": [{"type": "conv2d", "filters": 4, "kernel": 3, "stride": 2, "padding": 1}, {"type": "tanh"}]},
              {"type": "avgpool", "size": 2},
              {"type": "dropout", "rate": 0.25},
              {"type": "globalavgpool"},
              {"type": "dense", "units": 5},
              {"type": "sigmoid"},
              {"type": "batchnorm"}
            ]}""";

    private static String problems(String json, Shape input) {
        Architecture.InvalidArchitectureException e = assertThrows(Architecture.InvalidArchitectureException.class,
                () -> Architecture.compile(json, input, 10, Architecture.MAX_PARAMETERS));
        return e.getMessage();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not JSON|{\"layers\": [{\"type\": \"relu\"}|architecture: the JSON is not valid at line 1, column 29: the text ends where ']' should be",
        "no layers|{\"layer\": []}|architecture: has no setting 'layer'; it takes 'layers', the list of layers",
        "unknown type|{\"layers\": [{\"type\": \"conv\"}]}|layers[0]: has the unknown type 'conv'; the types are [dense, conv2d",
        "no type|{\"layers\": [{\"units\": 3}]}|layers[0]: has no 'type'",
        "unknown setting|{\"layers\": [{\"type\": \"dense\", \"units\": 8, \"activation\": \"relu\"}]}|layers[0] (dense): has no setting 'activation'; dense takes [units]",
        "missing setting|{\"layers\": [{\"type\": \"dense\"}]}|layers[0] (dense): needs 'units', a whole number from 1 to 65536",
        "out of range|{\"layers\": [{\"type\": \"dense\", \"units\": 2.5}]}|layers[0] (dense): 'units' must be a whole number from 1 to 65536, got 2.5",
        "dropout rate|{\"layers\": [{\"type\": \"dropout\", \"rate\": 1}]}|layers[0] (dropout): 'rate' must be a number above 0.0 and below 1.0, got 1",
        "embedding bag not first|{\"layers\": [{\"type\": \"dense\", \"units\": 8}, {\"type\": \"embedding_bag\", \"dimension\": 4}]}|layers[1] (embedding_bag): reads the input's bag of words (the weight of each token id): it must be the first layer, layers[0]",
        "embedding bag in a block|{\"layers\": [{\"type\": \"residual\", \"layers\": [{\"type\": \"embedding_bag\", \"dimension\": 12}]}]}|layers[0].layers[0] (embedding_bag): reads the input's bag of words",
        "embedding bag without its dimension|{\"layers\": [{\"type\": \"embedding_bag\", \"entries\": 0}]}|layers[0] (embedding_bag): needs 'dimension', a whole number from 1 to 4096",
        "augmentation of a table|{\"layers\": [{\"type\": \"augment\", \"shift\": 1}]}|layers[0] (augment): works on images (channels x height x width) but gets a vector of 12",
        "convolution on a table|{\"layers\": [{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 3}]}|layers[0] (conv2d): works on images (channels x height x width) but gets a vector of 12; this use case's samples are not images",
    })
    void everyMistakeOnATableNamesTheLayerAndWhatToDo(String what, String json, String expected) {
        String message = problems(json, TABLE);
        assertTrue(message.contains(expected), what + ": " + message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dense on an image|{\"layers\": [{\"type\": \"dense\", \"units\": 8}]}|layers[0] (dense): needs a vector but gets a 1x28x28 image; put {\"type\": \"flatten\"}",
        "kernel too large|{\"layers\": [{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 7, \"stride\": 4}, {\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 9}]}|layers[1] (conv2d): cannot take its 4x6x6 input: a 9x9 kernel with padding 0 does not fit a 4x6x6 input",
        "pooling that does not divide|{\"layers\": [{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 2}, {\"type\": \"maxpool\", \"size\": 2}]}|layers[1] (maxpool): pools 2x2 windows but gets 4x27x27, whose height and width are not multiples of 2",
        "image at the output|{\"layers\": [{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 3}]}|architecture: the output layer is dense and needs a vector, but the last layer gives 4x26x26; end with {\"type\": \"flatten\"}",
        "residual that changes the shape without a projection|{\"layers\": [{\"type\": \"residual\", \"projection\": false, \"layers\": [{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 3, \"padding\": 1}]}, {\"type\": \"flatten\"}]}|layers[0] (residual): its body turns 1x28x28 into 4x28x28, so its output cannot be added to its input",
        "residual that no projection reaches|{\"layers\": [{\"type\": \"residual\", \"layers\": [{\"type\": \"conv2d\", \"filters\": 4, \"kernel\": 5}]}, {\"type\": \"flatten\"}]}|layers[0] (residual): its body turns 1x28x28 into 4x24x24, which no 1x1 projection of the input reaches",
        "flatten inside a block|{\"layers\": [{\"type\": \"residual\", \"layers\": [{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 784}]}]}|layers[0] (residual): its body turns a 1x28x28 input into 784",
        "a problem inside a block|{\"layers\": [{\"type\": \"residual\", \"layers\": [{\"type\": \"relu\"}, {\"type\": \"batchnorm\", \"momentum\": 0}]}, {\"type\": \"flatten\"}]}|layers[0].layers[1] (batchnorm): 'momentum' must be a number above 0.0 and below or at 1.0, got 0",
        "augmentation not first|{\"layers\": [{\"type\": \"relu\"}, {\"type\": \"augment\", \"shift\": 2}, {\"type\": \"flatten\"}]}|layers[1] (augment): shifts and flips the input images while training: it must be the first layer, layers[0]",
        "augmentation that does nothing|{\"layers\": [{\"type\": \"augment\", \"flip\": false}, {\"type\": \"flatten\"}]}|layers[0] (augment): does nothing: give 'shift', the most pixels an image moves (e.g. 2), 'flip': true, or both",
        "augmentation with a flip that is not true or false|{\"layers\": [{\"type\": \"augment\", \"shift\": 16, \"flip\": \"yes\"}, {\"type\": \"flatten\"}]}|layers[0] (augment): 'flip' is true or false, got 'yes'",
        "embedding bag on an image|{\"layers\": [{\"type\": \"embedding_bag\", \"dimension\": 8}, {\"type\": \"relu\"}]}|layers[0] (embedding_bag): reads a bag of words (a text use case's input) but gets a 1x28x28 image",
        "too many parameters|{\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 65536}, {\"type\": \"dense\", \"units\": 1024}]}|architecture: has 118,565,898 parameters; this use case allows at most 50,000,000",
    })
    void everyMistakeOnImagesNamesTheLayerAndTheShapes(String what, String json, String expected) {
        String message = problems(json, IMAGE);
        assertTrue(message.contains(expected), what + ": " + message);
    }

    @Test
    void sizesThatWouldWrapAroundAnIntAndNumbersThatWouldExpandAreRefusedWithAMessage() {
        // 16 x 65,536 then 65,536 x 65,536 weights: 2^32 + 65,536 parameters, which an int count wrapped to 65,536
        String wide = problems("{\"layers\": [{\"type\": \"dense\", \"units\": 65536}, {\"type\": \"dense\", \"units\": 65536}]}",
                Shape.vector(16));
        assertTrue(wide.contains("more than one array holds") || wide.contains("does not fit one array"), wide);
        String huge = problems("{\"layers\": [{\"type\": \"dense\", \"units\": 1e999999999}]}", TABLE);
        assertTrue(huge.startsWith("architecture: the JSON is not valid at line 1, column 40: '1e999999999' is outside the numbers"), huge);
        String long_ = problems("{\"layers\": [{\"type\": \"dense\", \"units\": 123456789012345678901234567890123456789012345}]}", TABLE);
        assertTrue(long_.endsWith("got 1234567890123456789012345678901234567..."), long_);
    }

    @Test
    void aFlattenBeforeBatchNormalisationOrAResidualBlockMakesTheirInputAVector() {
        Architecture a = Architecture.compile("""
                {"layers": [{"type": "conv2d", "filters": 2, "kernel": 3, "padding": 1}, {"type": "flatten"}, {"type": "batchnorm"},
                            {"type": "residual", "layers": [{"type": "dense", "units": 32}, {"type": "gelu"}]}, {"type": "flatten"}]}""",
                new Shape(1, 4, 4), 3, Architecture.MAX_PARAMETERS);
        assertEquals(List.of("2x4x4", "32", "32", "32", "3"), a.rows().stream().map(Architecture.Row::output).toList(),
                "the convolution, flatten, batch normalisation, the block, the output (the last flatten, before it, is no layer)");
        assertEquals(2 * 9 + 2 + 2 * 32 + (32 * 32 + 32) + (32 * 3 + 3), a.parameters(),
                "batch normalisation per value (2 x 32), the residual block projects nothing: 32 values in and out");
        Network net = a.network(Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 16);
        net.initialise(2);
        SplittableRandom random = new SplittableRandom(9);
        float[] inputs = new float[16 * 16];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) random.nextDouble(-1, 1);
        }
        net.backend().stageBatch(inputs, 0, 16, 16, new int[]{0, 1, 2, 1, 2, 0, 1, 2, 0, 0, 1, 2, 2, 1, 0, 1}, 0);
        net.computeGradients(16);
        float[] mem = net.backend().memory();
        float[] analytic = Arrays.copyOfRange(mem, net.gradientBase(), net.gradientBase() + net.parameterCount());
        double h = 3e-3;
        for (int p = 0; p < 20; p++) {
            float original = mem[p];
            mem[p] = (float) (original + h);
            double plus = net.lossAsInTraining(16).meanLoss();
            mem[p] = (float) (original - h);
            double minus = net.lossAsInTraining(16).meanLoss();
            mem[p] = original;
            double numeric = (plus - minus) / (2 * h);
            int at = p;
            assertTrue(Math.abs(numeric - analytic[p]) <= 1e-3 + 3e-2 * Math.abs(numeric),
                    () -> "the convolution's parameter " + at + " through flatten: analytic " + analytic[at] + " vs " + numeric);
        }
        // before a dense layer a flatten is no layer: the zoo's MLP written out keeps the zoo's layers
        assertEquals(List.of(new LayerSpec.Dense(8, true, 0f), new LayerSpec.Dense(3, false, 0f)), Architecture.compile(
                "{\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 8}, {\"type\": \"relu\"}]}", IMAGE, 3,
                Architecture.MAX_PARAMETERS).layers());
    }

    @Test
    void everySettingProblemIsReportedAtOnceAndTheHostsCapApplies() {
        String message = problems("{\"layers\": [{\"type\": \"dense\"}, {\"type\": \"relu\", \"alpha\": 1}, {\"type\": \"dropout\", \"rate\": -1}]}", TABLE);
        assertEquals(3, message.lines().count(), message);
        Architecture.InvalidArchitectureException capped = assertThrows(Architecture.InvalidArchitectureException.class,
                () -> Architecture.compile("{\"layers\": [{\"type\": \"dense\", \"units\": 100}]}", TABLE, 3, 1000));
        assertEquals("architecture: has 1,603 parameters; this use case allows at most 1,000: make layers narrower or fewer", capped.getMessage());
    }

    @Test
    void whatTheVectorConvolutionsExecuteBesideTheCount() {
        // the zoo CNN's second convolution: 32 filters over 14 rows of the padded width 18 (252 positions, 8 tiles of 32);
        // a strided one over its 7x7 outputs (2 tiles); the first: 16 filters of one channel over 28 rows of 32
        assertEquals(2L * 32 * 16 * 25 * 256, Flops.conv2dInTiles(new Backend.Conv(1, 16, 14, 14, 32, 5, 2)));
        assertEquals(2L * 64 * 32 * 9 * 64, Flops.conv2dInTiles(new Backend.Conv(1, 32, 14, 14, 64, 3, 1, 2)));
        assertEquals(2L * 16 * 25 * 28 * 32, Flops.conv2dInTiles(new Backend.Conv(1, 1, 28, 28, 16, 5, 2)));
        assertTrue(Flops.conv2dInTiles(new Backend.Conv(1, 16, 14, 14, 32, 5, 2)) > Flops.conv2d(new Backend.Conv(1, 16, 14, 14, 32, 5, 2)));
    }

    @Test
    void aValidSpecShowsItsShapesParametersAndExactFlops() {
        Architecture a = Architecture.compile("""
                {"layers": [{"type": "conv2d", "filters": 2, "kernel": 3, "padding": 1}, {"type": "gelu"}, {"type": "globalavgpool"}]}""",
                new Shape(1, 4, 4), 3, Architecture.MAX_PARAMETERS);
        assertEquals(List.of("2x4x4", "2x4x4", "2", "3"), a.rows().stream().map(Architecture.Row::output).toList());
        assertEquals(List.of("layers[0]", "layers[1]", "layers[2]", "output"), a.rows().stream().map(Architecture.Row::path).toList());
        assertEquals(2 * 9 + 2 + 2 * 3 + 3, a.parameters());
        // 4 taps per axis reach the input at the borders... 2+3+3+2 = 10 per axis; each a multiply-add; then the bias,
        // GELU's 13 per element, the mean of 16 per channel, and the dense head
        long conv = 2L * 2 * 10 * 10;
        assertEquals(conv + 32 + 13 * 32 + 2 * 16 + (2 * 2 * 3 + 3), a.inferenceFlopsPerSample());
        assertEquals(List.of(conv + 32, 13L * 32, 32L, 15L), a.rows().stream().map(Architecture.Row::flopsPerSample).toList());
    }

    @Test
    void anEmbeddingBagShowsItsParametersAndItsFlopsAtTheIdsItReads(@TempDir Path dir) throws Exception {
        Architecture a = Architecture.compile("""
                {"layers": [{"type": "embedding_bag", "dimension": 4, "entries": 5}, {"type": "relu"}]}""", TABLE, 3, Architecture.MAX_PARAMETERS);
        assertEquals(List.of("embedding_bag 4 (at most 5 ids a sample)", "relu", "dense 3"), a.rows().stream().map(Architecture.Row::layer).toList());
        assertEquals(12 * 4 + 4 + 4 * 3 + 3, a.parameters());
        // 5 ids of 4 values each (a multiply-add), the bias, the ReLU, the output layer
        assertEquals(List.of(2L * 5 * 4 + 4, 4L, 2L * 4 * 3 + 3), a.rows().stream().map(Architecture.Row::flopsPerSample).toList());
        assertEquals(List.of(new LayerSpec.EmbeddingBag(4, 5), new LayerSpec.Activation(ActivationFunction.RELU), new LayerSpec.Dense(3, false, 0f)),
                a.layers());
        assertEquals(List.of(new LayerSpec.EmbeddingBag(16, LayerSpec.EmbeddingBag.DEFAULT_ENTRIES)), Architecture.compile(
                "{\"layers\": [{\"type\": \"embedding_bag\", \"dimension\": 16}]}", TABLE, 3, Architecture.MAX_PARAMETERS).layers().subList(0, 1));

        Network net = a.network(Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 4);
        net.initialise(5);
        float[] inputs = new float[4 * 12];
        for (int i = 0; i < inputs.length; i += 5) {
            inputs[i] = 0.5f;
        }
        Path file = dir.resolve("bag.weights");
        WeightFile.save(net, Preprocessing.none(12), file, false);
        WeightFile.Saved saved = WeightFile.load(file);
        assertEquals(a.layers(), saved.layers());
        Network loaded = new Network(saved.input(), saved.layers(), saved.loss(), new JavaBackend(), 4);
        saved.restoreInto(loaded, false);
        for (Network n : new Network[]{net, loaded}) {
            n.backend().stageBatch(inputs, 0, 4, 12, new int[]{0, 1, 2, 0}, 0);
            n.forward(4);
        }
        assertArrayEquals(Arrays.copyOfRange(net.backend().memory(), net.outputOffset(), net.outputOffset() + 12),
                Arrays.copyOfRange(loaded.backend().memory(), loaded.outputOffset(), loaded.outputOffset() + 12));
    }

    /**
     * While training, each image moves by its own draws (and mirrors on its own); predicting, the images pass as they are.
     * No parameters, no FLOPs, and finetuning looks past it: the zoo's CNN shares all its layers with the CNN template
     * behind an augmentation.
     */
    @Test
    void anAugmentationShiftsAndFlipsEachImageWhileTrainingOnly() {
        Architecture a = Architecture.compile("""
                {"layers": [{"type": "augment", "shift": 2, "flip": true}, {"type": "flatten"}]}""", new Shape(1, 6, 6), 3, Architecture.MAX_PARAMETERS);
        assertEquals(List.of("augment while training: shifts of up to 2 pixels, horizontal flips", "dense 3"),
                a.rows().stream().map(Architecture.Row::layer).toList());
        assertEquals(6 * 6 * 3 + 3, a.parameters());
        assertEquals(List.of(0L, 2L * 36 * 3 + 3), a.rows().stream().map(Architecture.Row::flopsPerSample).toList());
        String tooFar = assertThrows(Architecture.InvalidArchitectureException.class, () -> Architecture.compile(
                "{\"layers\": [{\"type\": \"augment\", \"shift\": 6}, {\"type\": \"flatten\"}]}", new Shape(1, 6, 6), 3, Architecture.MAX_PARAMETERS))
                .getMessage();
        assertEquals("layers[0] (augment): cannot take its 1x6x6 input: a shift of 6 pixels moves a 1x6x6 image out of sight", tooFar);

        int rows = 8;
        Network net = a.network(Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), rows);
        net.initialise(3);
        float[] images = new float[rows * 36];
        for (int i = 0; i < images.length; i++) {
            images[i] = 1 + i % 36;
        }
        net.backend().stageBatch(images, 0, rows, 36, new int[rows], 0);
        int seed = 77;
        net.backend().augment(new Backend.Images(rows, 1, 6, 6), 2, true, seed, 0);
        float[] out = net.backend().memory();
        int moved = 0;
        int mirrored = 0;
        for (int r = 0; r < rows; r++) {
            int dy = Backend.augmentDraw(seed, r, 0, 2);
            int dx = Backend.augmentDraw(seed, r, 1, 2);
            boolean flip = Flops.dropoutUniform(seed, 3 * r + 2) >= 0.5f;
            assertTrue(Math.abs(dy) <= 2 && Math.abs(dx) <= 2);
            moved += dy != 0 || dx != 0 ? 1 : 0;
            mirrored += flip ? 1 : 0;
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    int si = i + dy;
                    int sj = (flip ? 5 - j : j) + dx;
                    float expected = si >= 0 && si < 6 && sj >= 0 && sj < 6 ? 1 + si * 6 + sj : 0f;
                    assertEquals(expected, out[r * 36 + i * 6 + j], "image " + r + " at " + i + "," + j);
                }
            }
        }
        assertTrue(moved > 0 && mirrored > 0 && mirrored < rows, moved + " moved, " + mirrored + " mirrored");

        net.backend().stageBatch(images, 0, rows, 36, new int[rows], 0);
        net.forward(rows);
        Network plain = new Network(new Shape(1, 6, 6), List.of(new LayerSpec.Dense(3, false, 0f)), Network.Loss.SOFTMAX_CROSS_ENTROPY,
                new JavaBackend(), rows);
        System.arraycopy(net.backend().memory(), 0, plain.backend().memory(), 0, net.parameterCount());
        plain.backend().stageBatch(images, 0, rows, 36, new int[rows], 0);
        plain.forward(rows);
        assertArrayEquals(Arrays.copyOfRange(plain.backend().memory(), plain.outputOffset(), plain.outputOffset() + rows * 3),
                Arrays.copyOfRange(net.backend().memory(), net.outputOffset(), net.outputOffset() + rows * 3),
                "predicting, the images pass as they are");

        Network cnn = ModelZoo.build("cnn", java.util.Map.of(), IMAGE, 10, new CountingBackend(), 1);
        Architecture augmentedCnn = Architecture.compile(ModelZoo.TEMPLATES.stream().filter(t -> t.id().equals("cnn")).findFirst().orElseThrow().json()
                .replace("{\"layers\": [", "{\"layers\": [{\"type\": \"augment\", \"shift\": 2},"), IMAGE, 10, Architecture.MAX_PARAMETERS);
        assertEquals(cnn.layers() + 1, Network.matchingLeadingLayers(IMAGE, cnn.specs(), IMAGE, augmentedCnn.layers()));
        assertEquals(cnn.layers(), Network.matchingLeadingLayers(IMAGE, augmentedCnn.layers(), IMAGE, cnn.specs()));
    }

    @Test
    void reluAfterDenseOrConvolutionAndDropoutAfterThemAreFused() {
        Architecture a = Architecture.compile("""
                {"layers": [{"type": "dense", "units": 8}, {"type": "relu"}, {"type": "dropout", "rate": 0.5},
                            {"type": "dense", "units": 4}, {"type": "relu"}]}""", TABLE, 3, Architecture.MAX_PARAMETERS);
        assertEquals(List.of(new LayerSpec.Dense(8, true, 0.5f), new LayerSpec.Dense(4, true, 0f), new LayerSpec.Dense(3, false, 0f)), a.layers());
        assertEquals(List.of("layers[0]..2", "layers[3]..4", "output"), a.rows().stream().map(Architecture.Row::path).toList());
        // the same as the zoo's MLP: the same executable layers
        assertEquals(Network.dense(new int[]{12, 8, 4, 3}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new CountingBackend(), 1).specs().subList(1, 3),
                a.layers().subList(1, 3));
    }

    @Test
    void everyTemplateCompilesForItsCategoriesAndTheZoosAreTheirModelsLayerForLayer() {
        for (ModelZoo.Template template : ModelZoo.TEMPLATES) {
            for (ModelZoo.Category category : template.categories()) {
                Shape input = category == ModelZoo.Category.IMAGE_CLASSIFICATION ? IMAGE : TABLE;
                int outputs = category == ModelZoo.Category.TABULAR_REGRESSION ? 1 : 10;
                Architecture a = Architecture.compile(template.json(), input, outputs, Architecture.MAX_PARAMETERS);
                assertTrue(a.parameters() > 0, template.id());
                if (template.model() != null) {
                    assertEquals(ModelZoo.build(template.model(), java.util.Map.of(), input, outputs, new CountingBackend(), 1).specs(), a.layers(),
                            template.id() + " for " + category);
                }
            }
        }
        Architecture resnet = Architecture.compile(ModelZoo.TEMPLATES.stream().filter(t -> t.id().equals("resnet-small")).findFirst().orElseThrow().json(),
                IMAGE, 10, Architecture.MAX_PARAMETERS);
        assertEquals("residual [conv2d 64 3x3, stride 2, padding 1, batchnorm, relu, conv2d 64 3x3, stride 1, padding 1, batchnorm]"
                + " + 1x1 projection, stride 2", resnet.rows().get(6).layer());
        assertEquals("64x7x7", resnet.rows().get(6).output());
    }

    @Test
    void finetuningTakesTheLeadingLayersTwoNetworksShareWithTheirRunningStatistics(@TempDir Path dir) throws Exception {
        Network base = Architecture.compile("""
                {"layers": [{"type": "conv2d", "filters": 3, "kernel": 3, "padding": 1}, {"type": "batchnorm"}, {"type": "relu"},
                            {"type": "globalavgpool"}, {"type": "dense", "units": 4}]}""", new Shape(2, 8, 8), 3, Architecture.MAX_PARAMETERS)
                .network(Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 4);
        base.initialise(1);
        base.backend().stageBatch(new float[4 * 128], 0, 4, 128, new int[]{0, 1, 2, 0}, 0);
        base.backend().memory()[base.stateOffset()] = 0.5f;
        base.backend().upload();
        Path file = dir.resolve("base.weights");
        WeightFile.save(base, Preprocessing.none(128), file, false);
        WeightFile.Saved saved = WeightFile.load(file);

        Network other = Architecture.compile("""
                {"layers": [{"type": "conv2d", "filters": 3, "kernel": 3, "padding": 1}, {"type": "batchnorm"}, {"type": "relu"},
                            {"type": "globalavgpool"}, {"type": "dense", "units": 8}, {"type": "gelu"}]}""", new Shape(2, 8, 8), 5, Architecture.MAX_PARAMETERS)
                .network(Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 4);
        other.initialise(2);
        assertEquals(4, saved.transplant(other), "convolution, batch normalisation, ReLU, pooling; not the dense layers of other sizes");
        int shared = other.parametersBefore(4);
        assertEquals(3 * 2 * 9 + 3 + 2 * 3, shared);
        assertArrayEquals(Arrays.copyOf(saved.parameters(), shared), Arrays.copyOf(other.backend().memory(), shared));
        assertEquals(0.5f, other.backend().memory()[other.stateOffset()], "the running mean came along");
        assertEquals(0, Network.matchingLeadingLayers(new Shape(2, 8, 8), base.specs(), new Shape(2, 4, 16), other.specs()), "another input shares nothing");
        // the zoo's MLP is built on a vector, an architecture on the image it flattens: a dense first layer sees them alike
        assertEquals(1, ModelZoo.sharedLayers("mlp", java.util.Map.of("hidden", "32"), IMAGE, ModelZoo.ARCHITECTURE, java.util.Map.of(ModelZoo.ARCHITECTURE,
                "{\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 32}, {\"type\": \"relu\"}, {\"type\": \"dense\", \"units\": 8}]}"),
                IMAGE, 10, Network.Loss.SOFTMAX_CROSS_ENTROPY));
    }

    private static Network allLayers(Backend backend, int rows) {
        return Architecture.compile(ALL_LAYERS, new Shape(2, 8, 8), 3, Architecture.MAX_PARAMETERS)
                .network(Network.Loss.SOFTMAX_CROSS_ENTROPY, backend, rows);
    }

    @Test
    void parametersAndStateOfEveryLayerTypeFollowTheirFormulas() {
        Network net = allLayers(new CountingBackend(), 1);
        int conv1 = 3 * 2 * 9 + 3;
        int block1 = (3 * 3 * 9 + 3) + 2 * 3;
        int block2 = (4 * 3 * 9 + 4) + (4 * 3 + 4);
        assertEquals(conv1 + 2 * 3 + block1 + block2 + (4 * 5 + 5) + 2 * 5 + (5 * 3 + 3), net.parameterCount());
        assertEquals(2 * 3 + 2 * 3 + 2 * 5, net.stateCount(), "running mean and variance of the three batch normalisations");
        assertEquals(4L * (net.parameterCount() + net.stateCount()), net.parameterBytes());
    }

    @Test
    void gradientsOfEveryLayerTypeMatchFiniteDifferences() {
        int rows = 4;
        Network net = allLayers(new JavaBackend(), rows);
        net.initialise(5);
        SplittableRandom random = new SplittableRandom(3);
        float[] inputs = new float[rows * 128];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) random.nextDouble(-1, 1);
        }
        net.backend().stageBatch(inputs, 0, rows, 128, new int[]{0, 2, 1, 2}, 0);
        net.computeGradients(rows);
        float[] mem = net.backend().memory();
        float[] analytic = Arrays.copyOfRange(mem, net.gradientBase(), net.gradientBase() + net.parameterCount());
        double h = 1e-2;
        int large = 0;
        for (int p = 0; p < net.parameterCount(); p++) {
            float original = mem[p];
            mem[p] = (float) (original + h);
            double plus = net.lossAsInTraining(rows).meanLoss();
            mem[p] = (float) (original - h);
            double minus = net.lossAsInTraining(rows).meanLoss();
            mem[p] = original;
            double numeric = (plus - minus) / (2 * h);
            int at = p;
            assertTrue(Math.abs(numeric - analytic[p]) <= 1e-3 + 3e-2 * Math.abs(numeric),
                    () -> "parameter " + at + ": analytic " + analytic[at] + " vs finite differences " + numeric);
            if (Math.abs(numeric) > 1e-3) {
                large++;
            }
        }
        assertTrue(large > net.parameterCount() / 2, "most gradients are not vanishingly small: " + large + " of " + net.parameterCount());
    }

    @Test
    void everyActivationsGradientIsItsDerivative() {
        for (ActivationFunction f : ActivationFunction.values()) {
            for (float x = -4f; x <= 4f; x += 0.37f) {
                double h = 1e-3;
                double numeric = (ActivationFunction.apply(f.ordinal(), (float) (x + h)) - ActivationFunction.apply(f.ordinal(), (float) (x - h))) / (2 * h);
                float analytic = ActivationFunction.gradient(f.ordinal(), x, ActivationFunction.apply(f.ordinal(), x), 1f);
                float at = x;
                assertEquals(numeric, analytic, 2e-3 + 2e-3 * Math.abs(numeric), () -> f + " at " + at);
            }
        }
        assertEquals(0.5f * 1.5f * (1f + (float) Math.tanh(0.7978845608 * (1.5 + 0.044715 * 1.5 * 1.5 * 1.5))),
                ActivationFunction.apply(ActivationFunction.GELU.ordinal(), 1.5f), 1e-6, "PyTorch's GELU(approximate='tanh')");
        assertEquals(-0.02f, ActivationFunction.apply(ActivationFunction.LEAKY_RELU.ordinal(), -2f), 1e-7);
    }

    @Test
    void theFlopsTheKernelsCountEqualTheAnalyticCountOfATrainingStep() {
        int rows = 4;
        Network net = allLayers(new JavaBackend(), rows);
        net.initialise(5);
        net.backend().stageBatch(new float[rows * 128], 0, rows, 128, new int[]{0, 2, 1, 2}, 0);
        Optimizer adam = Optimizer.Adam.of(1e-3f);
        long before = net.backend().flops();
        net.trainStep(rows, adam);
        assertEquals(net.trainingFlops(rows, adam), net.backend().flops() - before);
        before = net.backend().flops();
        net.forward(rows);
        assertEquals(net.inferenceFlops(rows), net.backend().flops() - before);
        // batch normalisation's scale and shift (6 FLOPs per channel) are computed once per batch
        assertEquals(rows * net.inferenceFlopsPerSample() - (rows - 1) * 6L * (3 + 3 + 5), net.inferenceFlops(rows));
        net.freeze(0, true);
        net.freeze(1, true);
        before = net.backend().flops();
        net.trainStep(rows, adam);
        assertEquals(net.trainingFlops(rows, adam), net.backend().flops() - before, "with the first layers frozen");
    }

    @Test
    void batchNormalisationPredictsWithItsRunningStatisticsAndTheyAreSavedWithTheWeights(@TempDir Path dir) throws Exception {
        int rows = 4;
        Network net = allLayers(new JavaBackend(), rows);
        net.initialise(5);
        SplittableRandom random = new SplittableRandom(4);
        float[] inputs = new float[rows * 128];
        for (int i = 0; i < inputs.length; i++) {
            inputs[i] = (float) random.nextDouble(0, 3);
        }
        net.backend().stageBatch(inputs, 0, rows, 128, new int[]{0, 2, 1, 2}, 0);
        for (int step = 0; step < 5; step++) {
            net.trainStep(rows, Optimizer.Adam.of(1e-2f));
        }
        float[] state = Arrays.copyOfRange(net.backend().memory(), net.stateOffset(), net.stateOffset() + net.stateCount());
        assertTrue(state[0] != 0f && state[3] != 1f, "the running mean and variance moved: " + Arrays.toString(state));
        net.forward(rows);
        float[] predicted = Arrays.copyOfRange(net.backend().memory(), net.outputOffset(), net.outputOffset() + rows * 3);

        Path file = dir.resolve("weights.bin");
        WeightFile.save(net, Preprocessing.none(128), file, true);
        WeightFile.Saved saved = WeightFile.load(file);
        assertEquals(net.specs(), saved.layers());
        assertArrayEquals(state, saved.state());
        Network restored = new Network(saved.input(), saved.layers(), saved.loss(), new JavaBackend(), rows);
        saved.restoreInto(restored, true);
        restored.backend().stageBatch(inputs, 0, rows, 128, new int[]{0, 2, 1, 2}, 0);
        restored.forward(rows);
        assertArrayEquals(predicted, Arrays.copyOfRange(restored.backend().memory(), restored.outputOffset(), restored.outputOffset() + rows * 3));
        assertTrue(Files.size(file) > 4L * net.parameterCount());
    }

    @Test
    void aSmallResidualNetworkWithBatchNormalisationLearnsFashionMnist() throws Exception {
        ClassificationData train = NetworkTest.fashion("train");
        ClassificationData test = NetworkTest.fashion("t10k");
        Architecture a = Architecture.compile("""
                {"layers": [
                  {"type": "conv2d", "filters": 8, "kernel": 3, "stride": 2, "padding": 1}, {"type": "batchnorm"}, {"type": "relu"},
                  {"type": "residual", "layers": [{"type": "conv2d", "filters": 8, "kernel": 3, "padding": 1}, {"type": "batchnorm"}, {"type": "relu"}]},
                  {"type": "maxpool", "size": 2},
                  {"type": "residual", "layers": [{"type": "conv2d", "filters": 16, "kernel": 3, "stride": 2, "padding": 1}, {"type": "batchnorm"}]},
                  {"type": "relu"}, {"type": "globalavgpool"}
                ]}""", IMAGE, 10, Architecture.MAX_PARAMETERS);
        try (Network net = a.network(Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 50)) {
            net.initialise(1);
            Trainer.fit(net, train, test, 4, 50, Optimizer.Adam.of(3e-3f), 2, null);
            double accuracy = Trainer.evaluate(net, test).accuracy();
            assertTrue(accuracy > 0.6, "test accuracy " + accuracy);
        }
    }
}
