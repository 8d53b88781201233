package org.mlarena.submission.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.Version;

import org.mlarena.common.RunLifecycle;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.team.entity.Team;
import org.mlarena.usecase.entity.UseCase;

/**
 * A trained experiment sent for inference on the hidden test set. Scoring fills in the public score (on the
 * public part of the test set, shown while the use case runs) and the private score (on the rest, the final
 * ranking), each with a bootstrap confidence interval.
 */
@Entity
@Table(name = "SUBMISSION")
@NamedQuery(name = Submission.OF_TEAM, query = "SELECT s FROM Submission s WHERE s.team = :team ORDER BY s.submittedAt DESC, s.id DESC")
@NamedQuery(name = Submission.COUNT_OF_TEAM, query = "SELECT COUNT(s) FROM Submission s WHERE s.team = :team")
@NamedQuery(name = Submission.OF_USE_CASE, query = "SELECT s FROM Submission s WHERE s.useCase = :useCase ORDER BY s.submittedAt DESC, s.id DESC")
@NamedQuery(name = Submission.COUNT_OF_USE_CASE, query = "SELECT COUNT(s) FROM Submission s WHERE s.useCase = :useCase")
@NamedQuery(name = Submission.COUNTED_SINCE, query = "SELECT COUNT(s) FROM Submission s WHERE s.team = :team AND s.submittedAt >= :since"
        + " AND s.status <> org.mlarena.submission.entity.SubmissionStatus.FAILED AND s.status <> org.mlarena.submission.entity.SubmissionStatus.CANCELLED"
        + " AND s.reproductionOf IS NULL")
@NamedQuery(name = Submission.SCORED_OF_USE_CASE, query = "SELECT s FROM Submission s WHERE s.useCase = :useCase"
        + " AND s.status = org.mlarena.submission.entity.SubmissionStatus.SCORED AND s.reproductionOf IS NULL ORDER BY s.submittedAt, s.id")
@NamedQuery(name = Submission.COUNTED_PER_TEAM, query = "SELECT s.team.id, COUNT(s) FROM Submission s WHERE s.useCase = :useCase"
        + " AND s.status <> org.mlarena.submission.entity.SubmissionStatus.FAILED AND s.status <> org.mlarena.submission.entity.SubmissionStatus.CANCELLED"
        + " AND s.reproductionOf IS NULL GROUP BY s.team.id")
@NamedQuery(name = Submission.FINAL_OF_TEAM, query = "SELECT s FROM Submission s WHERE s.team = :team AND s.finalChosenAt IS NOT NULL"
        + " ORDER BY s.submittedAt, s.id")
@NamedQuery(name = Submission.IN_STATUS, query = "SELECT s FROM Submission s WHERE s.status IN :statuses ORDER BY s.submittedAt, s.id")
public class Submission {

    public static final String OF_TEAM = "Submission.ofTeam";
    public static final String COUNT_OF_TEAM = "Submission.countOfTeam";
    public static final String OF_USE_CASE = "Submission.ofUseCase";
    public static final String COUNT_OF_USE_CASE = "Submission.countOfUseCase";
    public static final String COUNTED_SINCE = "Submission.countedSince";
    public static final String SCORED_OF_USE_CASE = "Submission.scoredOfUseCase";
    public static final String IN_STATUS = "Submission.inStatus";
    public static final String COUNTED_PER_TEAM = "Submission.countedPerTeam";
    public static final String FINAL_OF_TEAM = "Submission.finalOfTeam";

