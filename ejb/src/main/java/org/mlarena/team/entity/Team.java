package org.mlarena.team.entity;

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

import org.mlarena.usecase.entity.UseCase;

/** People who compete together in one use case, with one leaderboard line and one compute budget. */
@Entity
@Table(name = "TEAM", uniqueConstraints = @UniqueConstraint(name = "TEAM_NAME", columnNames = {"USECASE_ID", "NAME"}))
@NamedQuery(name = Team.OF_USE_CASE, query = "SELECT t FROM Team t WHERE t.useCase = :useCase ORDER BY t.name")
@NamedQuery(name = Team.COUNT_OF_USE_CASE, query = "SELECT COUNT(t) FROM Team t WHERE t.useCase = :useCase")
@NamedQuery(name = Team.BY_NAME, query = "SELECT t FROM Team t WHERE t.useCase = :useCase AND LOWER(t.name) = LOWER(:name)")
public class Team {

    public static final String OF_USE_CASE = "Team.ofUseCase";
    public static final String COUNT_OF_USE_CASE = "Team.countOfUseCase";
    public static final String BY_NAME = "Team.byName";

    @Id
    @TableGenerator(name = "TEAM_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "TEAM", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "TEAM_IDS")
    private Long id;

    @Version
    private long version;

    @ManyToOne(optional = false)
    private UseCase useCase;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(nullable = false)
    private Instant createdAt;

    protected Team() {
    }

    public Team(UseCase useCase, String name, Instant createdAt) {
        this.useCase = useCase;
        this.name = name;
        this.createdAt = createdAt;
    }

    public Long getId() {
        return id;
    }

    public UseCase getUseCase() {
        return useCase;
    }

    public String getName() {
        return name;
    }

    public void rename(String name) {
        this.name = name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
