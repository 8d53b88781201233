package org.mlarena.team.control;

import java.util.List;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ActionForbiddenException;
import org.mlarena.common.ResourceNotFoundException;
import org.mlarena.identity.control.Caller;
import org.mlarena.team.entity.Invitation;
import org.mlarena.team.entity.Membership;
import org.mlarena.team.entity.Team;
import org.mlarena.usecase.entity.UseCase;

/**
 * The access rules every boundary applies before it reads or changes anything of a use case: public and
 * template use cases are open to every signed-in person, private ones to their hosts, members and invitees;
 * a private use case that the caller may not see answers exactly like one that does not exist.
 */
@Stateless
public class UseCaseAccess {

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    /** The use case as the caller stands in it; not found when it does not exist or is not theirs to see. */
    public Participation visible(String slug, Caller caller) {
        List<Object[]> found = em.createNamedQuery(Membership.USE_CASE_AS_SEEN_BY, Object[].class)
                .setParameter("slug", slug).setParameter("user", caller.name()).getResultList();
        UseCase useCase = found.isEmpty() ? null : (UseCase) found.get(0)[0];
        Membership membership = found.isEmpty() ? null : (Membership) found.get(0)[1];
        if (useCase == null || !useCase.isOpen() && membership == null && !invited(useCase, caller.name())) {
            throw new ResourceNotFoundException("There is no use case '" + slug + "' that you can see. "
                    + "Private use cases are visible to their hosts and invited people only.");
        }
        return new Participation(useCase, membership);
    }

    /** As {@link #visible}, and the caller must host it. */
    public Participation hosted(String slug, Caller caller, String action) {
        Participation participation = visible(slug, caller);
        if (!participation.isHost()) {
            throw new ActionForbiddenException("Only the hosts of '" + slug + "' may " + action + ".");
        }
        return participation;
    }

    /** As {@link #visible}, and the caller must be in a team of it. */
    public Participation inTeam(String slug, Caller caller, String action) {
        Participation participation = visible(slug, caller);
        if (participation.team().isEmpty()) {
            throw new ActionForbiddenException(participation.isHost()
                    ? "Hosts do not compete: to " + action + ", a team member has to do it."
                    : "To " + action + " you first join '" + slug + "' (accept its rules) or accept an invitation into a team.");
        }
        return participation;
    }

    /** The team, if the caller may see it (their own, or any when they host). */
    public Team team(Participation participation, long teamId) {
        Team team = em.find(Team.class, teamId);
        if (team == null || !team.getUseCase().getId().equals(participation.useCase().getId())) {
            throw new ResourceNotFoundException("There is no team " + teamId + " in '" + participation.useCase().getSlug() + "'.");
        }
        return team;
    }

    public UseCase bySlug(String slug) {
        List<UseCase> found = em.createNamedQuery(UseCase.BY_SLUG, UseCase.class).setParameter("slug", slug).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    public Membership membership(UseCase useCase, String user) {
        if (useCase == null) {
            return null;
        }
        List<Membership> found = em.createNamedQuery(Membership.OF_USER, Membership.class)
                .setParameter("useCase", useCase).setParameter("user", user).getResultList();
        return found.isEmpty() ? null : found.get(0);
    }

    private boolean invited(UseCase useCase, String user) {
        return em.createNamedQuery(Invitation.TO_USER, Invitation.class).setParameter("user", user).getResultList().stream()
                .anyMatch(i -> i.getUseCase().getId().equals(useCase.getId()) && i.statusAt(org.mlarena.common.ArenaClock.now())
                        == org.mlarena.team.entity.InvitationStatus.PENDING);
    }
}