    @Id
    @TableGenerator(name = "SUBMISSION_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "SUBMISSION", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "SUBMISSION_IDS")
    private Long id;

    @Version
    private long version;

    @ManyToOne(optional = false)
    private UseCase useCase;
    @ManyToOne(optional = false)
    private Team team;
    @ManyToOne(optional = false)
    private Experiment experiment;

    @Column(nullable = false, length = 200)
    private String submittedBy;
    @Column(length = 2000)
    private String comment;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private SubmissionStatus status;
    @Embedded
    private RunLifecycle lifecycle;

    /** When the team sent it: what the daily limit counts, and the order of ties (a requeue keeps it). */
    @Column(nullable = false)
    private Instant submittedAt;

    private Double publicScore;
    private Double publicLower;
    private Double publicUpper;
    private Double privateScore;
    private Double privateLower;
    private Double privateUpper;
    private int publicRows;
    private int privateRows;
    private long inferenceFlops;
    private Double energyJoules;
    private boolean energyMeasured;
    private Double gco2e;
    /** when its team chose it as a final submission (null: not chosen) */
    private Instant finalChosenAt;

    /** Provenance of its scoring: the SHA-256 of its stored predictions, the build and the device that computed them. */
    @Column(length = 64)
    private String predictionsSha256;
    @Column(length = 120)
    private String applicationVersion;
    @Column(length = 300)
    private String device;

    /** A reproduction: the scored submission whose predictions this one must equal; it counts and ranks nowhere. */
    @ManyToOne
    private Submission reproductionOf;
    /** A reproduction's comparison with its original (null until scored, or when the original's predictions were not kept). */
    private Boolean identicalToOriginal;
    private Double maxDifferenceFromOriginal;

    protected Submission() {
    }

    public Submission(Experiment experiment, String submittedBy, String comment, Instant submittedAt) {
        this.useCase = experiment.getUseCase();
        this.team = experiment.getTeam();
        this.experiment = experiment;
        this.submittedBy = submittedBy;
        this.comment = comment;
        this.submittedAt = submittedAt;
        this.lifecycle = RunLifecycle.queued(submittedAt);
        this.status = SubmissionStatus.QUEUED;
    }

    /** The scoring of a reproduction of {@code original} by its freshly trained {@code experiment}. */
    public static Submission reproducing(Submission original, Experiment experiment, Instant at) {
        Submission reproduction = new Submission(experiment, experiment.getCreatedBy(), "Reproduction of submission " + original.getId() + ".", at);
        reproduction.reproductionOf = original;
        return reproduction;
    }

    public Submission getReproductionOf() {
        return reproductionOf;
    }

    public boolean isReproduction() {
        return reproductionOf != null;
    }

    /** Where its predictions come from: their SHA-256, the build and the device that computed them. */
    public void predicted(String sha256, String applicationVersion, String device) {
        this.predictionsSha256 = sha256;
        this.applicationVersion = applicationVersion;
        this.device = device;
    }

    /** A reproduction's predictions against its original's: equal to the bit, and the largest difference of an output. */
    public void compared(Boolean identical, Double maxDifference) {
        this.identicalToOriginal = identical;
        this.maxDifferenceFromOriginal = maxDifference;
    }

    public String getPredictionsSha256() {
        return predictionsSha256;
    }

    public String getApplicationVersion() {
        return applicationVersion;
    }

    public String getDevice() {
        return device;
    }

    public Boolean getIdenticalToOriginal() {
        return identicalToOriginal;
    }

    public Double getMaxDifferenceFromOriginal() {
        return maxDifferenceFromOriginal;
    }

    /** Chosen by its team as one of its final submissions (those the private leaderboard ranks), or no longer. */
    public void chooseAsFinal(boolean chosen, Instant at) {
        this.finalChosenAt = chosen ? at : null;
    }

    public boolean isFinalChoice() {
        return finalChosenAt != null;
    }

    public Instant getFinalChosenAt() {
        return finalChosenAt;
    }

    public void claimed(String node, Instant at) {
        this.status = lifecycle.claimed(status, SubmissionStatus.RUNNING, node, at);
    }

    /** Whether the job of that node and execution still runs this (see {@link RunLifecycle#ownedBy}). */
    public boolean ownedBy(String node, long executionId) {
        return lifecycle.ownedBy(status, node, executionId);
    }

    /** The server stopped while this was scored: back in the queue. */
    public void interrupted(Instant at) {
        this.status = lifecycle.interrupted(status, SubmissionStatus.QUEUED, (lifecycle.node() == null ? "The server" : "Its server, "
                + lifecycle.node() + ",") + " stopped while this submission was scored; it is scored again.", at);
    }

    public void scored(double publicScore, double publicLower, double publicUpper, int publicRows, double privateScore,
            double privateLower, double privateUpper, int privateRows, long inferenceFlops, Instant at) {
        this.publicScore = publicScore;
        this.publicLower = publicLower;
        this.publicUpper = publicUpper;
        this.publicRows = publicRows;
        this.privateScore = privateScore;
        this.privateLower = privateLower;
        this.privateUpper = privateUpper;
        this.privateRows = privateRows;
        this.inferenceFlops = inferenceFlops;
        this.status = lifecycle.ended(status, SubmissionStatus.SCORED, null, at);
    }

    public void energy(Double joules, boolean measured, Double gco2e) {
        this.energyJoules = joules;
        this.energyMeasured = measured;
        this.gco2e = gco2e;
    }

    public void ended(SubmissionStatus end, String reason, Instant at) {
        this.status = lifecycle.ended(status, end, reason, at);
    }

    public Long getId() {
        return id;
    }

    public UseCase getUseCase() {
        return useCase;
    }

    public Team getTeam() {
        return team;
    }

    public Experiment getExperiment() {
        return experiment;
    }

    public String getSubmittedBy() {
        return submittedBy;
    }

    public String getComment() {
        return comment;
    }

    public SubmissionStatus getStatus() {
        return status;
    }

    public RunLifecycle lifecycle() {
        return lifecycle;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
    }

    public Double getPublicScore() {
        return publicScore;
    }

    public Double getPublicLower() {
        return publicLower;
    }

    public Double getPublicUpper() {
        return publicUpper;
    }

    public Double getPrivateScore() {
        return privateScore;
    }

    public Double getPrivateLower() {
        return privateLower;
    }

    public Double getPrivateUpper() {
        return privateUpper;
    }

    public int getPublicRows() {
        return publicRows;
    }

    public int getPrivateRows() {
        return privateRows;
    }

    public long getInferenceFlops() {
        return inferenceFlops;
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
}
