package org.mlarena.numerics.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The models teams can train, per training category, with their hyperparameters, defaults and figures
 * (parameters, bytes, FLOPs per sample). Every value a person can get wrong is checked with a message
 * that names the hyperparameter and what it accepts.
 */
public final class ModelZoo {

    /** What a use case asks for. */
    public enum Category { IMAGE_CLASSIFICATION, TABULAR_CLASSIFICATION, TABULAR_REGRESSION, TEXT_CLASSIFICATION }

    /**
     * A model of the zoo.
     *
     * @param id          stable identifier, e.g. {@code mlp}
     * @param name        for people
     * @param description what it is and when to pick it
     * @param categories  where it applies
     * @param defaults    its hyperparameters with their defaults
     * @param learningRate the default learning rate (Adam), one that converges on standardised inputs
     * @param weightDecay  the default weight decay (AdamW's, decoupled) where it trains by Adam: the linear models are
     *                     regularised by default, as scikit-learn's are; without it a linear model fits the noise of a small
     *                     data set (see bench/README.md, the quality table)
     * @param onTables     how it trains on a table when the experiment leaves epochs, batch size and optimizer open
     */
    public record Model(String id, String name, String description, List<Category> categories, Map<String, String> defaults,
                        double learningRate, double weightDecay, TableTraining onTables) {

        /** Whether it is the boosted trees (numerics.trees) rather than a network. */
        public boolean isTrees() {
            return GRADIENT_BOOSTING.equals(id);
        }
    }

    /**
     * How a model trains on a table by default, as scikit-learn's counterpart does (bench/README.md, the quality table,
     * compares them on the same splits).
     */
    public enum TableTraining {
        /** Adam for the platform's budget of optimiser steps. */
        STEP_BUDGET,
        /** scikit-learn's MLPs' defaults: Adam on batches of up to {@link #SCIKIT_LEARN_BATCH} rows, {@link #SCIKIT_LEARN_EPOCHS} epochs. */
        SCIKIT_LEARN_MLP,
        /**
         * The minimum of scikit-learn's objective ({@code LogisticRegression}, {@code Ridge}): full-batch L-BFGS
         * ({@link Lbfgs}) with the L2 penalty {@link #scikitLearnPenalty}, up to {@link #SCIKIT_LEARN_ITERATIONS}
         * iterations, the last one kept. A convex model has one minimum: a stochastic optimiser's best validation epoch
         * stops short of it, in a place a small validation split chooses.
         */
        SCIKIT_LEARN_OBJECTIVE,
        /**
         * scikit-learn's HistGradientBoosting's defaults: {@link #SCIKIT_LEARN_ROUNDS} rounds, with early stopping only
         * above {@link #SCIKIT_LEARN_EARLY_STOPPING_ROWS} training rows (its "auto"); below, the last round is the model:
         * a validation split of a few dozen rows picks its best round by chance.
         */
        SCIKIT_LEARN_BOOSTING
    }

    /** HistGradientBoosting's max_iter. */
    public static final int SCIKIT_LEARN_ROUNDS = 100;
    /** HistGradientBoosting's early_stopping="auto" stops early on more training rows than this. */
    public static final int SCIKIT_LEARN_EARLY_STOPPING_ROWS = 10_000;

    /**
     * The L2 penalty (of {@link Lbfgs}) under which a linear model minimises what scikit-learn's default does on the same
     * rows. {@code LogisticRegression} (C = 1) minimises the mean log loss plus {@code |w|^2 / (2 C rows)}: for three
     * classes or more over one weight vector per class, as softmax regression has; for two over a single vector w,
     * which the two classes' vectors w/2 and -w/2 of softmax regression express with half the squared norm, so the
     * penalty doubles. {@code Ridge} (alpha = 1) minimises the sum of squares plus {@code alpha |w|^2}, which divided by
     * the rows is the mean squared error plus {@code 2 alpha / rows} times {@code |w|^2 / 2}.
     */
    public static double scikitLearnPenalty(Network.Loss loss, int outputs, int rows) {
        return (loss == Network.Loss.MEAN_SQUARED_ERROR || outputs == 2 ? 2.0 : 1.0) / Math.max(1, rows);
    }

    /** scikit-learn's LogisticRegression's max_iter (its lbfgs iterations). */
    public static final int SCIKIT_LEARN_ITERATIONS = 100;

    /** scikit-learn's MLPs' default batch ("auto": at most 200 rows) and epochs (max_iter). */
    public static final int SCIKIT_LEARN_BATCH = 200;
    public static final int SCIKIT_LEARN_EPOCHS = 200;

