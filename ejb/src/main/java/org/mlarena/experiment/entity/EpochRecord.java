package org.mlarena.experiment.entity;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import jakarta.persistence.TableGenerator;
import jakarta.persistence.UniqueConstraint;

/** One point of an experiment's learning curves: the losses and the validation metrics after an epoch. */
@Entity
@Table(name = "EPOCH_RECORD", uniqueConstraints = @UniqueConstraint(name = "EPOCH_ONCE", columnNames = {"EXPERIMENT_ID", "EPOCH"}))
@NamedQuery(name = EpochRecord.OF_EXPERIMENT, query = "SELECT e FROM EpochRecord e WHERE e.experiment = :experiment ORDER BY e.epoch")
public class EpochRecord {

    public static final String OF_EXPERIMENT = "EpochRecord.ofExperiment";

    @Id
    @TableGenerator(name = "EPOCH_RECORD_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "EPOCH_RECORD", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "EPOCH_RECORD_IDS")
    private Long id;

    @ManyToOne(optional = false)
    private Experiment experiment;

    @Column(name = "EPOCH")
    private int epoch;
    private double trainingLoss;
    private double validationLoss;
    /** The use case's primary metric on the validation split. */
    private double validationScore;
    private Double accuracy;
    private Double f1;
    private Double precisionScore;
    private Double recall;
    private double seconds;
    private long flops;
    private Instant recordedAt;

    protected EpochRecord() {
    }

    public EpochRecord(Experiment experiment, int epoch, double trainingLoss, double validationLoss, double validationScore,
            Double accuracy, Double f1, Double precision, Double recall, double seconds, long flops, Instant recordedAt) {
        this.experiment = experiment;
        this.epoch = epoch;
        this.trainingLoss = trainingLoss;
        this.validationLoss = validationLoss;
        this.validationScore = validationScore;
        this.accuracy = accuracy;
        this.f1 = f1;
        this.precisionScore = precision;
        this.recall = recall;
        this.seconds = seconds;
        this.flops = flops;
        this.recordedAt = recordedAt;
    }

    public Long getId() {
        return id;
    }

    public Experiment getExperiment() {
        return experiment;
    }

    public int getEpoch() {
        return epoch;
    }

    public double getTrainingLoss() {
        return trainingLoss;
    }

    public double getValidationLoss() {
        return validationLoss;
    }

    public double getValidationScore() {
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

    public double getSeconds() {
        return seconds;
    }

    public long getFlops() {
        return flops;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}
