package org.mlarena.team.boundary;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ActionForbiddenException;
import org.mlarena.common.ArenaClock;
import org.mlarena.common.InvalidInputException;
import org.mlarena.common.Page;
import org.mlarena.common.ResourceNotFoundException;
import org.mlarena.common.StateConflictException;
import org.mlarena.identity.control.Caller;
import org.mlarena.identity.control.Roles;
import org.mlarena.identity.control.SignInName;
import org.mlarena.team.control.ComputeBudget;
import org.mlarena.team.control.SubmissionAllowance;
import org.mlarena.team.entity.ComputeCharge;
import org.mlarena.team.entity.Invitation;
import org.mlarena.team.entity.InvitationStatus;
import org.mlarena.team.entity.MemberRole;
import org.mlarena.team.entity.Membership;
import org.mlarena.team.entity.Team;
import org.mlarena.team.control.Participation;
import org.mlarena.team.control.UseCaseAccess;
import org.mlarena.usecase.control.UseCaseChanged;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.usecase.entity.UseCaseStatus;

/**
 * Teams, memberships and invitations. Joining an open use case means accepting its rules and getting a team
 * of one's own; teammates come in by invitation from the team's lead; a private use case is entered by a
 * host's invitation. A person is in at most one team per use case, and a team never grows past the limit.
 */
@Stateless
@RolesAllowed(Roles.USER)
public class TeamService {

