package org.mlarena.pipeline.control;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

import org.mlarena.accounting.Carbon;
import org.mlarena.accounting.EnergyMeter;
import org.mlarena.common.ApplicationVersion;
import org.mlarena.common.ArenaClock;
import org.mlarena.common.DataDirectory;
import org.mlarena.common.ServerNode;
import org.mlarena.dataset.control.DatasetStore;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.experiment.entity.EpochRecord;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.experiment.entity.ExperimentStatus;
import org.mlarena.submission.control.SubmissionQueued;
import org.mlarena.submission.control.SubmissionScored;
import org.mlarena.submission.control.PredictionFile;
import org.mlarena.submission.entity.Submission;
import org.mlarena.submission.entity.SubmissionStatus;
import org.mlarena.team.control.ComputeBudget;
import org.mlarena.team.control.SubmissionAllowance;
import org.mlarena.team.entity.ComputeCharge;
import org.mlarena.usecase.entity.UseCase;

/**
 * The database side of the pipelines: every state change of a training or scoring run, each in a transaction of
 * its own (the batch jobs call in without one), so that what a run recorded survives whatever happens next.
 */
@Stateless
public class PipelineRuns {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(PipelineRuns.class.getName());

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Inject
    Event<SubmissionScored> scoredEvents;

    @Inject
    ComputeBudget budget;

    @Inject
    DatasetStore datasets;

    @Inject
    SubmissionAllowance allowance;

    @Inject
    Event<SubmissionQueued> submissionQueued;

    /**
     * After this node's start: the runs it left RUNNING when it stopped go back to the queue, and so do those of a
     * single server from before nodes were recorded (no node).
     */
    public int recover() {
        String self = ServerNode.name();
        return interrupt(node -> node == null || node.equals(self));
    }

    /** Runs claimed by nodes that are not alive (their lease ran out) go back to the queue, for any node to continue. */
    public int takeBack(Set<String> alive) {
        return interrupt(node -> node != null && !alive.contains(node));
    }

    private int interrupt(Predicate<String> ofNode) {
        Instant now = ArenaClock.now();
        // read first without locks: every watch asks, and running jobs write their rows every epoch
        boolean any = inStatus(Experiment.class, Experiment.IN_STATUS, ExperimentStatus.RUNNING).stream().anyMatch(e -> ofNode.test(e.lifecycle().node()))
                || inStatus(Submission.class, Submission.IN_STATUS, SubmissionStatus.RUNNING).stream().anyMatch(s -> ofNode.test(s.lifecycle().node()));
        if (!any) {
            return 0;
        }
        // locked: two nodes taking back the same runs at once, the second finds them queued already
        List<Experiment> experiments = locked(Experiment.class, Experiment.IN_STATUS, ExperimentStatus.RUNNING).stream()
                .filter(e -> ofNode.test(e.lifecycle().node())).toList();
        experiments.forEach(e -> e.interrupted(now));
        List<Submission> submissions = locked(Submission.class, Submission.IN_STATUS, SubmissionStatus.RUNNING).stream()
                .filter(s -> ofNode.test(s.lifecycle().node())).toList();
        submissions.forEach(s -> s.interrupted(now));
        return experiments.size() + submissions.size();
    }

    /** Runs of this kind that this node runs (its slots are its own). */
    public long running(Class<?> kind) {
        return (kind == Experiment.class ? inStatus(Experiment.class, Experiment.IN_STATUS, ExperimentStatus.RUNNING).stream().map(e -> e.lifecycle())
                : inStatus(Submission.class, Submission.IN_STATUS, SubmissionStatus.RUNNING).stream().map(s -> s.lifecycle()))
                .filter(l -> ServerNode.name().equals(l.node())).count();
    }