    /** The id of the boosted trees. */
    public static final String GRADIENT_BOOSTING = "gradient-boosting";

    /** The id of a network a team writes ({@link Architecture}); its one hyperparameter is the architecture's JSON. */
    public static final String ARCHITECTURE = "architecture";

    /**
     * An architecture to start from: the zoo's networks written as architectures (they compile to the same layers), and
     * networks that show what the layers can do.
     *
     * @param model the zoo model it writes out, or null
     */
    public record Template(String id, String name, String description, List<Category> categories, String model, String json) {
    }

    public static final List<Template> TEMPLATES = List.of(
            new Template("softmax-regression", "Softmax (logistic) regression", "No hidden layer: the output layer alone, as the zoo's softmax-regression.",
                    List.of(Category.IMAGE_CLASSIFICATION, Category.TABULAR_CLASSIFICATION, Category.TEXT_CLASSIFICATION),
                    "softmax-regression", "{\"layers\": [{\"type\": \"flatten\"}]}"),
            new Template("mlp", "Multi-layer perceptron", "One hidden dense layer of 100 with ReLU, as the zoo's mlp.",
                    List.of(Category.IMAGE_CLASSIFICATION, Category.TABULAR_CLASSIFICATION, Category.TEXT_CLASSIFICATION), "mlp", """
                    {"layers": [
                      {"type": "flatten"},
                      {"type": "dense", "units": 100}, {"type": "relu"}
                    ]}"""),
            new Template("mlp-regressor", "MLP regressor", "One hidden dense layer of 100 with ReLU, as the zoo's mlp-regressor.",
                    List.of(Category.TABULAR_REGRESSION), "mlp-regressor", """
                    {"layers": [
                      {"type": "dense", "units": 100}, {"type": "relu"}
                    ]}"""),
            new Template("cnn", "Small convolutional network", "The zoo's cnn: two 5x5 convolutions with ReLU and 2x2 max-pooling, then dense 128.",
                    List.of(Category.IMAGE_CLASSIFICATION), "cnn", """
                    {"layers": [
                      {"type": "conv2d", "filters": 16, "kernel": 5, "padding": 2}, {"type": "relu"}, {"type": "maxpool", "size": 2},
                      {"type": "conv2d", "filters": 32, "kernel": 5, "padding": 2}, {"type": "relu"}, {"type": "maxpool", "size": 2},
                      {"type": "flatten"},
                      {"type": "dense", "units": 128}, {"type": "relu"}
                    ]}"""),
            new Template("cnn-augmented", "Small convolutional network with augmentation",
                    "The zoo's cnn behind an augmentation: while training, every image moves by up to 1 pixel each way (a random"
                            + " crop of the image padded with zeros); add \"flip\": true where the hosts allow mirrored images.",
                    List.of(Category.IMAGE_CLASSIFICATION), null, """
                    {"layers": [
                      {"type": "augment", "shift": 1},
                      {"type": "conv2d", "filters": 16, "kernel": 5, "padding": 2}, {"type": "relu"}, {"type": "maxpool", "size": 2},
                      {"type": "conv2d", "filters": 32, "kernel": 5, "padding": 2}, {"type": "relu"}, {"type": "maxpool", "size": 2},
                      {"type": "flatten"},
                      {"type": "dense", "units": 128}, {"type": "relu"}
                    ]}"""),
            new Template("resnet-small", "Small residual network",
                    "3x3 convolutions with batch normalisation, 2x2 max-pooling, a residual block at half resolution and a strided one"
                            + " with a 1x1 projection, then the 7x7 maps of 64 filters flattened behind dropout: on Fashion-MNIST train it"
                            + " 10 epochs with the cosine schedule; for images whose sides are even.",
                    List.of(Category.IMAGE_CLASSIFICATION), null, """
                    {"layers": [
                      {"type": "conv2d", "filters": 32, "kernel": 3, "padding": 1}, {"type": "batchnorm"}, {"type": "relu"}, {"type": "maxpool", "size": 2},
                      {"type": "residual", "layers": [
                        {"type": "conv2d", "filters": 32, "kernel": 3, "padding": 1}, {"type": "batchnorm"}, {"type": "relu"},
                        {"type": "conv2d", "filters": 32, "kernel": 3, "padding": 1}, {"type": "batchnorm"}]},
                      {"type": "relu"},
                      {"type": "residual", "layers": [
                        {"type": "conv2d", "filters": 64, "kernel": 3, "stride": 2, "padding": 1}, {"type": "batchnorm"}, {"type": "relu"},
                        {"type": "conv2d", "filters": 64, "kernel": 3, "padding": 1}, {"type": "batchnorm"}]},
                      {"type": "relu"},
                      {"type": "flatten"}, {"type": "dropout", "rate": 0.3}
                    ]}"""),
            new Template("residual-mlp", "Residual MLP with batch normalisation",
                    "Dense layers with batch normalisation, GELU and dropout in a residual block: a deeper network that still trains on a table.",
                    List.of(Category.TABULAR_CLASSIFICATION, Category.TABULAR_REGRESSION, Category.TEXT_CLASSIFICATION), null, """
                    {"layers": [
                      {"type": "dense", "units": 128}, {"type": "batchnorm"}, {"type": "gelu"},
                      {"type": "residual", "layers": [
                        {"type": "dense", "units": 128}, {"type": "batchnorm"}, {"type": "gelu"}, {"type": "dropout", "rate": 0.1},
                        {"type": "dense", "units": 128}]},
                      {"type": "gelu"}
                    ]}"""),
            new Template("text-embedding-bag", "Embedding bag for text",
                    "The text's words and word pairs as a bag of 128-dimensional embeddings (only the rows of the words present are read"
                            + " and trained), ReLU and dropout: train it with more hashing buckets than the bag-of-words default"
                            + " (\"buckets\": \"16384\") and a learning rate of 0.003.",
                    List.of(Category.TEXT_CLASSIFICATION), null, """
                    {"layers": [
                      {"type": "embedding_bag", "dimension": 128}, {"type": "relu"}, {"type": "dropout", "rate": 0.3}
                    ]}"""));