    public static final Duration INVITATION_VALIDITY = Duration.ofDays(14);
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}\\.[^@\\s]{1,63}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @Resource
    SessionContext session;

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Inject
    UseCaseAccess access;

    @Inject
    SubmissionAllowance quota;

    @Inject
    ComputeBudget budget;

    /** Who takes part changed (a member, a team's name, an invitation): what was read of the use case is dropped. */
    @Inject
    Event<UseCaseChanged> changed;

    /** A team as a list shows it: everyone sees names and sizes, members only in one's own team. */
    public record TeamSummary(Team team, long members) {
    }

    /** Joins an open use case: accepts its rules and creates the caller's own team, which they lead. */
    public Standing join(String slug, boolean acceptRules, String teamName) {
        Participation participation = access.visible(slug, caller());
        UseCase useCase = participation.useCase();
        if (participation.membership() != null) {
            throw new StateConflictException(participation.isHost() ? "You host '" + slug + "'; hosts do not compete."
                    : "You are already in team '" + participation.team().orElseThrow().getName() + "' of '" + slug + "'.");
        }
        if (!useCase.isOpen()) {
            throw new ActionForbiddenException("'" + slug + "' is private: you join it by accepting a host's invitation (GET /api/v1/invitations).");
        }
        checkJoinable(useCase);
        if (!acceptRules) {
            throw new InvalidInputException("acceptRules", "To join you accept the rules of '" + slug + "': send acceptRules true after reading them.");
        }
        createOwnTeam(useCase, teamName);
        changed.fire(new UseCaseChanged(useCase.getId()));
        return standing(slug);
    }

    public Page<TeamSummary> teams(String slug, int first, int max) {
        Page.check(first, max);
        UseCase useCase = access.visible(slug, caller()).useCase();
        List<Team> teams = em.createNamedQuery(Team.OF_USE_CASE, Team.class).setParameter("useCase", useCase)
                .setFirstResult(first).setMaxResults(max).getResultList();
        long total = em.createNamedQuery(Team.COUNT_OF_USE_CASE, Long.class).setParameter("useCase", useCase).getSingleResult();
        return new Page<>(total, first, max, teams.stream().map(t -> new TeamSummary(t, memberCount(t))).toList());
    }

    /** A team; its members only to its own members and the hosts (null otherwise). */
    public Standing team(String slug, long teamId) {
        Participation participation = access.visible(slug, caller());
        Team team = access.team(participation, teamId);
        if (!participation.sees(team)) {
            return new Standing(null, team, null, null, null);
        }
        return new Standing(null, team, members(team), quota.of(team), budget.of(team));
    }

    /** The caller's own standing in a use case. */
    public Standing standing(String slug) {
        Participation participation = access.visible(slug, caller());
        if (participation.membership() == null) {
            return new Standing(null, null, List.of(), null, null);
        }
        Team team = participation.team().orElse(null);
        if (team == null) {
            return new Standing(participation.membership().getRole(), null, List.of(), null, null);
        }
        return new Standing(participation.membership().getRole(), team, members(team), quota.of(team), budget.of(team));
    }

    /** Renames the caller's team (lead only); names are unique per use case. */
    public Team rename(String slug, String name) {
        Participation participation = access.inTeam(slug, caller(), "rename a team");
        if (!participation.isLead()) {
            throw new ActionForbiddenException("Only the team's lead may rename it.");
        }
        Team team = participation.team().orElseThrow();
        String checked = checkTeamName(participation.useCase(), name, team);
        team.rename(checked);
        changed.fire(new UseCaseChanged(participation.useCase().getId()));
        return team;
    }

    /**
     * Invites a person into the caller's team (lead) or, for a host, into the use case with a team of their own.
     *
     * @param user  a sign-in name, or null when inviting by e-mail
     * @param email an e-mail address, or null when inviting by name
     */
    public Invitation invite(String slug, String user, String email) {
        Participation participation = access.visible(slug, caller());
        UseCase useCase = participation.useCase();
        Team team;
        if (participation.isHost()) {
            team = null;
        } else if (participation.isLead()) {
            team = participation.team().orElseThrow();
        } else {
            throw new ActionForbiddenException(participation.membership() == null
                    ? "Join '" + slug + "' first; then you can invite teammates into your team."
                    : "Only your team's lead invites teammates; ask them.");
        }
        checkJoinable(useCase);
        boolean byName = user != null && !user.isBlank();
        boolean byEmail = email != null && !email.isBlank();
        if (byName == byEmail) {
            throw new InvalidInputException(byName ? "email" : "user", "Invite either a signed-in person by 'user' or someone by 'email', one of the two.");
        }
        if (byEmail && !EMAIL.matcher(email.strip()).matches()) {
            throw new InvalidInputException("email", "'" + email + "' is not an e-mail address.");
        }
        String invitee = byName ? SignInName.of("user", user) : null;
        if (byName) {
            if (invitee.equals(caller().name())) {
                throw new InvalidInputException("user", "You cannot invite yourself.");
            }
            Membership existing = access.membership(useCase, invitee);
            if (existing != null) {
                throw new StateConflictException(invitee + " is already " + (existing.isHost() ? "a host of" : "in a team of") + " '" + slug + "'.");
            }
            boolean pending = invitations(useCase).stream().anyMatch(i -> invitee.equals(i.getInviteeUser())
                    && i.statusAt(ArenaClock.now()) == InvitationStatus.PENDING);
            if (pending) {
                throw new StateConflictException(invitee + " already has a pending invitation into '" + slug + "'.");
            }
        }
        if (team != null && memberCount(team) + pendingInto(team) >= useCase.getTeamSizeLimit()) {
            throw new StateConflictException("Team '" + team.getName() + "' would pass the limit of " + useCase.getTeamSizeLimit()
                    + " people of '" + slug + "' (members and pending invitations); revoke an invitation first.");
        }
        Instant now = ArenaClock.now();
        Invitation invitation = new Invitation(useCase, team, invitee, byEmail ? email.strip() : null,
                newCode(), caller().name(), now, now.plus(INVITATION_VALIDITY));
        em.persist(invitation);
        changed.fire(new UseCaseChanged(useCase.getId()));
        return invitation;
    }

    /** The invitations addressed to the caller by name, newest first. */
    public List<Invitation> myInvitations() {
        return em.createNamedQuery(Invitation.TO_USER, Invitation.class).setParameter("user", caller().name()).getResultList();
    }

    /** The invitations of a use case: hosts see all, a lead those of their team. */
    public List<Invitation> invitationsOf(String slug) {
        Participation participation = access.visible(slug, caller());
        if (participation.isHost()) {
            return invitations(participation.useCase());
        }
        if (participation.isLead()) {
            return em.createNamedQuery(Invitation.OF_TEAM, Invitation.class).setParameter("team", participation.team().orElseThrow()).getResultList();
        }
        throw new ActionForbiddenException("Only hosts and team leads see the invitations of '" + slug + "'.");
    }

    /**
     * Accepts an invitation: addressed by name to the caller, or by e-mail with its code. Accepting means accepting
     * the use case's rules.
     */
    public Standing accept(long invitationId, String code, boolean acceptRules) {
        Invitation invitation = answerable(invitationId, code);
        UseCase useCase = invitation.getUseCase();
        if (access.membership(useCase, caller().name()) != null) {
            throw new StateConflictException("You are already in '" + useCase.getSlug() + "'; a person is in one team per use case.");
        }
        checkJoinable(useCase);
        if (!acceptRules) {
            throw new InvalidInputException("acceptRules", "Accepting the invitation means accepting the rules of '" + useCase.getSlug()
                    + "': send acceptRules true after reading them.");
        }
        Team team = invitation.getTeam();
        if (team == null) {
            createOwnTeam(useCase, null);
        } else {
            if (memberCount(team) >= useCase.getTeamSizeLimit()) {
                throw new StateConflictException("Team '" + team.getName() + "' is full (" + useCase.getTeamSizeLimit() + " people).");
            }
            em.persist(Membership.participant(team, caller().name(), MemberRole.MEMBER, ArenaClock.now()));
        }
        invitation.answer(InvitationStatus.ACCEPTED, caller().name(), ArenaClock.now());
        em.flush();
        changed.fire(new UseCaseChanged(useCase.getId()));
        return standing(useCase.getSlug());
    }

    /**
     * A pending invitation the caller may answer: addressed to them by name, or by e-mail with its code (the link in the
     * e-mail). What it shows (use case, team, rules) is what accepting it means.
     */
    public Invitation invitation(long invitationId, String code) {
        return answerable(invitationId, code);
    }

    public Invitation decline(long invitationId, String code) {
        Invitation invitation = answerable(invitationId, code);
        invitation.answer(InvitationStatus.DECLINED, caller().name(), ArenaClock.now());
        changed.fire(new UseCaseChanged(invitation.getUseCase().getId()));
        return invitation;
    }

    /** Withdraws a pending invitation: its sender, the team's lead or a host. */
    public Invitation revoke(String slug, long invitationId) {
        Participation participation = access.visible(slug, caller());
        Invitation invitation = em.find(Invitation.class, invitationId);
        boolean mine = invitation != null && invitation.getUseCase().getId().equals(participation.useCase().getId())
                && (participation.isHost() || caller().name().equals(invitation.getInvitedBy())
                || invitation.getTeam() != null && participation.isLead() && participation.sees(invitation.getTeam()));
        if (!mine) {
            throw new ResourceNotFoundException("There is no invitation " + invitationId + " of '" + slug + "' that you sent or manage.");
        }
        if (invitation.statusAt(ArenaClock.now()) != InvitationStatus.PENDING) {
            throw new StateConflictException("The invitation is " + invitation.statusAt(ArenaClock.now()) + "; only pending ones can be revoked.");
        }
        invitation.answer(InvitationStatus.REVOKED, caller().name(), ArenaClock.now());
        changed.fire(new UseCaseChanged(invitation.getUseCase().getId()));
        return invitation;
    }

    /** The compute ledger of the caller's team (or, for hosts, of any team). */
    public Page<ComputeCharge> ledger(String slug, long teamId, int first, int max) {
        Page.check(first, max);
        Participation participation = access.visible(slug, caller());
        Team team = access.team(participation, teamId);
        if (!participation.sees(team)) {
            throw new ActionForbiddenException("The compute ledger of a team is for its members and the hosts.");
        }
        return new Page<>(budget.ledgerSize(team), first, max, budget.ledger(team, first, max));
    }

    private Invitation answerable(long invitationId, String code) {
        Invitation invitation = em.find(Invitation.class, invitationId);
        if (invitation == null || !invitation.addressedTo(caller().name(), code)) {
            throw new ResourceNotFoundException("There is no invitation " + invitationId + " for you"
                    + (invitation != null && invitation.getInviteeEmail() != null ? "; an invitation by e-mail needs the code from its link." : "."));
        }
        InvitationStatus status = invitation.statusAt(ArenaClock.now());
        if (status != InvitationStatus.PENDING) {
            throw new StateConflictException("The invitation is " + status.name().toLowerCase() + "; ask "
                    + invitation.getInvitedBy() + " for a new one if you still want to join.");
        }
        return invitation;
    }

    private void checkJoinable(UseCase useCase) {
        if (useCase.acceptsParticipants()) {
            return;
        }
        if (useCase.getStatus() == UseCaseStatus.CLOSED) {
            throw new StateConflictException("'" + useCase.getSlug() + "' is closed; nobody joins any more.");
        }
        throw new StateConflictException("'" + useCase.getSlug() + "' is still a draft; it opens to participants when its hosts make it active.");
    }

    private Team createOwnTeam(UseCase useCase, String requestedName) {
        String name = requestedName == null || requestedName.isBlank() ? uniqueDefaultName(useCase) : checkTeamName(useCase, requestedName, null);
        Team team = new Team(useCase, name, ArenaClock.now());
        em.persist(team);
        em.persist(Membership.participant(team, caller().name(), MemberRole.LEAD, ArenaClock.now()));
        em.flush();
        return team;
    }

    private String uniqueDefaultName(UseCase useCase) {
        String base = "Team " + caller().name();
        String name = base;
        for (int i = 2; teamNamed(useCase, name) != null; i++) {
            name = base + " " + i;
        }
        return name;
    }

    private String checkTeamName(UseCase useCase, String name, Team self) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > 100) {
            throw new InvalidInputException("teamName", "A team name has 1 to 100 characters.");
        }
        Team existing = teamNamed(useCase, stripped);
        if (existing != null && (self == null || !existing.getId().equals(self.getId()))) {
            throw new StateConflictException("There is already a team '" + stripped + "' in '" + useCase.getSlug() + "'; choose another name.");
        }
        return stripped;
    }

    private Team teamNamed(UseCase useCase, String name) {
        List<Team> found = em.createNamedQuery(Team.BY_NAME, Team.class).setParameter("useCase", useCase).setParameter("name", name).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private List<Membership> members(Team team) {
        return em.createNamedQuery(Membership.OF_TEAM, Membership.class).setParameter("team", team).getResultList();
    }

    private long memberCount(Team team) {
        return em.createNamedQuery(Membership.COUNT_OF_TEAM, Long.class).setParameter("team", team).getSingleResult();
    }

    private long pendingInto(Team team) {
        Instant now = ArenaClock.now();
        return em.createNamedQuery(Invitation.OF_TEAM, Invitation.class).setParameter("team", team).getResultList().stream()
                .filter(i -> i.statusAt(now) == InvitationStatus.PENDING).count();
    }

    private List<Invitation> invitations(UseCase useCase) {
        return em.createNamedQuery(Invitation.OF_USE_CASE, Invitation.class).setParameter("useCase", useCase).getResultList();
    }

    private static String newCode() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private Caller caller() {
        return Caller.of(session);
    }
}
