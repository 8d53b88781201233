package org.mlarena.web.faces.experiment;

import static org.mlarena.web.faces.Display.finite;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.experiment.entity.EpochRecord;
import org.mlarena.experiment.entity.Experiment;

/**
 * One experiment in full on the Training tab: its settings, figures, metrics and its learning curves as two Chart.js
 * configurations (loss per epoch; validation metrics per epoch) for PrimeFaces' {@code p:chart}.
 */
public record ExperimentDetails(ExperimentRow row, String createdBy, String createdAt, Map<String, String> hyperparameters, long seed,
                                int batchSize, double learningRate, String optimizer, double weightDecay, String notes, String finetunedFrom,
                                int frozenLayers, Double precision, Double recall, Double validationLoss, int parameters, long modelBytes,
                                long inferenceFlopsPerSample, Double energyJoules, boolean energyMeasured, String device, int epochsRecorded,
                                String lossChart, String metricChart, Integer bestEpoch, int patience, String monitor, String schedule,
                                String preprocessing) implements Serializable {

    public static ExperimentDetails of(Experiment e, List<EpochRecord> curves, String metricName, Function<java.time.Instant, String> when) {
        return new ExperimentDetails(ExperimentRow.of(e), e.getCreatedBy(), when.apply(e.getCreatedAt()), Map.copyOf(e.getHyperparameters()),
                e.getSeed(), e.getBatchSize(), e.getLearningRate(), e.getOptimizer(), e.getWeightDecay(), e.getNotes(),
                e.getFinetuneFrom() == null ? null : "#" + e.getFinetuneFrom().getId() + " " + e.getFinetuneFrom().getTitle(), e.getFrozenLayers(),
                finite(e.getPrecision()), finite(e.getRecall()), finite(e.getValidationLoss()), e.getParameters(), e.getModelBytes(),
                e.getInferenceFlopsPerSample(), finite(e.getEnergyJoules()), e.isEnergyMeasured(), e.getDevice(), curves.size(),
                lossChart(curves, e.getBestEpoch()), metricChart(curves, metricName, e.getBestEpoch()), e.getBestEpoch(), e.getPatience(), e.getMonitor(),
                e.getSchedule(), e.getPreprocessing());
    }

    /** Trained by L-BFGS: no learning rate or schedule, and the weight decay is its L2 penalty. */
    public boolean lbfgs() {
        return TrainingPlan.LBFGS.equals(optimizer);
    }

    public List<Map.Entry<String, String>> hyperparameterList() {
        return hyperparameters.entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
    }

    static String lossChart(List<EpochRecord> curves, Integer bestEpoch) {
        JsonArrayBuilder datasets = Json.createArrayBuilder()
                .add(dataset("Training loss", "#2563eb", curves, r -> r.getTrainingLoss()))
                .add(dataset("Validation loss", "#dc2626", curves, r -> r.getValidationLoss()));
        if (bestEpoch != null) {
            datasets.add(best(curves, bestEpoch, r -> r.getValidationLoss()));
        }
        return config(curves, datasets, "Loss per epoch", "loss");
    }

    static String metricChart(List<EpochRecord> curves, String metricName, Integer bestEpoch) {
        JsonArrayBuilder datasets = Json.createArrayBuilder().add(dataset(metricName + " (validation)", "#059669", curves, r -> r.getValidationScore()));
        if (bestEpoch != null) {
            datasets.add(best(curves, bestEpoch, r -> r.getValidationScore()));
        }
        if (curves.stream().anyMatch(r -> r.getAccuracy() != null)) {
            datasets.add(dataset("Accuracy", "#7c3aed", curves, EpochRecord::getAccuracy));
        }
        if (curves.stream().anyMatch(r -> r.getF1() != null)) {
            datasets.add(dataset("F1", "#d97706", curves, EpochRecord::getF1));
        }
        return config(curves, datasets, "Validation metrics per epoch", metricName);
    }

    /** The best epoch (the one the model holds) as one large point on the validation curve. */
    private static JsonObjectBuilder best(List<EpochRecord> curves, int bestEpoch, Function<EpochRecord, Double> value) {
        return dataset("Best epoch (" + bestEpoch + "): the model", "#111827", curves, r -> r.getEpoch() == bestEpoch ? value.apply(r) : null)
                .add("showLine", false).add("pointRadius", 7).add("pointStyle", "rectRot");
    }

    private static JsonObjectBuilder dataset(String label, String colour, List<EpochRecord> curves, Function<EpochRecord, Double> value) {
        JsonArrayBuilder data = Json.createArrayBuilder();
        for (EpochRecord r : curves) {
            Double v = value.apply(r);
            if (v == null || !Double.isFinite(v)) {
                data.addNull();
            } else {
                data.add(v);
            }
        }
        return Json.createObjectBuilder().add("label", label).add("data", data).add("borderColor", colour).add("backgroundColor", colour)
                .add("fill", false).add("tension", 0.2).add("pointRadius", 3);
    }

    private static String config(List<EpochRecord> curves, JsonArrayBuilder datasets, String title, String yTitle) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        curves.forEach(r -> labels.add(r.getEpoch()));
        return Json.createObjectBuilder()
                .add("type", "line")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", datasets))
                .add("options", Json.createObjectBuilder()
                        .add("animation", false)
                        .add("maintainAspectRatio", false)
                        .add("plugins", Json.createObjectBuilder().add("title", Json.createObjectBuilder().add("display", true).add("text", title)))
                        .add("scales", Json.createObjectBuilder()
                                .add("x", Json.createObjectBuilder().add("title", Json.createObjectBuilder().add("display", true).add("text", "epoch")))
                                .add("y", Json.createObjectBuilder().add("title", Json.createObjectBuilder().add("display", true).add("text", yTitle)))))
                .build().toString();
    }

}
