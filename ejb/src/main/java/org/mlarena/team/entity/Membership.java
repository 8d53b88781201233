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
import jakarta.persistence.UniqueConstraint;

import org.mlarena.usecase.entity.UseCase;

/**
 * A person's place in a use case: host (no team) or lead or member of one team. The unique constraint
 * keeps a person to one membership, so one team, per use case.
 */
@Entity
@Table(name = "MEMBERSHIP", uniqueConstraints = @UniqueConstraint(name = "MEMBERSHIP_ONE_PER_USE_CASE", columnNames = {"USECASE_ID", "USERNAME"}))
@NamedQuery(name = Membership.OF_USER, query = "SELECT m FROM Membership m WHERE m.useCase = :useCase AND m.username = :user")
// a use case with the caller's membership and team, in one round trip: every call about a use case starts with it
@NamedQuery(name = Membership.USE_CASE_AS_SEEN_BY, query = "SELECT u, m, t FROM UseCase u LEFT JOIN Membership m ON m.useCase = u"
        + " AND m.username = :user LEFT JOIN m.team t WHERE u.slug = :slug")
@NamedQuery(name = Membership.OF_TEAM, query = "SELECT m FROM Membership m WHERE m.team = :team ORDER BY m.joinedAt, m.id")
@NamedQuery(name = Membership.COUNT_OF_TEAM, query = "SELECT COUNT(m) FROM Membership m WHERE m.team = :team")
@NamedQuery(name = Membership.HOSTS, query = "SELECT m FROM Membership m WHERE m.useCase = :useCase AND m.role = org.mlarena.team.entity.MemberRole.HOST ORDER BY m.username")
@NamedQuery(name = Membership.ALL_OF_USER, query = "SELECT m FROM Membership m WHERE m.username = :user")
// the use cases a person may see: open ones, and private ones they host, joined or are invited to
@NamedQuery(name = Membership.VISIBLE_USE_CASES, query = "SELECT u FROM UseCase u WHERE u.visibility <> org.mlarena.usecase.entity.Visibility.PRIVATE"
        + " OR u.id IN (SELECT m.useCase.id FROM Membership m WHERE m.username = :user)"
        + " OR u.id IN (SELECT i.useCase.id FROM Invitation i WHERE i.inviteeUser = :user AND i.status = org.mlarena.team.entity.InvitationStatus.PENDING"
        + " AND i.expiresAt > :now)"
        + " ORDER BY u.visibility, u.title, u.id")
public class Membership {

    public static final String VISIBLE_USE_CASES = "Membership.visibleUseCases";

    public static final String OF_USER = "Membership.ofUser";
    public static final String USE_CASE_AS_SEEN_BY = "Membership.useCaseAsSeenBy";
    public static final String OF_TEAM = "Membership.ofTeam";
    public static final String COUNT_OF_TEAM = "Membership.countOfTeam";
    public static final String HOSTS = "Membership.hosts";
    public static final String ALL_OF_USER = "Membership.allOfUser";

    @Id
    @TableGenerator(name = "MEMBERSHIP_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "MEMBERSHIP", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "MEMBERSHIP_IDS")
    private Long id;

    @ManyToOne(optional = false)
    private UseCase useCase;

    /** Null for hosts. */
    @ManyToOne
    private Team team;

    @Column(nullable = false, length = 200)
    private String username;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private MemberRole role;

    @Column(nullable = false)
    private Instant joinedAt;

    /** When the person accepted the use case's rules; null for hosts, who wrote them. */
    private Instant rulesAcceptedAt;

    protected Membership() {
    }

    private Membership(UseCase useCase, Team team, String username, MemberRole role, Instant joinedAt, Instant rulesAcceptedAt) {
        this.useCase = useCase;
        this.team = team;
        this.username = username;
        this.role = role;
        this.joinedAt = joinedAt;
        this.rulesAcceptedAt = rulesAcceptedAt;
    }

    public static Membership host(UseCase useCase, String username, Instant at) {
        return new Membership(useCase, null, username, MemberRole.HOST, at, null);
    }

    public static Membership participant(Team team, String username, MemberRole role, Instant at) {
        if (role == MemberRole.HOST) {
            throw new IllegalArgumentException("hosts belong to no team");
        }
        return new Membership(team.getUseCase(), team, username, role, at, at);
    }

    public boolean isHost() {
        return role == MemberRole.HOST;
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

    public String getUsername() {
        return username;
    }

    public MemberRole getRole() {
        return role;
    }

    public Instant getJoinedAt() {
        return joinedAt;
    }

    public Instant getRulesAcceptedAt() {
        return rulesAcceptedAt;
    }
}
