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
import jakarta.persistence.Version;

import org.mlarena.numerics.nn.Architecture;
import org.mlarena.team.entity.Team;
import org.mlarena.usecase.entity.UseCase;

/**
 * An architecture a team wrote and saved under a name, to train and reuse: its JSON and the figures it compiled to
 * on the use case's data when saved (parameters, bytes, inference FLOPs per sample).
 */
@Entity
@Table(name = "TEAM_ARCHITECTURE", uniqueConstraints = @UniqueConstraint(name = "TEAM_ARCHITECTURE_NAME", columnNames = {"TEAM_ID", "NAME"}))
@NamedQuery(name = TeamArchitecture.OF_TEAM, query = "SELECT a FROM TeamArchitecture a WHERE a.team = :team ORDER BY a.name, a.id")
@NamedQuery(name = TeamArchitecture.OF_USE_CASE, query = "SELECT a FROM TeamArchitecture a WHERE a.useCase = :useCase ORDER BY a.name, a.id")
@NamedQuery(name = TeamArchitecture.NAMED, query = "SELECT a FROM TeamArchitecture a WHERE a.team = :team AND LOWER(a.name) = LOWER(:name)")
public class TeamArchitecture {

    public static final String OF_TEAM = "TeamArchitecture.ofTeam";
    public static final String OF_USE_CASE = "TeamArchitecture.ofUseCase";
    public static final String NAMED = "TeamArchitecture.named";
    public static final int NAME_LENGTH = 80;

    @Id
    @TableGenerator(name = "TEAM_ARCHITECTURE_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "TEAM_ARCHITECTURE", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TEAM_ARCHITECTURE_IDS")
    private Long id;

    @Version
    private long version;

    @ManyToOne(optional = false)
    private UseCase useCase;

    @ManyToOne(optional = false)
    private Team team;

    @Column(nullable = false, length = NAME_LENGTH)
    private String name;

    @Column(nullable = false, length = Architecture.MAX_TEXT)
    private String text;

    private int parameters;
    private long bytes;
    private long inferenceFlopsPerSample;

    @Column(nullable = false, length = 200)
    private String createdBy;
    @Column(nullable = false)
    private Instant createdAt;
    @Column(length = 200)
    private String updatedBy;
    private Instant updatedAt;

    protected TeamArchitecture() {
    }

    public TeamArchitecture(UseCase useCase, Team team, String name, String createdBy, Instant createdAt) {
        this.useCase = useCase;
        this.team = team;
        this.name = name;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
    }

    /** The JSON as written and the figures it compiled to. */
    public void written(String text, int parameters, long bytes, long inferenceFlopsPerSample, String by, Instant at) {
        this.text = text;
        this.parameters = parameters;
        this.bytes = bytes;
        this.inferenceFlopsPerSample = inferenceFlopsPerSample;
        if (id != null) {
            this.updatedBy = by;
            this.updatedAt = at;
        }
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

    public String getName() {
        return name;
    }

    public String getText() {
        return text;
    }

    public int getParameters() {
        return parameters;
    }

    public long getBytes() {
        return bytes;
    }

    public long getInferenceFlopsPerSample() {
        return inferenceFlopsPerSample;
    }

    public String getCreatedBy() {
        return createdBy;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public String getUpdatedBy() {
        return updatedBy;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