    /** What each node runs: training and scoring run counts by node name. */
    public Map<String, long[]> runningByNode() {
        Map<String, long[]> byNode = new TreeMap<>();
        for (Object[] row : em.createQuery("SELECT e.lifecycle.node, COUNT(e) FROM Experiment e WHERE e.status = :running"
                + " AND e.lifecycle.node IS NOT NULL GROUP BY e.lifecycle.node", Object[].class).setParameter("running", ExperimentStatus.RUNNING).getResultList()) {
            byNode.computeIfAbsent((String) row[0], n -> new long[2])[0] = ((Number) row[1]).longValue();
        }
        for (Object[] row : em.createQuery("SELECT s.lifecycle.node, COUNT(s) FROM Submission s WHERE s.status = :running"
                + " AND s.lifecycle.node IS NOT NULL GROUP BY s.lifecycle.node", Object[].class).setParameter("running", SubmissionStatus.RUNNING).getResultList()) {
            byNode.computeIfAbsent((String) row[0], n -> new long[2])[1] = ((Number) row[1]).longValue();
        }
        return byNode;
    }

    /**
     * Takes the next experiment from the queue, fair between teams: the team that got a training slot least recently
     * goes first (a team that never trained before all), then its oldest queued experiment; template experiments only
     * when no team waits. The queue is locked while this node chooses: nodes claim one after the other, each from the
     * whole queue, so that the order is the same with one node or many and no run is claimed twice.
     */
    public Optional<Long> claimExperiment() {
        List<Experiment> queued = locked(Experiment.class, Experiment.IN_STATUS, ExperimentStatus.QUEUED);
        if (queued.isEmpty()) {
            return Optional.empty();
        }
        long id = ClaimOrder.first(queued.stream().map(PipelineRuns::queued).toList(), lastStarts()).id();
        Experiment next = queued.stream().filter(e -> e.getId() == id).findFirst().orElseThrow();
        next.claimed(ServerNode.name(), ArenaClock.now());
        return Optional.of(next.getId());
    }

    /** Every queued training, in the order the nodes will claim them (read without locks). */
    public List<ClaimOrder.Queued> trainingQueue() {
        return ClaimOrder.of(inStatus(Experiment.class, Experiment.IN_STATUS, ExperimentStatus.QUEUED).stream().map(PipelineRuns::queued).toList(),
                lastStarts());
    }

    /** Trainings running now, on every node. */
    public long trainingsRunning() {
        return inStatus(Experiment.class, Experiment.IN_STATUS, ExperimentStatus.RUNNING).size();
    }

    private static ClaimOrder.Queued queued(Experiment e) {
        return new ClaimOrder.Queued(e.getId(), e.isTemplate() ? null : e.getTeam().getId(), e.lifecycle().queuedAt());
    }

    /** By team, when one of its trainings last started. */
    private Map<Long, Instant> lastStarts() {
        Map<Long, Instant> lastStart = new HashMap<>();
        for (Object[] row : em.createQuery("SELECT e.team.id, MAX(e.lifecycle.lastStartedAt) FROM Experiment e WHERE e.team IS NOT NULL"
                + " AND e.lifecycle.lastStartedAt IS NOT NULL GROUP BY e.team.id", Object[].class).getResultList()) {
            lastStart.put(((Number) row[0]).longValue(), (Instant) row[1]);
        }
        return lastStart;
    }

    public Optional<Long> claimSubmission() {
        List<Submission> queued = locked(Submission.class, Submission.IN_STATUS, SubmissionStatus.QUEUED);
        if (queued.isEmpty()) {
            return Optional.empty();
        }
        Submission next = queued.get(0);
        next.claimed(ServerNode.name(), ArenaClock.now());
        return Optional.of(next.getId());
    }

    /** The scoring job has started; false when its submission is no longer its own (see {@link #ownedExperiment}). */
    public boolean submissionAttached(long id, long executionId) {
        Submission s = ownedSubmission(id, executionId);
        if (s == null) {
            return false;
        }
        s.lifecycle().attached(executionId);
        return true;
    }

