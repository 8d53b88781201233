package org.mlarena.web.faces.experiment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mlarena.experiment.boundary.ExperimentDraft;
import org.mlarena.numerics.nn.ModelZoo;

/**
 * What the Training tab's form holds: a model of the zoo for the use case's category with its hyperparameters
 * (prefilled with the model's defaults), the optimisation settings, seed, notes, and an experiment to finetune from.
 * The boundary checks all of it; this class only carries the values between the page and the draft.
 */
public class TrainingForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A model the form offers. */
    public record ModelOption(String id, String name, String description) implements Serializable {
    }

    /** An experiment whose weights a new one may start from. */
    public record Origin(long id, String label) implements Serializable {
    }

    /** One hyperparameter of the chosen model, editable. */
    public static final class Hyper implements Serializable {

        private static final long serialVersionUID = 1L;
        private final String name;
        private final String defaultValue;
        private String value;

        Hyper(String name, String defaultValue) {
            this.name = name;
            this.defaultValue = defaultValue;
            this.value = defaultValue;
        }

        public String getName() {
            return name;
        }

        public String getDefaultValue() {
            return defaultValue;
        }

        public String getValue() {
            return value;
        }

        public void setValue(String value) {
            this.value = value;
        }
    }

    private final List<ModelOption> models;
    private final boolean text;
    private List<Origin> origins = List.of();
    private String model;
    private List<Hyper> hyperparameters = new ArrayList<>();
    private String title;
    /** Left empty, epochs, batch size, learning rate and patience take the defaults sized to the data and model. */
    private Integer epochs;
    private Integer batchSize;
    private Double learningRate;
    private Integer patience;
    private String schedule = "constant";
    /** Empty: the optimizer's (L-BFGS keeps its last iteration, the others their lowest validation loss). */
    private String monitor = "";
    private boolean standardize = true;
    /** Empty: the model's (on a table the linear models' L-BFGS, else Adam). */
    private String optimizer = "";
    private Double weightDecay;
    private Long seed = 42L;
    private String notes;
    private Integer buckets;
    private Long finetuneFrom;
    private Integer frozenLayers = 0;

    public TrainingForm(String category) {
        ModelZoo.Category zooCategory = ModelZoo.Category.valueOf(category);
        this.models = ModelZoo.models(zooCategory).stream().map(m -> new ModelOption(m.id(), m.name(), m.description())).toList();
        this.text = zooCategory == ModelZoo.Category.TEXT_CLASSIFICATION;
        if (!models.isEmpty()) {
            model = models.get(0).id();
            modelChosen();
        }
    }

    /** The model changed: its own hyperparameters with their defaults replace the former ones. */
    public void modelChosen() {
        hyperparameters = new ArrayList<>();
        if (model == null) {
            return;
        }
        ModelZoo.MODELS.stream().filter(m -> m.id().equals(model)).findFirst()
                .ifPresent(m -> m.defaults().forEach((name, value) -> hyperparameters.add(new Hyper(name, value))));
    }

    /** Whether the chosen model is one the team writes ({@value ModelZoo#ARCHITECTURE}): the editor replaces the text fields. */
    public boolean isArchitectureModel() {
        return ModelZoo.ARCHITECTURE.equals(model);
    }

    /** The architecture's JSON, the value of the hyperparameter of that name. */
    public String getArchitecture() {
        return hyperparameters.stream().filter(h -> h.getName().equals(ModelZoo.ARCHITECTURE)).map(Hyper::getValue).findFirst().orElse(null);
    }

    public void setArchitecture(String architecture) {
        hyperparameters.stream().filter(h -> h.getName().equals(ModelZoo.ARCHITECTURE)).findFirst().ifPresent(h -> h.setValue(architecture));
    }

    /** The hyperparameters shown as text fields: all but the architecture, which has its editor. */
    public List<Hyper> getFieldHyperparameters() {
        return hyperparameters.stream().filter(h -> !h.getName().equals(ModelZoo.ARCHITECTURE)).toList();
    }

    /** The draft the boundary checks; empty hyperparameter fields take the model's default. */
    public ExperimentDraft draft() {
        Map<String, String> hyper = new LinkedHashMap<>();
        for (Hyper h : hyperparameters) {
            if (h.getValue() != null && !h.getValue().isBlank()) {
                hyper.put(h.getName(), h.getValue().strip());
            } else if (h.getName().equals(ModelZoo.ARCHITECTURE)) {
                // an emptied editor is refused as empty, not trained as the model's default architecture
                hyper.put(h.getName(), "");
            }
        }
        if (text && buckets != null) {
            hyper.put("buckets", Integer.toString(buckets));
        }
        // boosting has no optimizer or schedule: the menus always hold one, so they are left out for it
        boolean trees = ModelZoo.MODELS.stream().anyMatch(m -> m.id().equals(model) && m.isTrees());
        return new ExperimentDraft(title, model, hyper, seed, epochs, batchSize, learningRate, trees ? null : chosen(optimizer), weightDecay, notes,
                finetuneFrom, finetuneFrom == null ? null : frozenLayers, patience, null, chosen(monitor), trees ? null : schedule, standardize, null);
    }

    /** A menu's choice, or null for its first item, "the default". */
    private static String chosen(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The client id of the input for a field the boundary names, relative to the form {@code form}; null for none.
     */
    public String clientId(String form, String field) {
        if (field.startsWith("hyperparameters.")) {
            String name = field.substring("hyperparameters.".length());
            if (name.equals("buckets")) {
                return form + ":buckets";
            }
            if (name.equals(ModelZoo.ARCHITECTURE)) {
                return form + ":architecture";
            }
            List<Hyper> fields = getFieldHyperparameters();
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).getName().equals(name)) {
                    return form + ":hyperparameters:" + i + ":hyper-value";
                }
            }
            return form + ":model";
        }
        return switch (field) {
            case "title", "model", "epochs", "batchSize", "learningRate", "optimizer", "weightDecay", "seed", "notes", "finetuneFrom",
                 "frozenLayers" -> form + ":" + field;
            case "hyperparameters" -> getFieldHyperparameters().isEmpty() ? form + ":model" : form + ":hyperparameters:0:hyper-value";
            default -> null;
        };
    }

    public List<ModelOption> getModels() {
        return models;
    }

    public boolean isText() {
        return text;
    }

    public List<Origin> getOrigins() {
        return origins;
    }

    public void setOrigins(List<Origin> origins) {
        this.origins = List.copyOf(origins);
    }

    public String getModelDescription() {
        return models.stream().filter(m -> m.id().equals(model)).map(ModelOption::description).findFirst().orElse("");
    }

    public String getModel() {
        return model;
    }

    public void setModel(String model) {
        this.model = model;
    }

    public List<Hyper> getHyperparameters() {
        return hyperparameters;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public Integer getPatience() {
        return patience;
    }

    public void setPatience(Integer patience) {
        this.patience = patience;
    }

    public String getMonitor() {
        return monitor;
    }

    public void setMonitor(String monitor) {
        this.monitor = monitor;
    }

    public String getSchedule() {
        return schedule;
    }

    public void setSchedule(String schedule) {
        this.schedule = schedule;
    }

    public boolean isStandardize() {
        return standardize;
    }

    public void setStandardize(boolean standardize) {
        this.standardize = standardize;
    }

    public Integer getEpochs() {
        return epochs;
    }

    public void setEpochs(Integer epochs) {
        this.epochs = epochs;
    }

    public Integer getBatchSize() {
        return batchSize;
    }

    public void setBatchSize(Integer batchSize) {
        this.batchSize = batchSize;
    }

    public Double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(Double learningRate) {
        this.learningRate = learningRate;
    }

    public String getOptimizer() {
        return optimizer;
    }

    public void setOptimizer(String optimizer) {
        this.optimizer = optimizer;
    }

    public Double getWeightDecay() {
        return weightDecay;
    }

    public void setWeightDecay(Double weightDecay) {
        this.weightDecay = weightDecay;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    public Integer getBuckets() {
        return buckets;
    }

    public void setBuckets(Integer buckets) {
        this.buckets = buckets;
    }

    public Long getFinetuneFrom() {
        return finetuneFrom;
    }

    public void setFinetuneFrom(Long finetuneFrom) {
        this.finetuneFrom = finetuneFrom;
    }

    public Integer getFrozenLayers() {
        return frozenLayers;
    }

    public void setFrozenLayers(Integer frozenLayers) {
        this.frozenLayers = frozenLayers;
    }
}
