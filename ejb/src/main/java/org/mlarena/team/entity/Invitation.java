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
import jakarta.persistence.Version;

import org.mlarena.usecase.entity.UseCase;

/**
 * An invitation into a use case: into a team (sent by its lead) or, for a private use case, into the use
 * case itself (sent by a host; accepting gives the person a team of their own). Addressed to a signed-in user
 * by name, or to an e-mail address: then whoever holds its code (the link the inviter forwards) may accept.
 */
@Entity
@Table(name = "INVITATION", uniqueConstraints = @UniqueConstraint(name = "INVITATION_CODE", columnNames = "CODE"))
@NamedQuery(name = Invitation.TO_USER, query = "SELECT i FROM Invitation i WHERE i.inviteeUser = :user ORDER BY i.createdAt DESC, i.id DESC")
@NamedQuery(name = Invitation.OF_USE_CASE, query = "SELECT i FROM Invitation i WHERE i.useCase = :useCase ORDER BY i.createdAt DESC, i.id DESC")
@NamedQuery(name = Invitation.OF_TEAM, query = "SELECT i FROM Invitation i WHERE i.team = :team ORDER BY i.createdAt DESC, i.id DESC")
@NamedQuery(name = Invitation.BY_CODE, query = "SELECT i FROM Invitation i WHERE i.code = :code")
public class Invitation {

    public static final String TO_USER = "Invitation.toUser";
    public static final String OF_USE_CASE = "Invitation.ofUseCase";
    public static final String OF_TEAM = "Invitation.ofTeam";
    public static final String BY_CODE = "Invitation.byCode";

    @Id
    @TableGenerator(name = "INVITATION_IDS", table = "ARENA_IDS", pkColumnName = "NAME", valueColumnName = "NEXT_VALUE",
            pkColumnValue = "INVITATION", allocationSize = 10)
    @GeneratedValue(strategy = GenerationType.TABLE, generator = "INVITATION_IDS")
    private Long id;

    @Version
    private long version;

    @ManyToOne(optional = false)
    private UseCase useCase;

    /** Null: an invitation into the use case, with a team of one's own. */
    @ManyToOne
    private Team team;

    @Column(length = 200)
    private String inviteeUser;
    @Column(length = 320)
    private String inviteeEmail;

    @Column(nullable = false, length = 64)
    private String code;

    @Column(nullable = false, length = 200)
    private String invitedBy;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 10)
    private InvitationStatus status;

    @Column(nullable = false)
    private Instant createdAt;
    @Column(nullable = false)
    private Instant expiresAt;
    private Instant answeredAt;
    @Column(length = 200)
    private String answeredBy;

    protected Invitation() {
    }

    public Invitation(UseCase useCase, Team team, String inviteeUser, String inviteeEmail, String code, String invitedBy,
            Instant createdAt, Instant expiresAt) {
        this.useCase = useCase;
        this.team = team;
        this.inviteeUser = inviteeUser;
        this.inviteeEmail = inviteeEmail;
        this.code = code;
        this.invitedBy = invitedBy;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.status = InvitationStatus.PENDING;
    }

    /** The status as of {@code now}: a pending invitation past its expiry is expired. */
    public InvitationStatus statusAt(Instant now) {
        return status == InvitationStatus.PENDING && !now.isBefore(expiresAt) ? InvitationStatus.EXPIRED : status;
    }

    /**
     * May this person answer it? Invitations by name only to that name, which needs no code (a code sent anyway must be
     * this one's: any text had been accepted); by e-mail to whoever holds the code.
     */
    public boolean addressedTo(String user, String presentedCode) {
        boolean noCode = presentedCode == null || presentedCode.isBlank();
        return inviteeUser != null ? inviteeUser.equals(user) && (noCode || code.equals(presentedCode.strip()))
                : code.equals(presentedCode);
    }

    public void answer(InvitationStatus answer, String user, Instant at) {
        this.status = answer;
        this.answeredBy = user;
        this.answeredAt = at;
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

    public String getInviteeUser() {
        return inviteeUser;
    }

    public String getInviteeEmail() {
        return inviteeEmail;
    }

    public String getCode() {
        return code;
    }

    public String getInvitedBy() {
        return invitedBy;
    }

    public InvitationStatus getStatus() {
        return status;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getAnsweredAt() {
        return answeredAt;
    }

    public String getAnsweredBy() {
        return answeredBy;
    }
}