    public TrainingJob trainingJob(long id) {
        Experiment e = em.find(Experiment.class, id);
        UseCase useCase = e.getUseCase();
        Dataset dataset = datasets.of(useCase);
        if (dataset == null) {
            throw new IllegalStateException("'" + useCase.getSlug() + "' has no dataset");
        }
        List<TrainingJob.Recorded> recorded = em.createNamedQuery(EpochRecord.OF_EXPERIMENT, EpochRecord.class).setParameter("experiment", e)
                .getResultList().stream().sorted(java.util.Comparator.comparingInt(EpochRecord::getEpoch))
                .map(r -> new TrainingJob.Recorded(r.getEpoch(), r.getValidationScore(), r.getValidationLoss())).toList();
        long left = budgetLeft(e);
        return new TrainingJob(id, useCase.getSlug(), useCase.getCategory(), e.getModel(), modelHyperparameters(e), e.getSeed(),
                e.getEpochs(), e.getBatchSize(), e.getLearningRate(), e.getOptimizer(), e.getWeightDecay(),
                DataDirectory.datasets().resolve(dataset.getDirectory()), dataset.getFormat(), dataset.getTargetColumn(), dataset.getTextColumn(),
                List.copyOf(dataset.classNameList()), new int[]{dataset.getImageRows(), dataset.getImageColumns()}, TrainingPlan.buckets(e.getHyperparameters()),
                useCase.getPrimaryMetric(), recorded, e.getFinetuneFrom() == null ? null : ModelFiles.model(e.getFinetuneFrom().getId()),
                e.getFrozenLayers(), e.getTeam() == null ? null : e.getTeam().getId(), left, e.getPatience(), e.getMinDelta(), e.getMonitor(), e.getSchedule(),
                e.isStandardize(), List.copyOf(dataset.featureNameList()));
    }

    public ScoringJob scoringJob(long id) {
        Submission s = em.find(Submission.class, id);
        Experiment e = s.getExperiment();
        UseCase useCase = s.getUseCase();
        Dataset dataset = datasets.of(useCase);
        return new ScoringJob(id, e.getId(), useCase.getSlug(), useCase.getCategory(), ModelFiles.model(e.getId()),
                DataDirectory.datasets().resolve(dataset.getDirectory()), dataset.getFormat(), dataset.getTargetColumn(), dataset.getTextColumn(),
                List.copyOf(dataset.classNameList()), new int[]{dataset.getImageRows(), dataset.getImageColumns()}, TrainingPlan.buckets(e.getHyperparameters()),
                useCase.getPrimaryMetric(), useCase.getPublicFraction(), dataset.scoreSplitSeed(),
                s.getTeam() == null ? null : s.getTeam().getId(), PredictionFile.of(id),
                s.isReproduction() ? PredictionFile.of(s.getReproductionOf().getId()) : null,
                // a reproduction resamples as its original did: the same predictions give the same interval too
                s.isReproduction() ? s.getReproductionOf().getId() : id);
    }

    /**
     * The run has its job, its device and its preprocessing (described for people); false when the run is no longer
     * this job's (see {@link #ownedExperiment}): the job must then stop and record nothing.
     */
    public boolean ranOn(long experimentId, long executionId, String device, String preprocessing) {
        Experiment e = ownedExperiment(experimentId, executionId);
        if (e == null) {
            return false;
        }
        e.lifecycle().attached(executionId);
        e.ranOn(device);
        e.preprocessed(preprocessing);
        e.provenance(ApplicationVersion.describe(), datasets.of(e.getUseCase()).checksum());
        return true;
    }

    /**
     * Whether a run must stop (cancel requested), what its team may still spend, as read in one transaction, and
     * whether another node took the run over (this job then records nothing more).
     */
    public record Standing(boolean cancelRequested, long budgetLeftFlops, boolean takenOver) {

        static final Standing TAKEN_OVER = new Standing(true, 0, true);
    }

    /**
     * The experiment, if the job of this node with that execution still runs it; else null, logged. A node taken for
     * dead (its lease ran out while it was frozen or cut off) may still have its job running when it comes back, while
     * another node continues the run: its figures and its end must not be recorded.
     * <p>
     * Read with the row locked: a cancel (a bulk update of the row) then waits for this short transaction or is seen by
     * it, where it used to make its write fail on the version and be retried (Conflicts.retry), WildFly logging the
     * failed attempt as an error each time.
     */
    private Experiment ownedExperiment(long id, long executionId) {
        Experiment e = em.find(Experiment.class, id, LockModeType.PESSIMISTIC_WRITE);
        return owned(e, e != null && e.ownedBy(ServerNode.name(), executionId), "Experiment " + id, executionId,
                () -> e == null ? "it is gone" : e.getStatus() + " on " + e.lifecycle().node());
    }