    public static List<Template> templates(Category category) {
        return TEMPLATES.stream().filter(t -> t.categories().contains(category)).toList();
    }

    /** Size and cost of a concrete model. */
    public record Figures(int parameters, long bytes, long inferenceFlopsPerSample, long trainingFlopsPerSample) {
    }

    /**
     * The linear models' default weight decay where they train by Adam (images, text): of 0, 0.01, 0.05, 0.1, 0.2 and 0.5
     * the one that matched scikit-learn on the seven tables on which they were trained by Adam before L-BFGS.
     */
    public static final double LINEAR_WEIGHT_DECAY = 0.2;

    public static final List<Model> MODELS = List.of(
            new Model("softmax-regression", "Softmax (logistic) regression",
                    "One dense layer and softmax: the baseline for any classification; for text, on bag-of-words vectors. On a table it is"
                            + " fitted as scikit-learn's LogisticRegression is: L-BFGS to the minimum of the log loss with an L2 penalty.",
                    List.of(Category.IMAGE_CLASSIFICATION, Category.TABULAR_CLASSIFICATION, Category.TEXT_CLASSIFICATION), Map.of(), 0.01,
                    LINEAR_WEIGHT_DECAY, TableTraining.SCIKIT_LEARN_OBJECTIVE),
            new Model("mlp", "Multi-layer perceptron",
                    "Dense layers with ReLU and optional dropout; 'hidden' lists the layer sizes, e.g. 100 (one layer, as scikit-learn's MLP) or 256,128.",
                    List.of(Category.IMAGE_CLASSIFICATION, Category.TABULAR_CLASSIFICATION, Category.TEXT_CLASSIFICATION),
                    ordered("hidden", "100", "dropout", "0"), 0.001, 0, TableTraining.SCIKIT_LEARN_MLP),
            new Model("cnn", "Small convolutional network",
                    "conv 5x5 - ReLU - max-pool 2 - conv 5x5 - ReLU - max-pool 2 - dense - ReLU - dense; for images whose sides divide by 4.",
                    List.of(Category.IMAGE_CLASSIFICATION), ordered("filters1", "16", "filters2", "32", "hidden", "128"), 0.001, 0, TableTraining.STEP_BUDGET),
            new Model("linear-regression", "Linear regression", "One dense layer trained on mean squared error, fitted as scikit-learn's Ridge is:"
                    + " L-BFGS to the minimum of the squared error with an L2 penalty.",
                    List.of(Category.TABULAR_REGRESSION), Map.of(), 0.01, LINEAR_WEIGHT_DECAY, TableTraining.SCIKIT_LEARN_OBJECTIVE),
            new Model("mlp-regressor", "MLP regressor", "Dense layers with ReLU trained on mean squared error; 'hidden' lists the layer sizes, e.g. 100 (one layer, as scikit-learn's MLP) or 64,64.",
                    List.of(Category.TABULAR_REGRESSION), ordered("hidden", "100", "dropout", "0"), 0.001, 0, TableTraining.SCIKIT_LEARN_MLP),
            new Model(GRADIENT_BOOSTING, "Gradient-boosted trees",
                    "Histogram-based gradient boosting (as LightGBM and scikit-learn's HistGradientBoosting): a tree per round (per class),"
                            + " each fitting what the rounds before got wrong; epochs are rounds, the learning rate shrinks every tree;"
                            + " 100 rounds by default, with early stopping on the validation split above 10,000 training rows, as scikit-learn's."
                            + " The model people reach for first on tables.",
                    List.of(Category.TABULAR_CLASSIFICATION, Category.TABULAR_REGRESSION), org.mlarena.numerics.trees.Boosting.HYPERPARAMETERS, 0.1,
                    0, TableTraining.SCIKIT_LEARN_BOOSTING),
            new Model(ARCHITECTURE, "Your own architecture",
                    "Layers you write as JSON: dense, conv2d, pooling, batch normalisation, dropout, activations, residual blocks, embedding bags for text, image augmentation"
                            + " (GET /api/v1/models/architecture/templates has examples); the output layer is added after them.",
                    List.of(Category.IMAGE_CLASSIFICATION, Category.TABULAR_CLASSIFICATION, Category.TABULAR_REGRESSION, Category.TEXT_CLASSIFICATION),
                    Map.of(ARCHITECTURE, "{\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 128}, {\"type\": \"relu\"}]}"), 0.001, 0, TableTraining.STEP_BUDGET));

