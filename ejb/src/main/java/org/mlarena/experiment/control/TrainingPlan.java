package org.mlarena.experiment.control;

import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mlarena.common.InvalidInputException;
import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.numerics.nn.Architecture;
import org.mlarena.numerics.nn.EarlyStopping;
import org.mlarena.numerics.nn.LayerSpec;
import org.mlarena.numerics.nn.Lbfgs;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.Optimizer;
import org.mlarena.numerics.nn.Shape;
import org.mlarena.team.entity.Team;
import org.mlarena.usecase.entity.UseCase;

/**
 * What training a model on a dataset means in numbers: the input shape and outputs the dataset gives the
 * model, the optimizer, and the model's figures (parameters, bytes, FLOPs per sample). Checks every setting a
 * person chooses and reports all wrong ones at once.
 *
 * @param model           zoo id
 * @param hyperparameters the model's own hyperparameters (without {@code buckets})
 * @param buckets         text only: the size of the bag-of-words vectors
 */
public record TrainingPlan(String model, Map<String, String> hyperparameters, Shape input, int outputs, int buckets,
        int epochs, int batchSize, double learningRate, String optimizerName, double weightDecay, int patience, double minDelta, String monitor, String schedule, boolean standardize, ModelZoo.Figures figures) {

    public static final String BUCKETS = "buckets";
    /** The field an architecture's problems are reported on. */
    public static final String HYPER_ARCHITECTURE = "hyperparameters." + ModelZoo.ARCHITECTURE;
    public static final int DEFAULT_BUCKETS = 4096;
    public static final int MAX_EPOCHS = 500;
    public static final int MAX_BATCH = 4096;
    /**
     * Optimiser steps the default epochs and batch size aim at: enough for the zoo's models to converge on a
     * standardised table of a few hundred rows at their default learning rates (see bench/quality.sh).
     */
    public static final int TARGET_STEPS = 2000;
    public static final int MIN_DEFAULT_EPOCHS = 10;
    public static final int MAX_DEFAULT_EPOCHS = MAX_EPOCHS;
    public static final List<String> SCHEDULES = List.of("constant", "cosine");
    public static final List<String> MONITORS = Arrays.stream(EarlyStopping.Monitor.values()).map(EarlyStopping.Monitor::setting).toList();
    /** Full-batch L-BFGS ({@link Lbfgs}): the linear models' default on tables. */
    public static final String LBFGS = "lbfgs";
    public static final List<String> OPTIMIZERS = List.of("adam", "sgd", LBFGS);
    /** Boosting: rounds without a better validation loss before it stops (scikit-learn's n_iter_no_change). */
    public static final int DEFAULT_ROUNDS_PATIENCE = 10;
    /** What a boosted model's experiment records as its optimizer. */
    public static final String NO_OPTIMIZER = "none";

    /**
     * Every training setting, as a person chose it; null means the default.
     *
     * @param patience    early stopping: epochs without a better validation score before training stops (0: never)
     * @param minDelta    early stopping: by how much the validation loss or score must beat the best to count as better
     * @param monitor     early stopping and the best epoch: the validation "loss" (default), the use case's "score", or
     *                    the "last" epoch (L-BFGS's default)
     * @param schedule    the learning rate per epoch: "constant" or "cosine"
     * @param standardize tables: standardise the numeric features (and regression targets) with the training split's
     *                    statistics; missing values are imputed either way
     */
    public record Settings(String model, Map<String, String> hyperparameters, Integer epochs, Integer batchSize,
            Double learningRate, String optimizer, Double weightDecay, Integer patience, Double minDelta, String monitor, String schedule,
            Boolean standardize) {

        public Settings(String model, Map<String, String> hyperparameters, Integer epochs, Integer batchSize, Double learningRate,
                String optimizer, Double weightDecay) {
            this(model, hyperparameters, epochs, batchSize, learningRate, optimizer, weightDecay, null, null, null, null, null);
        }
    }

    /** The model the settings describe on this dataset, or every wrong setting at once; no budget limits the default epochs. */
    public static TrainingPlan of(ModelZoo.Category category, Dataset dataset, Settings settings) {
        return of(category, dataset, settings, Long.MAX_VALUE);
    }

    /**
     * The model the settings describe on this dataset, or every wrong setting at once. Epochs and batch size left open
     * follow the training split's size ({@link #defaultBatchSize}, {@link #defaultEpochs}), or, on a table, what the
     * model's scikit-learn counterpart does ({@link ModelZoo.TableTraining}): the MLPs' batches of up to 200 rows for 200
     * epochs, the linear models' L-BFGS for up to 100 iterations on scikit-learn's penalty, its last iteration the model;
     * default epochs are cut to what {@code budgetLeftFlops} pays for.
     */
    public static TrainingPlan of(ModelZoo.Category category, Dataset dataset, Settings settings, long budgetLeftFlops) {
        return of(category, dataset, settings, budgetLeftFlops, ModelLimits.NONE);
    }

    /**
     * What a use case's hosts allow its models: at most {@code maxParameters} parameters (whatever the model: the zoo's or
     * an architecture a team wrote), and an augmentation that flips images only with {@code horizontalFlips}.
     */
    public record ModelLimits(long maxParameters, boolean horizontalFlips) {
        /** No use case's: the platform's own limits. */
        public static final ModelLimits NONE = new ModelLimits(Architecture.MAX_PARAMETERS, true);

        public static ModelLimits of(UseCase useCase) {
            return new ModelLimits(useCase.getMaxParameters(), useCase.isHorizontalFlips());
        }
    }

    /** The same, within what the use case's hosts allow its models. */
    public static TrainingPlan of(ModelZoo.Category category, Dataset dataset, Settings settings, long budgetLeftFlops, ModelLimits limits) {
        long maxParameters = limits.maxParameters();
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String model = settings.model() == null ? null : settings.model().strip();
        ModelZoo.Model zooModel = ModelZoo.MODELS.stream().filter(m -> m.id().equals(model)).findFirst().orElse(null);
        if (model == null || model.isEmpty()) {
            errors.add("model", "Choose a model: for " + category + " one of " + ids(category) + ".");
        } else if (zooModel == null) {
            errors.add("model", "There is no model '" + model + "'; for " + category + " choose one of " + ids(category) + ".");
        } else if (!zooModel.categories().contains(category)) {
            errors.add("model", "'" + model + "' does not fit " + category + "; choose one of " + ids(category) + ".");
        }
        Map<String, String> hyper = new LinkedHashMap<>(settings.hyperparameters() == null ? Map.of() : settings.hyperparameters());
        int buckets = DEFAULT_BUCKETS;
        String bucketText = hyper.remove(BUCKETS);
        if (bucketText != null) {
            if (category != ModelZoo.Category.TEXT_CLASSIFICATION) {
                errors.add("hyperparameters.buckets", "'buckets' sizes the bag of words of text use cases only.");
            } else {
                buckets = parseInt(errors, "hyperparameters.buckets", bucketText, 16, 1 << 18, DEFAULT_BUCKETS);
            }
        }
        int rows = Math.max(1, dataset.getTrainRows());
        boolean trees = zooModel != null && zooModel.isTrees();
        if (trees) {
            // what does not apply to boosting is refused rather than ignored
            refused(errors, "batchSize", settings.batchSize(), "Gradient boosting sees every training row in each round; leave the batch size out.");
            refused(errors, "optimizer", settings.optimizer(), "Gradient boosting fits each tree to the gradients itself; leave the optimizer out.");
            refused(errors, "weightDecay", settings.weightDecay(), "Gradient boosting regularises its leaves with the hyperparameter 'l2';"
                    + " leave the weight decay out.");
            refused(errors, "schedule", settings.schedule(), "Gradient boosting shrinks every tree by the same learning rate; leave the schedule out.");
        }
        boolean table = category == ModelZoo.Category.TABULAR_CLASSIFICATION || category == ModelZoo.Category.TABULAR_REGRESSION;
        ModelZoo.TableTraining onTables = table && zooModel != null ? zooModel.onTables() : ModelZoo.TableTraining.STEP_BUDGET;
        boolean likeScikitLearn = onTables == ModelZoo.TableTraining.SCIKIT_LEARN_MLP;
        boolean linear = zooModel != null && zooModel.onTables() == ModelZoo.TableTraining.SCIKIT_LEARN_OBJECTIVE;
        Network.Loss loss = loss(category);
        String optimizerName = trees ? NO_OPTIMIZER : settings.optimizer() == null
                ? onTables == ModelZoo.TableTraining.SCIKIT_LEARN_OBJECTIVE ? LBFGS : "adam" : settings.optimizer().strip().toLowerCase(Locale.ROOT);
        if (!trees && !OPTIMIZERS.contains(optimizerName)) {
            errors.add("optimizer", "The optimizer is 'adam' (AdamW), 'sgd' (with momentum 0.9) or 'lbfgs' (full-batch L-BFGS), got '"
                    + settings.optimizer() + "'.");
        }
        boolean lbfgs = LBFGS.equals(optimizerName);
        if (lbfgs) {
            refused(errors, "learningRate", settings.learningRate(), "L-BFGS finds the length of each step by a line search; leave the learning rate out.");
        }
        // L-BFGS: the batch is how many rows one launch computes the gradients of; every iteration sees all of them
        int batch = trees ? rows : range(errors, "batchSize", settings.batchSize(), lbfgs ? Math.min(rows, MAX_BATCH)
                : likeScikitLearn ? Math.min(ModelZoo.SCIKIT_LEARN_BATCH, rows) : defaultBatchSize(rows), 1, MAX_BATCH);
        int epochs = range(errors, "epochs", settings.epochs(), trees ? ModelZoo.SCIKIT_LEARN_ROUNDS : lbfgs ? ModelZoo.SCIKIT_LEARN_ITERATIONS
                : likeScikitLearn ? ModelZoo.SCIKIT_LEARN_EPOCHS : defaultEpochs(rows, Math.max(1, batch)), 1, MAX_EPOCHS);
        // a solver that converges, and boosting on a table too small for scikit-learn to stop early, keep their last epoch
        boolean keepLast = lbfgs || trees && settings.patience() == null && rows <= ModelZoo.SCIKIT_LEARN_EARLY_STOPPING_ROWS;
        String monitor = settings.monitor() == null ? (keepLast ? EarlyStopping.Monitor.LAST : EarlyStopping.Monitor.LOSS).setting()
                : settings.monitor().strip().toLowerCase(Locale.ROOT);
        if (!MONITORS.contains(monitor)) {
            errors.add("monitor", "The best epoch is the one of the lowest validation 'loss', of the best validation 'score' (the use case's metric),"
                    + " or the 'last' (no early stopping), got '" + settings.monitor() + "'.");
        }
        boolean last = monitor.equals(EarlyStopping.Monitor.LAST.setting());
        if (last && settings.patience() != null && settings.patience() > 0) {
            errors.add("patience", "With the best epoch taken as the last there is nothing to stop early on; leave the patience out, or"
                    + " monitor the validation 'loss' or 'score'.");
        }
        int patience = range(errors, "patience", settings.patience(), last ? 0 : trees ? DEFAULT_ROUNDS_PATIENCE : Math.max(10, epochs / 10), 0, MAX_EPOCHS);
        double minDelta = settings.minDelta() == null ? 0 : settings.minDelta();
        if (!(minDelta >= 0 && minDelta < 1e9)) {
            errors.add("minDelta", "minDelta is how much better a validation score must be to count: 0 or more, got " + minDelta + ".");
        }
        String schedule = settings.schedule() == null ? SCHEDULES.get(0) : settings.schedule().strip().toLowerCase(Locale.ROOT);
        if (!SCHEDULES.contains(schedule)) {
            errors.add("schedule", "The learning-rate schedule is one of " + SCHEDULES + ", got '" + settings.schedule() + "'.");
        } else if (lbfgs && !schedule.equals(SCHEDULES.get(0))) {
            errors.add("schedule", "L-BFGS has no learning rate to schedule (a line search finds each step); leave the schedule out.");
        }
        boolean standardize = settings.standardize() == null || settings.standardize();
        // L-BFGS: 1, the step its line search tries first
        double rate = lbfgs ? 1 : settings.learningRate() != null ? settings.learningRate() : zooModel != null ? zooModel.learningRate() : 0.001;
        double maxRate = trees ? 1 : 10;
        if (!(rate > 0 && rate <= maxRate)) {
            errors.add("learningRate", "The learning rate must be more than 0 and at most " + (trees ? "1 (it shrinks every tree)" : "10") + ", got " + rate + ".");
        }
        int outputs = category == ModelZoo.Category.TABULAR_REGRESSION ? 1 : dataset.classNameList().size();
        double decay = trees ? 0 : settings.weightDecay() != null ? settings.weightDecay()
                : lbfgs && linear ? ModelZoo.scikitLearnPenalty(loss, outputs, rows) : zooModel != null ? zooModel.weightDecay() : 0;
        if (!(decay >= 0 && decay < 1)) {
            errors.add("weightDecay", "Weight decay must be from 0 to below 1, got " + decay + ".");
        }
        errors.throwIfAny();
        Optimizer optimizer = optimizer(optimizerName, rate, decay);
        Shape input = inputShape(dataset, buckets);
        ModelZoo.Figures figures;
        try {
            figures = ModelZoo.figures(model, hyper, input, outputs, loss, batch, optimizer);
        } catch (Architecture.InvalidArchitectureException e) {
            // each problem on its own, named by the layer's place in the JSON
            e.problems().forEach(problem -> errors.add(HYPER_ARCHITECTURE, problem + "."));
            errors.throwIfAny();
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("hyperparameters", e.getMessage() + ".");
        }
        if (!limits.horizontalFlips() && ModelZoo.ARCHITECTURE.equals(model)
                && Architecture.compile(hyper.get(ModelZoo.ARCHITECTURE), input, outputs, Architecture.MAX_PARAMETERS).layers().get(0)
                instanceof LayerSpec.Augment augment && augment.flip()) {
            throw new InvalidInputException(HYPER_ARCHITECTURE, "layers[0] (augment): this use case's hosts do not let training mirror its images"
                    + " (a mirrored image may show another class, as a mirrored digit does); leave 'flip' out.");
        }
        if (lbfgs) {
            String unsupported = Lbfgs.unsupported(ModelZoo.specs(model, hyper, input, outputs, loss));
            if (unsupported != null) {
                throw new InvalidInputException("optimizer", "L-BFGS needs a training pass that depends on the weights alone, and this model has "
                        + unsupported + ": choose 'adam' or 'sgd', or a model without " + unsupported + ".");
            }
        }
        if (!trees && figures.parameters() > maxParameters) {
            throw new InvalidInputException(ModelZoo.ARCHITECTURE.equals(model) ? HYPER_ARCHITECTURE : "hyperparameters",
                    String.format(Locale.ROOT, "The model has %,d parameters; this use case allows at most %,d: make its layers narrower or fewer.",
                            figures.parameters(), maxParameters));
        }
        if (!trees) {
            long memory = ModelZoo.memoryBytes(model, hyper, input, outputs, loss, batch);
            long allowed = memoryPerRun();
            if (memory > allowed) {
                throw new InvalidInputException("batchSize", String.format(Locale.ROOT, "Training this model on batches of %d holds %.1f GB"
                        + " (its weights, gradients, optimiser state and each layer's activations for a batch); a run may hold %.1f GB"
                        + " on this server: make the batch or the layers smaller.", batch, memory / 1e9, allowed / 1e9));
            }
        }
        long preprocessing = 0;
        if (dataset.getFormat() == DatasetFormat.CSV) {
            // the preprocessing of the features (and the restored target) is part of the model's inference, counted as
            // Preprocessing.flopsPerSample counts it
            int categorical = dataset.categoricalColumnList().size();
            preprocessing = 2L * (dataset.featureNameList().size() - categorical) + categorical
                    + (category == ModelZoo.Category.TABULAR_REGRESSION ? 2 : 0);
            figures = new ModelZoo.Figures(figures.parameters(), figures.bytes(), figures.inferenceFlopsPerSample() + preprocessing,
                    figures.trainingFlopsPerSample() + preprocessing);
        }
        long perEpoch = figures.trainingFlopsPerSample() * rows;
        if (settings.epochs() == null && perEpoch > 0 && budgetLeftFlops / perEpoch < epochs) {
            epochs = (int) Math.max(1, budgetLeftFlops / perEpoch);
            patience = settings.patience() != null || patience == 0 ? patience : trees ? DEFAULT_ROUNDS_PATIENCE : Math.max(10, epochs / 10);
        }
        if (trees) {
            // a round's figures times the rounds: the most the model can grow to; the trained model's counts replace them
            figures = new ModelZoo.Figures((int) Math.min(Integer.MAX_VALUE, (long) figures.parameters() * epochs), figures.bytes() * epochs,
                    (figures.inferenceFlopsPerSample() - preprocessing) * epochs + preprocessing, figures.trainingFlopsPerSample());
        }
        return new TrainingPlan(model, Map.copyOf(hyper), input, outputs, buckets, epochs, batch, rate, optimizerName, decay, patience, minDelta, monitor, schedule, standardize, figures);
    }

    /**
     * The batch size for a training split of {@code rows}: about a sixteenth of it as a power of two, from 16 to 256,
     * so that a small table still gets several steps per epoch and a large one batches that use the device.
     */
    public static int defaultBatchSize(int rows) {
        return Math.max(16, Math.min(256, Integer.highestOneBit(Math.max(1, rows / 16))));
    }

    /** Epochs that give about {@link #TARGET_STEPS} optimiser steps, from 10 to {@link #MAX_EPOCHS} (early stopping ends most runs sooner). */
    public static int defaultEpochs(int rows, int batchSize) {
        int steps = (rows + batchSize - 1) / batchSize;
        return Math.max(MIN_DEFAULT_EPOCHS, Math.min(MAX_DEFAULT_EPOCHS, (TARGET_STEPS + steps - 1) / steps));
    }

    /**
     * A new experiment that trains this plan, sized by the model's figures; text use cases keep their bucket
     * count among the hyperparameters. Learning rate, optimizer and weight decay as the settings chose them.
     */
    public Experiment experiment(UseCase useCase, Team team, String createdBy, String title, Long seed, String notes, Instant at) {
        Map<String, String> hyper = new LinkedHashMap<>(hyperparameters);
        if (useCase.getCategory() == ModelZoo.Category.TEXT_CLASSIFICATION) {
            hyper.put(BUCKETS, Integer.toString(buckets));
        }
        Experiment experiment = new Experiment(useCase, team, createdBy, title, model, hyper, seed == null ? 42 : seed, epochs, batchSize,
                learningRate, optimizerName, weightDecay, notes, at);
        experiment.stopping(patience, minDelta, monitor, schedule, standardize);
        experiment.sized(figures.parameters(), figures.bytes(), figures.inferenceFlopsPerSample());
        return experiment;
    }

    private static void refused(InvalidInputException.Collector errors, String field, Object value, String message) {
        if (value != null) {
            errors.add(field, message);
        }
    }

    /**
     * The memory one training run may hold: a quarter of the server's heap, so that a run, its scoring and the pages
     * keep room (the pipeline runs one training at a time by default).
     */
    public static long memoryPerRun() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /**
     * The step-by-step optimiser a setting names: "adam" (AdamW, betas 0.9 and 0.999) or "sgd" (momentum 0.9); null for
     * "lbfgs", which is no per-batch step ({@link Lbfgs}, its penalty the weight decay).
     */
    public static Optimizer optimizer(String name, double learningRate, double weightDecay) {
        return switch (name) {
            case "adam" -> new Optimizer.Adam((float) learningRate, 0.9f, 0.999f, 1e-8f, (float) weightDecay);
            case LBFGS -> null;
            default -> new Optimizer.Sgd((float) learningRate, 0.9f, (float) weightDecay);
        };
    }

    /** The loss a network trains with in a category: mean squared error for regression, softmax cross-entropy else. */
    public static Network.Loss loss(ModelZoo.Category category) {
        return category == ModelZoo.Category.TABULAR_REGRESSION ? Network.Loss.MEAN_SQUARED_ERROR : Network.Loss.SOFTMAX_CROSS_ENTROPY;
    }

    /** The bag-of-words size stored among an experiment's hyperparameters (text), or the default. */
    public static int buckets(Map<String, String> hyperparameters) {
        String value = hyperparameters.get(BUCKETS);
        return value == null ? DEFAULT_BUCKETS : Integer.parseInt(value);
    }

    /**
     * How many leading layers this plan's model takes from the experiment it finetunes: the same layers on the same input
     * (boosted trees have none to share but boost on from the same model).
     */
    public int layersSharedWith(Experiment base, Dataset dataset, ModelZoo.Category category) {
        if (ModelZoo.model(base.getModel()).isTrees() || ModelZoo.model(model).isTrees()) {
            return base.getModel().equals(model) ? 1 : 0;
        }
        Map<String, String> baseSettings = base.modelSettings();
        Shape baseInput = inputShape(dataset, buckets(baseSettings));
        baseSettings.remove(BUCKETS);
        try {
            return ModelZoo.sharedLayers(base.getModel(), baseSettings, baseInput, model, hyperparameters, input, outputs, loss(category));
        } catch (IllegalArgumentException e) {
            // the base's settings no longer build (a model changed since): nothing to share
            return 0;
        }
    }

    /** What a model sees of one sample of this dataset. */
    public static Shape inputShape(Dataset dataset, int buckets) {
        DatasetFormat format = dataset.getFormat();
        return switch (format) {
            case IDX -> new Shape(1, dataset.getImageRows(), dataset.getImageColumns());
            case CSV -> Shape.vector(dataset.inputWidth());
            case TEXT -> Shape.vector(buckets);
        };
    }

    /** FLOPs of training on {@code rows} samples for all epochs (the last batch of an epoch may be smaller). */
    public long trainingFlops(int rows) {
        return figures.trainingFlopsPerSample() * rows * (long) epochs;
    }

    private static String ids(ModelZoo.Category category) {
        return ModelZoo.models(category).stream().map(ModelZoo.Model::id).toList().toString();
    }

    private static int range(InvalidInputException.Collector errors, String field, Integer value, int fallback, int min, int max) {
        int v = value == null ? fallback : value;
        if (v < min || v > max) {
            errors.add(field, field + " must be from " + min + " to " + max + ", got " + v + ".");
        }
        return v;
    }

    private static int parseInt(InvalidInputException.Collector errors, String field, String text, int min, int max, int fallback) {
        try {
            int v = Integer.parseInt(text.strip());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        errors.add(field, field + " must be a whole number from " + min + " to " + max + ", got '" + text + "'.");
        return fallback;
    }
}
