package org.mlarena.experiment.control;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.mlarena.common.InvalidInputException;
import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.numerics.nn.ModelZoo;
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
        int epochs, int batchSize, Optimizer optimizer, ModelZoo.Figures figures) {

    public static final String BUCKETS = "buckets";
    public static final int DEFAULT_BUCKETS = 4096;
    public static final int MAX_EPOCHS = 500;
    public static final int MAX_BATCH = 4096;

    /** Every training setting, as a person chose it. */
    public record Settings(String model, Map<String, String> hyperparameters, Integer epochs, Integer batchSize,
            Double learningRate, String optimizer, Double weightDecay) {
    }

    /** The model the settings describe on this dataset, or every wrong setting at once. */
    public static TrainingPlan of(ModelZoo.Category category, Dataset dataset, Settings settings) {
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String model = settings.model() == null ? null : settings.model().strip();
        if (model == null || model.isEmpty()) {
            errors.add("model", "Choose a model: for " + category + " one of " + ids(category) + ".");
        } else if (ModelZoo.MODELS.stream().noneMatch(m -> m.id().equals(model))) {
            errors.add("model", "There is no model '" + model + "'; for " + category + " choose one of " + ids(category) + ".");
        } else if (!ModelZoo.model(model).categories().contains(category)) {
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
        int epochs = range(errors, "epochs", settings.epochs(), 5, 1, MAX_EPOCHS);
        int batch = range(errors, "batchSize", settings.batchSize(), 64, 1, MAX_BATCH);
        double rate = settings.learningRate() == null ? 0.001 : settings.learningRate();
        if (!(rate > 0 && rate <= 10)) {
            errors.add("learningRate", "The learning rate must be more than 0 and at most 10, got " + rate + ".");
        }
        double decay = settings.weightDecay() == null ? 0 : settings.weightDecay();
        if (!(decay >= 0 && decay < 1)) {
            errors.add("weightDecay", "Weight decay must be from 0 to below 1, got " + decay + ".");
        }
        String optimizerName = settings.optimizer() == null ? "adam" : settings.optimizer().strip().toLowerCase(Locale.ROOT);
        if (!optimizerName.equals("adam") && !optimizerName.equals("sgd")) {
            errors.add("optimizer", "The optimizer is 'adam' (AdamW) or 'sgd' (with momentum 0.9), got '" + settings.optimizer() + "'.");
        }
        errors.throwIfAny();
        Optimizer optimizer = optimizer(optimizerName, rate, decay);
        Shape input = inputShape(dataset, buckets);
        int outputs = category == ModelZoo.Category.TABULAR_REGRESSION ? 1 : dataset.classNameList().size();
        ModelZoo.Figures figures;
        try {
            figures = ModelZoo.figures(model, hyper, input, outputs, batch, optimizer);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("hyperparameters", e.getMessage() + ".");
        }
        return new TrainingPlan(model, Map.copyOf(hyper), input, outputs, buckets, epochs, batch, optimizer, figures);
    }

    /**
     * A new experiment that trains this plan, sized by the model's figures; text use cases keep their bucket
     * count among the hyperparameters. Learning rate, optimizer and weight decay as the settings chose them.
     */
    public Experiment experiment(UseCase useCase, Team team, String createdBy, String title, Long seed, Settings settings, String notes,
                                 Instant at) {
        Map<String, String> hyper = new LinkedHashMap<>(hyperparameters);
        if (useCase.getCategory() == ModelZoo.Category.TEXT_CLASSIFICATION) {
            hyper.put(BUCKETS, Integer.toString(buckets));
        }
        Experiment experiment = new Experiment(useCase, team, createdBy, title, model, hyper, seed == null ? 42 : seed, epochs, batchSize,
                settings.learningRate() == null ? 0.001 : settings.learningRate(),
                settings.optimizer() == null ? "adam" : settings.optimizer().strip().toLowerCase(Locale.ROOT),
                settings.weightDecay() == null ? 0 : settings.weightDecay(), notes, at);
        experiment.sized(figures.parameters(), figures.bytes(), figures.inferenceFlopsPerSample());
        return experiment;
    }

    /** The optimiser a setting names: "adam" (AdamW, betas 0.9 and 0.999) or "sgd" (momentum 0.9). */
    public static Optimizer optimizer(String name, double learningRate, double weightDecay) {
        return "adam".equals(name) ? new Optimizer.Adam((float) learningRate, 0.9f, 0.999f, 1e-8f, (float) weightDecay)
                : new Optimizer.Sgd((float) learningRate, 0.9f, (float) weightDecay);
    }

    /** What a model sees of one sample of this dataset. */
    public static Shape inputShape(Dataset dataset, int buckets) {
        DatasetFormat format = dataset.getFormat();
        return switch (format) {
            case IDX -> new Shape(1, dataset.getImageRows(), dataset.getImageColumns());
            case CSV -> Shape.vector(dataset.featureNameList().size());
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