    private ModelZoo() {
    }

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put(keyValues[i], keyValues[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }

    public static List<Model> models(Category category) {
        return MODELS.stream().filter(m -> m.categories().contains(category)).toList();
    }

    public static Model model(String id) {
        return MODELS.stream().filter(m -> m.id().equals(id)).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "there is no model '" + id + "'; the zoo has " + MODELS.stream().map(Model::id).toList()));
    }

    /**
     * Builds a model for data of the given input shape and outputs (classes or targets).
     *
     * @param hyperparameters values that replace the defaults; unknown names are refused
     */
    public static Network build(String id, Map<String, String> hyperparameters, Shape input, int outputs, Backend backend, int capacity) {
        return build(id, hyperparameters, input, outputs, Network.Loss.SOFTMAX_CROSS_ENTROPY, backend, capacity);
    }

    /**
     * Builds a model; {@code loss} is the one an {@link #ARCHITECTURE} trains with (the zoo's models have their own).
     */
    public static Network build(String id, Map<String, String> hyperparameters, Shape input, int outputs, Network.Loss loss, Backend backend,
                                int capacity) {
        Model model = model(id);
        if (model.isTrees()) {
            throw new IllegalArgumentException("'" + id + "' is boosted trees, not a network");
        }
        for (String name : hyperparameters.keySet()) {
            if (!model.defaults().containsKey(name)) {
                throw new IllegalArgumentException("the model '" + id + "' has no hyperparameter '" + name + "'"
                        + (model.defaults().isEmpty() ? "; it has none" : "; it has " + model.defaults().keySet()));
            }
        }
        Map<String, String> values = new LinkedHashMap<>(model.defaults());
        values.putAll(hyperparameters);
        if (outputs < 1) {
            throw new IllegalArgumentException("a model needs at least one output, got " + outputs);
        }
        return switch (id) {
            case ARCHITECTURE -> Architecture.compile(values.get(ARCHITECTURE), input, outputs, Architecture.MAX_PARAMETERS).network(loss, backend, capacity);
            case "softmax-regression" -> Network.dense(new int[]{input.size(), outputs}, Network.Loss.SOFTMAX_CROSS_ENTROPY, backend, capacity);
            case "linear-regression" -> Network.dense(new int[]{input.size(), outputs}, Network.Loss.MEAN_SQUARED_ERROR, backend, capacity);
            case "mlp", "mlp-regressor" -> Network.dense(sizes(input.size(), values.get("hidden"), outputs),
                    id.equals("mlp") ? Network.Loss.SOFTMAX_CROSS_ENTROPY : Network.Loss.MEAN_SQUARED_ERROR, backend, capacity,
                    rate(values.get("dropout")));
            case "cnn" -> {
                if (input.height() % 4 != 0 || input.width() % 4 != 0 || input.height() < 8) {
                    throw new IllegalArgumentException("the CNN needs images whose height and width divide by 4, got " + input);
                }
                yield Network.cnn(input, positive("filters1", values.get("filters1"), 512), positive("filters2", values.get("filters2"), 512),
                        positive("hidden", values.get("hidden"), 1 << 14), outputs, backend, capacity);
            }
            default -> throw new IllegalStateException("no builder for " + id);
        };
    }

    /**
     * Parameters, bytes and FLOPs per sample of a model, without allocating its memory. For the boosted trees: the most
     * of one round (nodes as parameters, 29 bytes each, a comparison per level and a leaf per tree when predicting, and
     * histogram additions of every level when training), so that a plan multiplies them by its rounds; the trained
     * model's own counts replace them.
     */
    public static Figures figures(String id, Map<String, String> hyperparameters, Shape input, int outputs, int batchSize, Optimizer optimizer) {
        return figures(id, hyperparameters, input, outputs, Network.Loss.SOFTMAX_CROSS_ENTROPY, batchSize, optimizer);
    }

    public static Figures figures(String id, Map<String, String> hyperparameters, Shape input, int outputs, Network.Loss loss, int batchSize,
                                  Optimizer optimizer) {
        if (model(id).isTrees()) {
            org.mlarena.numerics.trees.Boosting.Settings settings = org.mlarena.numerics.trees.Boosting.settings(hyperparameters, 0.1, 1);
            int leaves = settings.maxLeaves();
            int depth = settings.maxDepth() > 0 ? Math.min(settings.maxDepth(), leaves - 1) : leaves - 1;
            int levels = 32 - Integer.numberOfLeadingZeros(leaves - 1);
            int nodes = outputs * (2 * leaves - 1);
            long inference = (long) outputs * (depth + 1);
            return new Figures(nodes, 29L * nodes + 8L * outputs, inference, (long) outputs * (2L * input.size() * levels + levels) + inference);
        }
        Network net = build(id, hyperparameters, input, outputs, loss, new CountingBackend(), batchSize);
        return new Figures(net.parameterCount(), net.parameterBytes(), net.inferenceFlopsPerSample(),
                net.trainingFlops(batchSize, optimizer) / batchSize);
    }

    /** The layers of a network model, without allocating its memory. */
    public static List<LayerSpec> specs(String id, Map<String, String> hyperparameters, Shape input, int outputs, Network.Loss loss) {
        return build(id, hyperparameters, input, outputs, loss, new CountingBackend(), 1).specs();
    }

    /** The memory a network model holds while training on batches of {@code batchSize} ({@link Network#memoryBytes()}). */
    public static long memoryBytes(String id, Map<String, String> hyperparameters, Shape input, int outputs, Network.Loss loss, int batchSize) {
        return build(id, hyperparameters, input, outputs, loss, new CountingBackend(), batchSize).memoryBytes();
    }

    /**
     * How many leading layers a network model takes from another when finetuned from it ({@link WeightFile.Saved#transplant}),
     * without allocating either's memory.
     */
    public static int sharedLayers(String baseId, Map<String, String> baseHyperparameters, Shape baseInput, String id,
                                   Map<String, String> hyperparameters, Shape input, int outputs, Network.Loss loss) {
        Network base = build(baseId, baseHyperparameters, baseInput, outputs, loss, new CountingBackend(), 1);
        Network network = build(id, hyperparameters, input, outputs, loss, new CountingBackend(), 1);
        return Network.matchingLeadingLayers(base.input(), base.specs(), network.input(), network.specs());
    }

    private static int[] sizes(int inputs, String hidden, int outputs) {
        List<Integer> sizes = new ArrayList<>();
        sizes.add(inputs);
        if (hidden != null && !hidden.isBlank()) {
            for (String part : hidden.split(",")) {
                sizes.add(positive("hidden", part.trim(), 1 << 16));
            }
        }
        sizes.add(outputs);
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int positive(String name, String value, int max) {
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1 && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'" + name + "' must be whole numbers from 1 to " + max + ", got '" + value + "'");
    }

    private static float rate(String value) {
        try {
            float v = Float.parseFloat(value.trim());
            if (v >= 0f && v < 1f) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("'dropout' must be a number from 0 up to (not including) 1, got '" + value + "'");
    }

    @Override
    public String toString() {
        return Arrays.toString(MODELS.stream().map(m -> m.id().toLowerCase(Locale.ROOT)).toArray());
    }
}