    private Submission ownedSubmission(long id, long executionId) {
        Submission s = em.find(Submission.class, id);
        return owned(s, s != null && s.ownedBy(ServerNode.name(), executionId), "Submission " + id, executionId,
                () -> s == null ? "it is gone" : s.getStatus() + " on " + s.lifecycle().node());
    }

    private static <T> T owned(T run, boolean owned, String what, long executionId, java.util.function.Supplier<String> state) {
        if (owned) {
            return run;
        }
        LOG.warning(() -> what + " is no longer run by job execution " + executionId + " on " + ServerNode.name() + " (" + state.get()
                + "); that job records nothing more");
        return null;
    }

    /** What the experiment's team may still spend; Long.MAX_VALUE for template experiments. */
    private long budgetLeft(Experiment e) {
        return e.chargedTeam() == null ? Long.MAX_VALUE : budget.of(e.chargedTeam()).leftFlops();
    }

    /** A trained model's own size, where the plan could only bound it (boosted trees). */
    public void sized(long experimentId, long executionId, int parameters, long bytes, long inferenceFlopsPerSample) {
        Experiment e = ownedExperiment(experimentId, executionId);
        if (e != null) {
            e.sized(parameters, bytes, inferenceFlopsPerSample);
        }
    }

    /**
     * Records an epoch's learning-curve point (replacing the points of this and later epochs a run before a restart
     * recorded) and the experiment's progress.
     *
     * @param bestEpoch the epoch whose weights the model file now holds: this one or an earlier one
     */
    public Standing epochDone(long experimentId, long executionId, int epoch, double trainingLoss, Evaluation.Figures validation, long flops,
                              double seconds, int bestEpoch) {
        Experiment e = ownedExperiment(experimentId, executionId);
        if (e == null) {
            return Standing.TAKEN_OVER;
        }
        List<EpochRecord> curve = em.createNamedQuery(EpochRecord.OF_EXPERIMENT, EpochRecord.class).setParameter("experiment", e).getResultList();
        curve.stream().filter(r -> r.getEpoch() >= epoch).forEach(em::remove);
        em.flush();
        EpochRecord record = new EpochRecord(e, epoch, trainingLoss, validation.loss(), validation.score(), validation.accuracy(), validation.f1(),
                validation.precision(), validation.recall(), seconds, flops, ArenaClock.now());
        em.persist(record);
        long totalFlops = flops;
        double totalSeconds = seconds;
        for (EpochRecord r : curve) {
            if (r.getEpoch() < epoch) {
                totalFlops += r.getFlops();
                totalSeconds += r.getSeconds();
            }
        }
        double perEpoch = totalSeconds / epoch;
        EpochRecord best = curve.stream().filter(r -> r.getEpoch() == bestEpoch && bestEpoch < epoch).findFirst().orElse(record);
        e.progressed(epoch, totalSeconds, perEpoch * (e.getEpochs() - epoch), totalFlops, best);
        // an epoch trained again after a crash (its node died after charging it, before its next checkpoint) is the
        // platform's loss, not the team's: each epoch is charged once, in order
        if (e.chargedTeam() != null && epoch > budget.charges(ComputeCharge.Kind.TRAINING, experimentId)) {
            budget.charge(e.chargedTeam(), ComputeCharge.Kind.TRAINING, experimentId, "experiment " + experimentId + ", epoch " + epoch, flops);
        }
        // the next epoch's checks, read in this transaction: one round trip per epoch instead of three
        return new Standing(e.lifecycle().cancelRequested(), budgetLeft(e), false);
    }

