package org.mlarena.experiment.entity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Version;

import org.mlarena.common.RunLifecycle;
import org.mlarena.numerics.nn.Architecture;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.team.entity.Team;
import org.mlarena.usecase.entity.UseCase;

/**
 * A training (or finetuning) run of a model from the zoo on a use case's training split, by a team, or a
 * template run of the use case itself (no team) that newcomers can look at and finetune from. The training
 * pipeline fills in its progress, metrics and resource figures.
 */
@Entity
@Table(name = "EXPERIMENT")
@NamedQuery(name = Experiment.OF_TEAM, query = "SELECT e FROM Experiment e WHERE e.team = :team ORDER BY e.createdAt DESC, e.id DESC")
@NamedQuery(name = Experiment.COUNT_OF_TEAM, query = "SELECT COUNT(e) FROM Experiment e WHERE e.team = :team")
@NamedQuery(name = Experiment.TEMPLATES, query = "SELECT e FROM Experiment e WHERE e.useCase = :useCase AND e.team IS NULL ORDER BY e.createdAt, e.id")
@NamedQuery(name = Experiment.OF_USE_CASE, query = "SELECT e FROM Experiment e WHERE e.useCase = :useCase ORDER BY e.createdAt DESC, e.id DESC")
@NamedQuery(name = Experiment.COUNT_OF_USE_CASE, query = "SELECT COUNT(e) FROM Experiment e WHERE e.useCase = :useCase")
@NamedQuery(name = Experiment.IN_STATUS, query = "SELECT e FROM Experiment e WHERE e.status IN :statuses ORDER BY e.lifecycle.queuedAt, e.id")
@NamedQuery(name = Experiment.REPRODUCING, query = "SELECT e FROM Experiment e WHERE e.reproducesSubmission = :submission AND e.status IN :statuses")
public class Experiment {

    public static final String OF_TEAM = "Experiment.ofTeam";
    public static final String COUNT_OF_TEAM = "Experiment.countOfTeam";
    public static final String TEMPLATES = "Experiment.templates";
    public static final String OF_USE_CASE = "Experiment.ofUseCase";
    public static final String COUNT_OF_USE_CASE = "Experiment.countOfUseCase";
    public static final String IN_STATUS = "Experiment.inStatus";
    public static final String REPRODUCING = "Experiment.reproducing";
    public static final int NOTES_LENGTH = 8000;

    @Id
    @TableGenerator(name = "EXPERIMENT_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "EXPERIMENT", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "EXPERIMENT_IDS")
    private Long id;

    @Version
    private long version;

    @ManyToOne(optional = false)
    private UseCase useCase;

    /** Null for the use case's template experiments. */
    @ManyToOne
    private Team team;

    @Column(nullable = false, length = 200)
    private String createdBy;
    @Column(nullable = false, length = 200)
    private String title;
    @Column(nullable = false, length = 60)
    private String model;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "EXPERIMENT_HYPERPARAMETER", joinColumns = @JoinColumn(name = "EXPERIMENT_ID"))
    @MapKeyColumn(name = "NAME", length = 60)
    @Column(name = "SETTING_VALUE", length = 200)
    private Map<String, String> hyperparameters = new LinkedHashMap<>();

    /** The layers a team wrote (model {@value ModelZoo#ARCHITECTURE}): a hyperparameter too long for the others' column. */
    @Column(length = Architecture.MAX_TEXT)
    private String architecture;

    private long seed;
    private int epochs;
    private int batchSize;
    private double learningRate;
    @Column(length = 10)
    private String optimizer;
    private double weightDecay;
    /** Early stopping: epochs without a better validation score before training stops; 0 never stops. */
    private Integer patience;
    private Double minDelta;
    /** What decides the best epoch: the validation loss or the use case's score. */
    @Column(length = 10)
    private String monitor;
    /** The learning rate per epoch: constant or cosine. */
    @Column(length = 20)
    private String schedule;
    /** Tables: whether numeric features and regression targets are standardised. */
    private Boolean standardize;
    /** The epoch whose weights the model holds: the best validation score so far. */
    private Integer bestEpoch;
    /** Whether the training pipeline submits it for its team as soon as it completes (the demo teams' first models). */
    private Boolean submitWhenCompleted;
    /** What the model does to a row before the network, as the training run fitted it. */
    @Column(length = 2000)
    private String preprocessing;

    @Column(length = NOTES_LENGTH)
    private String notes;

    /** Finetuning: the experiment whose weights this one starts from. */
    @ManyToOne
    private Experiment finetuneFrom;
    /** Finetuning: how many of the first layers keep their weights. */
    private int frozenLayers;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ExperimentStatus status;
    @Embedded
    private RunLifecycle lifecycle;

    @Column(nullable = false)
    private Instant createdAt;

    private int epochsDone;
    private double secondsSpent;
    private Double secondsRemaining;

    private Double validationLoss;
    private Double validationScore;
    private Double accuracy;
    private Double f1;
    private Double precisionScore;
    private Double recall;

