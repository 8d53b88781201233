package org.mlarena.team.entity;

import java.time.Instant;

import jakarta.persistence.Column;
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

/**
 * One line of a team's compute ledger: FLOPs spent by a training epoch or an inference, as the engine
 * counted them. The budget left is the use case's budget minus the sum of the lines.
 */
@Entity
@Table(name = "COMPUTE_CHARGE")
@NamedQuery(name = ComputeCharge.SPENT, query = "SELECT SUM(c.flops) FROM ComputeCharge c WHERE c.team = :team")
@NamedQuery(name = ComputeCharge.OF_TEAM, query = "SELECT c FROM ComputeCharge c WHERE c.team = :team ORDER BY c.chargedAt DESC, c.id DESC")
@NamedQuery(name = ComputeCharge.COUNT_OF_SUBJECT, query = "SELECT COUNT(c) FROM ComputeCharge c WHERE c.kind = :kind AND c.subjectId = :subject")
@NamedQuery(name = ComputeCharge.COUNT_OF_TEAM, query = "SELECT COUNT(c) FROM ComputeCharge c WHERE c.team = :team")
public class ComputeCharge {

    public static final String SPENT = "ComputeCharge.spent";
    public static final String OF_TEAM = "ComputeCharge.ofTeam";
    public static final String COUNT_OF_SUBJECT = "ComputeCharge.countOfSubject";
    public static final String COUNT_OF_TEAM = "ComputeCharge.countOfTeam";

    /** What the FLOPs were spent on. */
    public enum Kind { TRAINING, INFERENCE }

    @Id
    @TableGenerator(name = "COMPUTE_CHARGE_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "COMPUTE_CHARGE", allocationSize = 50)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "COMPUTE_CHARGE_IDS")
    private Long id;

    @ManyToOne(optional = false)
    private Team team;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 12)
    private Kind kind;

    /** The experiment or submission charged. */
    private long subjectId;

    @Column(length = 200)
    private String description;

    private long flops;

    @Column(nullable = false)
    private Instant chargedAt;

    protected ComputeCharge() {
    }

    public ComputeCharge(Team team, Kind kind, long subjectId, String description, long flops, Instant chargedAt) {
        this.team = team;
        this.kind = kind;
        this.subjectId = subjectId;
        this.description = description;
        this.flops = flops;
        this.chargedAt = chargedAt;
    }

    public Long getId() {
        return id;
    }

    public Team getTeam() {
        return team;
    }

    public Kind getKind() {
        return kind;
    }

    public long getSubjectId() {
        return subjectId;
    }

    public String getDescription() {
        return description;
    }

    public long getFlops() {
        return flops;
    }

    public Instant getChargedAt() {
        return chargedAt;
    }
}