    public void experimentEnded(long experimentId, long executionId, ExperimentStatus status, String reason, EnergyMeter.Reading energy) {
        Experiment e = ownedExperiment(experimentId, executionId);
        if (e == null) {
            return;
        }
        addEnergy(e, energy);
        e.finished(status, reason, ArenaClock.now());
        LOG.info(() -> "Experiment " + experimentId + " (" + e.getModel() + ", " + e.getUseCase().getSlug() + ") ended " + status + " after "
                + e.getEpochsDone() + " of " + e.getEpochs() + " epochs, " + String.format(java.util.Locale.ROOT, "%.1f", e.getSecondsSpent())
                + " s of training");
        Submission submission = null;
        if (status == ExperimentStatus.COMPLETED && e.getReproducesSubmission() != null) {
            Submission original = em.find(Submission.class, e.getReproducesSubmission());
            submission = Submission.reproducing(original, e, ArenaClock.now());
        } else if (status == ExperimentStatus.COMPLETED && e.isSubmitWhenCompleted() && allowance.of(e.getTeam()).left() > 0) {
            submission = new Submission(e, e.getCreatedBy(), "Submitted by the platform when its training completed.", ArenaClock.now());
        }
        if (submission != null) {
            em.persist(submission);
            em.flush();
            submissionQueued.fire(new SubmissionQueued(submission.getId()));
        }
    }

    /** Energy of this run added to what earlier runs of the experiment (before a restart) used. */
    private static void addEnergy(Experiment e, EnergyMeter.Reading energy) {
        if (energy == null) {
            return;
        }
        double joules = (e.getEnergyJoules() == null ? 0 : e.getEnergyJoules()) + energy.joules();
        boolean measured = energy.measured() && (e.getEnergyJoules() == null || e.isEnergyMeasured());
        e.energy(joules, measured, Carbon.gco2e(joules));
    }

    /**
     * @param predictionsSha256 the SHA-256 of the stored predictions
     * @param device            the device that computed them
     * @param comparison        a reproduction's comparison with its original's predictions; null when there is none
     */
    public void scored(long submissionId, long executionId, Evaluation.Scores scores, long flops, EnergyMeter.Reading energy,
                       String predictionsSha256, String device, PredictionFile.Comparison comparison) {
        Submission s = ownedSubmission(submissionId, executionId);
        if (s == null) {
            return;
        }
        s.predicted(predictionsSha256, ApplicationVersion.describe(), device);
        if (comparison != null) {
            s.compared(comparison.identical(), comparison.maxDifference());
        }
        s.scored(scores.publicPart().score(), scores.publicPart().lower(), scores.publicPart().upper(), scores.publicPart().rows(),
                scores.privatePart().score(), scores.privatePart().lower(), scores.privatePart().upper(), scores.privatePart().rows(),
                flops, ArenaClock.now());
        s.energy(energy.joules(), energy.measured(), Carbon.gco2e(energy.joules()));
        if (s.getExperiment().chargedTeam() != null) {
            budget.charge(s.getExperiment().chargedTeam(), ComputeCharge.Kind.INFERENCE, submissionId, "submission " + submissionId + ", " + (scores.publicPart().rows()
                    + scores.privatePart().rows()) + " test rows", flops);
        }
        scoredEvents.fire(new SubmissionScored(s.getUseCase().getId()));
    }

    public void submissionFailed(long submissionId, long executionId, String reason) {
        Submission s = ownedSubmission(submissionId, executionId);
        if (s != null) {
            s.ended(SubmissionStatus.FAILED, reason, ArenaClock.now());
        }
    }

    /**
     * A run of this node whose job ended without recording its end (it crashed outside the recorded paths), or could
     * not start ({@code executionId} null: none was attached).
     */
    public void endedWithoutRecord(Class<?> kind, long id, Long executionId, String reason) {
        // no execution: only a run that none attached to yet is this call's
        long execution = executionId == null ? -1 : executionId;
        if (kind == Experiment.class) {
            Experiment e = em.find(Experiment.class, id);
            if (e != null && e.ownedBy(ServerNode.name(), execution)) {
                e.finished(ExperimentStatus.FAILED, reason, ArenaClock.now());
            }
        } else {
            Submission s = em.find(Submission.class, id);
            if (s != null && s.ownedBy(ServerNode.name(), execution)) {
                s.ended(SubmissionStatus.FAILED, reason, ArenaClock.now());
            }
        }
    }