    private int parameters;
    private long modelBytes;
    private long inferenceFlopsPerSample;
    private long trainingFlops;
    private Double energyJoules;
    private boolean energyMeasured;
    private Double gco2e;
    @Column(length = 300)
    private String device;

    /** Provenance: the build that trained it ({@code ApplicationVersion}) and the dataset it read ({@code Dataset.checksum}). */
    @Column(length = 120)
    private String applicationVersion;
    @Column(length = 64)
    private String datasetChecksum;

    /** A reproduction: the submission whose model this one trains again from the same stored settings. */
    private Long reproducesSubmission;
    /** A reproduction a host asked for: the platform's audit, charged to no team's budget. */
    private Boolean hostReproduction;

    protected Experiment() {
    }

    public Experiment(UseCase useCase, Team team, String createdBy, String title, String model, Map<String, String> hyperparameters,
            long seed, int epochs, int batchSize, double learningRate, String optimizer, double weightDecay, String notes, Instant createdAt) {
        this.useCase = useCase;
        this.team = team;
        this.createdBy = createdBy;
        this.title = title;
        this.model = model;
        Map<String, String> settings = new LinkedHashMap<>(hyperparameters);
        this.architecture = settings.remove(ModelZoo.ARCHITECTURE);
        this.hyperparameters.putAll(settings);
        this.seed = seed;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.optimizer = optimizer;
        this.weightDecay = weightDecay;
        this.notes = notes;
        this.createdAt = createdAt;
        this.lifecycle = RunLifecycle.queued(createdAt);
        this.status = ExperimentStatus.QUEUED;
    }

    /**
     * A new run of {@code original} from what was stored with it (model, hyperparameters, seed, epochs, optimiser,
     * stopping, preprocessing switch, finetuning base): trained on the same kind of device it gives the same model to the
     * bit, so the same predictions and score.
     */
    public static Experiment reproduction(Experiment original, long submissionId, String by, boolean byHost, Instant at) {
        String title = "Reproduction of submission " + submissionId + " (" + original.title + ")";
        Experiment copy = new Experiment(original.useCase, original.team, by, title.length() <= 200 ? title : title.substring(0, 199) + "…",
                original.model, original.modelSettings(), original.seed, original.epochs, original.batchSize, original.learningRate,
                original.optimizer, original.weightDecay, "Trains experiment " + original.id + " again from its stored settings to check"
                + " that submission " + submissionId + " reproduces.", at);
        copy.patience = original.patience;
        copy.minDelta = original.minDelta;
        copy.monitor = original.monitor;
        copy.schedule = original.schedule;
        copy.standardize = original.standardize;
        copy.finetuneFrom = original.finetuneFrom;
        copy.frozenLayers = original.frozenLayers;
        copy.reproducesSubmission = submissionId;
        copy.hostReproduction = byHost;
        return copy;
    }

    /** The team whose budget pays for this run's compute: none for templates and for a host's reproductions. */
    public Team chargedTeam() {
        return team == null || Boolean.TRUE.equals(hostReproduction) ? null : team;
    }

    public Long getReproducesSubmission() {
        return reproducesSubmission;
    }

    /** Where this run comes from: the build that trains it and the dataset it reads (a resumed run records its own). */
    public void provenance(String applicationVersion, String datasetChecksum) {
        this.applicationVersion = applicationVersion;
        this.datasetChecksum = datasetChecksum;
    }

    public String getApplicationVersion() {
        return applicationVersion;
    }

    public String getDatasetChecksum() {
        return datasetChecksum;
    }

    public void stopping(int patience, double minDelta, String monitor, String schedule, boolean standardize) {
        this.patience = patience;
        this.minDelta = minDelta;
        this.monitor = monitor;
        this.schedule = schedule;
        this.standardize = standardize;
    }

    public void submitWhenCompleted() {
        if (team == null) {
            throw new IllegalStateException("a template experiment has no team to submit for");
        }
        this.submitWhenCompleted = true;
    }

    public boolean isSubmitWhenCompleted() {
        return submitWhenCompleted != null && submitWhenCompleted;
    }

    /** The training run fitted its preprocessing. */
    public void preprocessed(String description) {
        this.preprocessing = description == null || description.length() <= 2000 ? description : description.substring(0, 1999) + "…";
    }

    public void finetune(Experiment from, int frozenLayers) {
        this.finetuneFrom = from;
        this.frozenLayers = frozenLayers;
    }

    public boolean isTemplate() {
        return team == null;
    }

    /**
     * Records the state after an epoch; the learning-curve point is an {@link EpochRecord}. The validation figures are
     * the best epoch's: its weights are what the model file holds and what a submission scores.
     */
    public void progressed(int epochsDone, double secondsSpent, Double secondsRemaining, long trainingFlops, EpochRecord best) {
        this.epochsDone = epochsDone;
        this.secondsSpent = secondsSpent;
        this.secondsRemaining = secondsRemaining;
        this.trainingFlops = trainingFlops;
        this.bestEpoch = best.getEpoch();
        this.validationLoss = best.getValidationLoss();
        this.validationScore = best.getValidationScore();
        this.accuracy = best.getAccuracy();
        this.f1 = best.getF1();
        this.precisionScore = best.getPrecision();
        this.recall = best.getRecall();
    }

