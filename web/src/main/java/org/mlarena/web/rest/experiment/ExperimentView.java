package org.mlarena.web.rest.experiment;

import java.time.Instant;
import java.util.Map;

import jakarta.json.JsonValue;

import org.mlarena.experiment.entity.Experiment;
import org.mlarena.pipeline.boundary.TrainingQueue;
import org.mlarena.web.rest.Finite;

/**
 * An experiment: what it trains, where it stands, what it scored on the validation split and what it cost.
 *
 * @param teamId                  the team that owns it, or null for a template of the use case
 * @param template                true for a template experiment (no team), which newcomers can finetune from
 * @param status                  QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED or BUDGET_EXHAUSTED
 * @param reason                  why it ended as it did (failed, cancelled, budget spent), or null
 * @param epochsDone              epochs trained so far, of {@code epochs}
 * @param secondsRemaining        the estimate while it runs, 0 when completed, null when unknown
 * @param metrics                 the validation figures of the best epoch (null values until the first epoch)
 * @param parameters              trainable parameters of the model
 * @param modelBytes              size of its weights
 * @param inferenceFlopsPerSample floating-point operations to predict one sample
 * @param trainingFlops           floating-point operations spent on training so far
 * @param energyMeasured          true when the energy was measured on the device, false when estimated from the FLOPs
 * @param gco2e                   grams of CO2 equivalent for that energy
 * @param device                  the device it trained on
 * @param node                    the server node that runs it, or last ran it (a resumed run: the node that continued it)
 * @param finetuneFrom            the id of the experiment whose weights it started from, or null
 * @param patience                early stopping: epochs without a better validation score before it stops (0: never)
 * @param bestEpoch               the epoch whose weights the model holds (the best validation score), null before the first
 * @param preprocessing           what the model does to a row before its network, as training fitted it (null before)
 * @param applicationVersion      provenance: the platform's build (version and source commit) that trained it
 * @param datasetChecksum         provenance: the checksum of the dataset it read (the dataset's own {@code checksum})
 * @param reproducesSubmission    a reproduction: the submission whose model it trains again, else null
 * @param architecture            model {@code architecture}: the layers the team wrote, as JSON; else null
 * @param queue                   while it is queued: its place in the queue and why it waits; else null
 */
public record ExperimentView(long id, String title, String model, Map<String, String> hyperparameters, long seed, int epochs, int batchSize,
                             double learningRate, String optimizer, double weightDecay, String notes, Long finetuneFrom, int frozenLayers,
                             Long teamId, String teamName, boolean template, String createdBy, String status, String reason,
                             boolean cancelRequested, Instant createdAt, Instant queuedAt, Instant startedAt, Instant finishedAt,
                             int epochsDone, double secondsSpent, Double secondsRemaining, Metrics metrics, int parameters,
                             long modelBytes, long inferenceFlopsPerSample, long trainingFlops, Double energyJoules,
                             boolean energyMeasured, Double gco2e, String device, String node, int patience, double minDelta, String monitor, String schedule,
                             boolean standardize, Integer bestEpoch, String preprocessing, String applicationVersion, String datasetChecksum,
                             Long reproducesSubmission, JsonValue architecture, Queue queue) {

    /**
     * Where a queued run stands.
     *
     * @param position 1 for the run that starts next
     * @param queued   trainings queued, of every team
     * @param running  trainings running now, on every node
     * @param slots    trainings that can run at once (every node's slots)
     * @param summary  the same in words
     */
    public record Queue(int position, int queued, long running, int slots, String summary) {
    }

    /**
     * The validation figures of the best epoch so far (the one the model holds).
     *
     * @param validationScore the use case's primary metric on the validation split
     */
    public record Metrics(Double validationLoss, Double validationScore, Double accuracy, Double f1, Double precision, Double recall) {
    }

    public static ExperimentView of(Experiment e) {
        return of(e, null);
    }

    /** With its place in the queue ({@code place} null when it is not queued, or not known). */
    public static ExperimentView of(Experiment e, TrainingQueue.Place place) {
        Metrics metrics = new Metrics(Finite.orNull(e.getValidationLoss()), Finite.orNull(e.getValidationScore()),
                Finite.orNull(e.getAccuracy()), Finite.orNull(e.getF1()), Finite.orNull(e.getPrecision()), Finite.orNull(e.getRecall()));
        return new ExperimentView(e.getId(), e.getTitle(), e.getModel(), new java.util.TreeMap<>(e.getHyperparameters()), e.getSeed(), e.getEpochs(),
                e.getBatchSize(), e.getLearningRate(), e.getOptimizer(), e.getWeightDecay(), e.getNotes(),
                e.getFinetuneFrom() == null ? null : e.getFinetuneFrom().getId(), e.getFrozenLayers(),
                e.getTeam() == null ? null : e.getTeam().getId(), e.getTeam() == null ? null : e.getTeam().getName(), e.isTemplate(),
                e.getCreatedBy(), e.getStatus().name(), e.lifecycle().statusReason(), e.lifecycle().cancelRequested(), e.getCreatedAt(), e.lifecycle().queuedAt(),
                e.lifecycle().startedAt(), e.lifecycle().finishedAt(), e.getEpochsDone(), e.getSecondsSpent(), Finite.orNull(e.getSecondsRemaining()), metrics,
                e.getParameters(), e.getModelBytes(), e.getInferenceFlopsPerSample(), e.getTrainingFlops(), Finite.orNull(e.getEnergyJoules()),
                e.isEnergyMeasured(), Finite.orNull(e.getGco2e()), e.getDevice(), e.lifecycle().node(), e.getPatience(), e.getMinDelta(), e.getMonitor(), e.getSchedule(),
                e.isStandardize(), e.getBestEpoch(), e.getPreprocessing(), e.getApplicationVersion(), e.getDatasetChecksum(),
                e.getReproducesSubmission(), ArchitectureJson.of(e.getArchitecture()),
                place == null ? null : new Queue(place.position(), place.queued(), place.running(), place.slots(), place.describe()));
    }
}