    /** This node's runs marked RUNNING, with the job execution that runs them (to watch for jobs that died). */
    public Map<Long, Long> runningExecutions(Class<?> kind) {
        Map<Long, Long> executions = new HashMap<>();
        String self = ServerNode.name();
        if (kind == Experiment.class) {
            inStatus(Experiment.class, Experiment.IN_STATUS, ExperimentStatus.RUNNING).stream()
                    .filter(e -> e.lifecycle().jobExecutionId() != null && self.equals(e.lifecycle().node()))
                    .forEach(e -> executions.put(e.getId(), e.lifecycle().jobExecutionId()));
        } else {
            inStatus(Submission.class, Submission.IN_STATUS, SubmissionStatus.RUNNING).stream()
                    .filter(s -> s.lifecycle().jobExecutionId() != null && self.equals(s.lifecycle().node()))
                    .forEach(s -> executions.put(s.getId(), s.lifecycle().jobExecutionId()));
        }
        return executions;
    }

    /** What the profiling job reads: the dataset's directory and metadata, detached. */
    public record ProfileJob(long datasetId, String directory, org.mlarena.dataset.entity.DatasetFormat format, String targetColumn,
                             String textColumn, List<String> featureNames, List<String> classNames, int[] imageShape, int[] rows) {
    }

    public Optional<ProfileJob> profileJob(long datasetId) {
        Dataset d = em.find(Dataset.class, datasetId);
        if (d == null || !Dataset.PROFILE_PENDING.equals(d.getProfileStatus())) {
            return Optional.empty();
        }
        return Optional.of(new ProfileJob(datasetId, d.getDirectory(), d.getFormat(), d.getTargetColumn(), d.getTextColumn(),
                List.copyOf(d.featureNameList()), List.copyOf(d.classNameList()),
                d.getImageRows() > 0 ? new int[]{d.getImageRows(), d.getImageColumns()} : null,
                new int[]{d.getTrainRows(), d.getValidationRows(), d.getTestRows()}));
    }

    /** Records the profile's end, unless the dataset was imported anew meanwhile (its directory changed). */
    public void profiled(long datasetId, String directory, String status, String reason) {
        Dataset d = em.find(Dataset.class, datasetId);
        if (d != null && directory.equals(d.getDirectory())) {
            d.profiled(status, reason);
        }
    }

    /**
     * Datasets whose profile is still pending and whose job is gone: that of a node not {@code alive}, or, when this
     * node starts ({@code starting}), its own and those no node took yet.
     */
    public List<Long> pendingProfiles(Set<String> alive, boolean starting) {
        String self = ServerNode.name();
        return em.createQuery("SELECT d FROM Dataset d WHERE d.profileStatus = :pending", Dataset.class)
                .setParameter("pending", Dataset.PROFILE_PENDING).getResultList().stream()
                .filter(d -> d.getProfileNode() == null ? starting : self.equals(d.getProfileNode()) ? starting : !alive.contains(d.getProfileNode()))
                .map(Dataset::getId).toList();
    }

    /** This node's profiling job takes the dataset's profile. */
    public void profiling(long datasetId) {
        Dataset d = em.find(Dataset.class, datasetId);
        if (d != null) {
            d.profiling(ServerNode.name());
        }
    }

    /** The model's own hyperparameters: text use cases keep their bag-of-words size among them, which the zoo does not know. */
    private static Map<String, String> modelHyperparameters(Experiment e) {
        Map<String, String> hyper = e.modelSettings();
        hyper.remove(TrainingPlan.BUCKETS);
        return Map.copyOf(hyper);
    }

    private <T> List<T> inStatus(Class<T> type, String query, Enum<?> status) {
        return em.createNamedQuery(query, type).setParameter("statuses", List.of(status)).getResultList();
    }

    /** As {@link #inStatus}, the rows locked until this transaction ends (SELECT ... FOR UPDATE). */
    private <T> List<T> locked(Class<T> type, String query, Enum<?> status) {
        return em.createNamedQuery(query, type).setParameter("statuses", List.of(status)).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }
}
