package org.mlarena.team.boundary;

import java.time.Instant;
import java.util.List;

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
import org.mlarena.team.control.Participation;
import org.mlarena.team.control.UseCaseAccess;
import org.mlarena.team.control.VisibleUseCases;
import org.mlarena.team.entity.Membership;
import org.mlarena.usecase.control.UseCaseChanged;
import org.mlarena.usecase.control.UseCaseDatasets;
import org.mlarena.usecase.control.UseCaseDraft;
import org.mlarena.usecase.control.UseCaseEditor;
import org.mlarena.usecase.entity.UseCase;

/**
 * Use cases as people see them: the catalogue each caller may see, and what hosts create and change. It sits with the
 * participants (not in usecase) because who may see and change a use case is decided by memberships and invitations.
 */
@Stateless
@RolesAllowed(Roles.USER)
public class UseCaseService {

    @Resource
    SessionContext session;

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Inject
    UseCaseAccess access;

    @Inject
    UseCaseDatasets datasets;

    @Inject
    VisibleUseCases visible;

    @Inject
    Event<UseCaseChanged> changed;

    /** The use cases the caller may see: public and template ones, and private ones they host, joined or are invited to. */
    public Page<UseCase> catalogue(int first, int max) {
        Page.check(first, max);
        String reader = caller().name();
        Instant now = ArenaClock.now();
        // an expired invitation no longer shows a private use case, as it no longer opens it (UseCaseAccess)
        List<UseCase> all = visible.of(reader, now, () -> em.createNamedQuery(Membership.VISIBLE_USE_CASES, UseCase.class)
                .setParameter("user", reader).setParameter("now", now).getResultList());
        return Page.of(all, first, max);
    }

    /** The caller's role in each use case they take part in: slug to HOST, LEAD or MEMBER. */
    public java.util.Map<String, String> myRoles() {
        java.util.Map<String, String> roles = new java.util.HashMap<>();
        em.createNamedQuery(Membership.ALL_OF_USER, Membership.class)
                .setParameter("user", caller().name()).getResultList()
                .forEach(m -> roles.put(m.getUseCase().getSlug(), m.getRole().name()));
        return roles;
    }

    public Participation find(String slug) {
        return access.visible(slug, caller());
    }

    /** Creates a use case (draft, private until its host opens it); the caller becomes its first host. */
    @RolesAllowed(Roles.HOST)
    public UseCase create(UseCaseDraft draft) {
        if (draft == null) {
            throw new InvalidInputException(null, "The request has no body; send the use case as JSON (see /openapi).");
        }
        String slug = draft.slug() != null ? draft.slug().strip() : draft.title() == null ? null : UseCaseEditor.slugOf(draft.title());
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        boolean slugUsable = slug != null && UseCaseEditor.SLUG.matcher(slug).matches();
        if (!slugUsable) {
            errors.add("slug", "The slug '" + (slug == null ? "" : slug) + "' is not usable in an address: use 1 to 64 lower-case letters,"
                    + " digits and inner hyphens, e.g. churn-prediction" + (draft.slug() == null ? " (it is made from the title unless you give one)." : "."));
        }
        UseCase useCase = new UseCase(slugUsable ? slug : "invalid", caller().name(), ArenaClock.now());
        try {
            UseCaseEditor.apply(draft, useCase, true, false);
        } catch (InvalidInputException e) {
            e.errors().forEach(error -> errors.add(error.field(), error.message()));
        }
        errors.throwIfAny();
        if (access.bySlug(slug) != null) {
            throw new StateConflictException("The slug '" + slug + "' is taken; choose another one.");
        }
        em.persist(useCase);
        em.persist(Membership.host(useCase, caller().name(), ArenaClock.now()));
        changed.fire(new UseCaseChanged(useCase.getId()));
        return useCase;
    }

    /** Changes what the draft names; only hosts. */
    public UseCase update(String slug, UseCaseDraft draft, Long expectedVersion) {
        Participation participation = access.hosted(slug, caller(), "change the use case");
        UseCase useCase = participation.useCase();
        if (expectedVersion == null) {
            throw new InvalidInputException("version", "Send the version you read (GET /api/v1/use-cases/" + slug + " answers it, now "
                    + useCase.getVersion() + "), so that a change someone made meanwhile is not overwritten.");
        }
        if (expectedVersion != useCase.getVersion()) {
            throw new StateConflictException("The use case changed since you read it (version " + expectedVersion + ", now "
                    + useCase.getVersion() + "); read it again and repeat your change.");
        }
        if (draft != null && draft.slug() != null && !draft.slug().equals(slug)) {
            throw new InvalidInputException("slug", "The slug of a use case cannot change (links to it would break).");
        }
        UseCaseEditor.apply(draft, useCase, false, datasets.exists(useCase));
        useCase.setUpdatedAt(ArenaClock.now());
        em.flush();
        changed.fire(new UseCaseChanged(useCase.getId()));
        return useCase;
    }

    public List<Membership> hosts(String slug) {
        return em.createNamedQuery(Membership.HOSTS, Membership.class).setParameter("useCase", access.visible(slug, caller()).useCase()).getResultList();
    }

    /** Adds a co-host; the person must not be competing in the use case. */
    public Membership addHost(String slug, String user) {
        UseCase useCase = access.hosted(slug, caller(), "add hosts").useCase();
        String name = SignInName.of("user", user);
        Membership existing = access.membership(useCase, name);
        if (existing != null) {
            throw new StateConflictException(existing.isHost() ? name + " already hosts '" + slug + "'."
                    : name + " competes in '" + slug + "' (team " + existing.getTeam().getName() + ") and cannot also host it.");
        }
        Membership host = Membership.host(useCase, name, ArenaClock.now());
        em.persist(host);
        changed.fire(new UseCaseChanged(useCase.getId()));
        return host;
    }

    /** Removes a co-host; the last host stays. */
    public void removeHost(String slug, String user) {
        UseCase useCase = access.hosted(slug, caller(), "remove hosts").useCase();
        Membership existing = access.membership(useCase, user);
        if (existing == null || !existing.isHost()) {
            throw new ResourceNotFoundException(user + " does not host '" + slug + "'.");
        }
        if (hosts(slug).size() == 1) {
            throw new ActionForbiddenException("A use case keeps at least one host; add another host before removing " + user + ".");
        }
        em.remove(existing);
        changed.fire(new UseCaseChanged(useCase.getId()));
    }

    private Caller caller() {
        return Caller.of(session);
    }
}