    public void sized(int parameters, long modelBytes, long inferenceFlopsPerSample) {
        this.parameters = parameters;
        this.modelBytes = modelBytes;
        this.inferenceFlopsPerSample = inferenceFlopsPerSample;
    }

    public void energy(Double joules, boolean measured, Double gco2e) {
        this.energyJoules = joules;
        this.energyMeasured = measured;
        this.gco2e = gco2e;
    }

    public void finished(ExperimentStatus end, String reason, Instant at) {
        this.status = lifecycle.ended(status, end, reason, at);
        this.secondsRemaining = end == ExperimentStatus.COMPLETED ? 0.0 : null;
    }

    /** Back in the queue (a restart after cancel or failure continues from the last checkpoint). */
    public void requeued(Instant at) {
        this.status = lifecycle.requeued(status, ExperimentStatus.QUEUED, at);
    }

    /** Taken from the queue by the scheduler; the job's execution id follows once the job has started. */
    public void claimed(String node, Instant at) {
        this.status = lifecycle.claimed(status, ExperimentStatus.RUNNING, node, at);
    }

    /** Whether the job of that node and execution still runs this (see {@link RunLifecycle#ownedBy}). */
    public boolean ownedBy(String node, long executionId) {
        return lifecycle.ownedBy(status, node, executionId);
    }

    public void ranOn(String device) {
        this.device = device;
    }

    /** Its server stopped (or stopped answering) while this ran: back in the queue, to continue from its last checkpoint. */
    public void interrupted(Instant at) {
        this.status = lifecycle.interrupted(status, ExperimentStatus.QUEUED, (lifecycle.node() == null ? "The server" : "Its server, "
                + lifecycle.node() + ",") + " stopped while this experiment trained; it continues from its last checkpoint.", at);
    }

    /** Experiments from before early stopping existed have none (0). */
    public int getPatience() {
        return patience == null ? 0 : patience;
    }

    public double getMinDelta() {
        return minDelta == null ? 0 : minDelta;
    }

    public String getMonitor() {
        return monitor == null ? "loss" : monitor;
    }

    public String getSchedule() {
        return schedule == null ? "constant" : schedule;
    }

    public boolean isStandardize() {
        return standardize == null || standardize;
    }

    public Integer getBestEpoch() {
        return bestEpoch;
    }

    public String getPreprocessing() {
        return preprocessing;
    }

    public RunLifecycle lifecycle() {
        return lifecycle;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public UseCase getUseCase() {
        return useCase;
    }

    public Team getTeam() {
        return team;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getModel() {
        return model;
    }

    /** The hyperparameters but the architecture ({@link #getArchitecture()}). */
    public Map<String, String> getHyperparameters() {
        return hyperparameters;
    }

    /** The architecture's JSON for model {@value ModelZoo#ARCHITECTURE}, else null. */
    public String getArchitecture() {
        return architecture;
    }

    /** Every hyperparameter the model is built from, the architecture among them. */
    public Map<String, String> modelSettings() {
        Map<String, String> settings = new LinkedHashMap<>(hyperparameters);
        if (architecture != null) {
            settings.put(ModelZoo.ARCHITECTURE, architecture);
        }
        return settings;
    }

    public long getSeed() {
        return seed;
    }

    public int getEpochs() {
        return epochs;
    }

    public int getBatchSize() {
        return batchSize;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public String getOptimizer() {
        return optimizer;
    }

    public double getWeightDecay() {
        return weightDecay;
    }

    public String getNotes() {
        return notes;
    }

    public void setNotes(String notes) {
        this.notes = notes;
    }

    public Experiment getFinetuneFrom() {
        return finetuneFrom;
    }

    public int getFrozenLayers() {
        return frozenLayers;
    }

    public ExperimentStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public int getEpochsDone() {
        return epochsDone;
    }

    public double getSecondsSpent() {
        return secondsSpent;
    }

    public Double getSecondsRemaining() {
        return secondsRemaining;
    }

    public Double getValidationLoss() {
        return validationLoss;
    }

    public Double getValidationScore() {
        return validationScore;
    }

    public Double getAccuracy() {
        return accuracy;
    }

    public Double getF1() {
        return f1;
    }

    public Double getPrecision() {
        return precisionScore;
    }

    public Double getRecall() {
        return recall;
    }

    public int getParameters() {
        return parameters;
    }

    public long getModelBytes() {
        return modelBytes;
    }

    public long getInferenceFlopsPerSample() {
        return inferenceFlopsPerSample;
    }

    public long getTrainingFlops() {
        return trainingFlops;
    }

    public Double getEnergyJoules() {
        return energyJoules;
    }

    public boolean isEnergyMeasured() {
        return energyMeasured;
    }

    public Double getGco2e() {
        return gco2e;
    }

    public String getDevice() {
        return device;
    }
}
