package org.mlarena.experiment.boundary;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ArenaClock;
import org.mlarena.common.InvalidInputException;
import org.mlarena.common.ResourceNotFoundException;
import org.mlarena.common.StateConflictException;
import org.mlarena.dataset.control.DatasetStore;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.experiment.entity.TeamArchitecture;
import org.mlarena.identity.control.Caller;
import org.mlarena.identity.control.Roles;
import org.mlarena.numerics.nn.Architecture;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.team.control.Participation;
import org.mlarena.team.control.UseCaseAccess;
import org.mlarena.usecase.entity.UseCase;

/**
 * The architectures teams write: checked on the use case's data exactly as training would check them, saved by name
 * for the team to train and reuse. A team sees its own; hosts see every team's.
 */
@Stateless
@RolesAllowed(Roles.USER)
public class ArchitectureService {

    @Resource
    SessionContext session;

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Inject
    UseCaseAccess access;

    @Inject
    DatasetStore datasets;

    /**
     * What an architecture compiles to on this use case's data: its layers with their shapes and figures, the model's
     * parameters, bytes and FLOPs per sample (inference, and training with the default batch size); or every problem.
     *
     * @param problems each a layer's place in the JSON and what is wrong there; empty when it is valid
     */
    public record Preview(List<String> problems, String input, List<Architecture.Row> layers, Integer parameters, Long bytes,
                          Long inferenceFlopsPerSample, Long trainingFlopsPerSample) implements Serializable {

        public boolean valid() {
            return problems.isEmpty();
        }

        /** This preview, or every problem on the field {@code architecture}. */
        public Preview requireValid() {
            InvalidInputException.Collector errors = new InvalidInputException.Collector();
            problems.forEach(problem -> errors.add("architecture", problem));
            errors.throwIfAny();
            return this;
        }
    }

    public Preview preview(String slug, String text) {
        return preview(access.visible(slug, Caller.of(session)).useCase(), text);
    }

    private Preview preview(UseCase useCase, String text) {
        Dataset dataset = datasets.of(useCase);
        if (dataset == null) {
            throw new StateConflictException("'" + useCase.getSlug() + "' has no dataset yet: an architecture is checked against its data;"
                    + " try again once its hosts import it.");
        }
        if (text == null || text.isBlank()) {
            return new Preview(List.of("architecture: is empty; write a JSON object such as {\"layers\": [{\"type\": \"dense\", \"units\": 128},"
                    + " {\"type\": \"relu\"}]}."), null, List.of(), null, null, null, null);
        }
        TrainingPlan plan;
        try {
            plan = TrainingPlan.of(useCase.getCategory(), dataset, new TrainingPlan.Settings(ModelZoo.ARCHITECTURE,
                    Map.of(ModelZoo.ARCHITECTURE, text), null, null, null, null, null), Long.MAX_VALUE, TrainingPlan.ModelLimits.of(useCase));
        } catch (InvalidInputException e) {
            List<String> problems = new ArrayList<>();
            e.errors().forEach(error -> problems.add(error.message()));
            if (problems.isEmpty()) {
                problems.add(e.getMessage());
            }
            return new Preview(problems, null, List.of(), null, null, null, null);
        }
        Architecture compiled = Architecture.compile(text, plan.input(), plan.outputs(), Architecture.MAX_PARAMETERS);
        return new Preview(List.of(), plan.input().toString(), compiled.rows(), plan.figures().parameters(), plan.figures().bytes(),
                plan.figures().inferenceFlopsPerSample(), plan.figures().trainingFlopsPerSample());
    }

    /** The caller's team's architectures; every team's for hosts. */
    public List<TeamArchitecture> list(String slug) {
        Participation participation = access.visible(slug, Caller.of(session));
        if (participation.isHost()) {
            return em.createNamedQuery(TeamArchitecture.OF_USE_CASE, TeamArchitecture.class).setParameter("useCase", participation.useCase()).getResultList();
        }
        return participation.team().map(team -> em.createNamedQuery(TeamArchitecture.OF_TEAM, TeamArchitecture.class)
                .setParameter("team", team).getResultList()).orElse(List.of());
    }

    public TeamArchitecture find(String slug, long id) {
        return visible(access.visible(slug, Caller.of(session)), id);
    }

    /** Saves a new architecture for the caller's team; it must be valid on the use case's data. */
    public TeamArchitecture create(String slug, String name, String text) {
        Caller caller = Caller.of(session);
        Participation participation = access.inTeam(slug, caller, "save an architecture");
        String checkedName = name(name);
        if (!em.createNamedQuery(TeamArchitecture.NAMED, TeamArchitecture.class).setParameter("team", participation.team().get())
                .setParameter("name", checkedName).getResultList().isEmpty()) {
            throw new StateConflictException("Your team has an architecture named '" + checkedName + "' already; choose another name,"
                    + " or change that one (PUT .../architectures/{id}).");
        }
        TeamArchitecture architecture = new TeamArchitecture(participation.useCase(), participation.team().get(), checkedName, caller.name(),
                ArenaClock.now());
        write(architecture, participation.useCase(), text, caller);
        em.persist(architecture);
        em.flush();
        return architecture;
    }

    /** Replaces the JSON of one of the caller's team's architectures (and its name, when given). */
    public TeamArchitecture update(String slug, long id, String name, String text) {
        Caller caller = Caller.of(session);
        Participation participation = access.inTeam(slug, caller, "change an architecture");
        TeamArchitecture architecture = visible(participation, id);
        if (name != null && !name(name).equalsIgnoreCase(architecture.getName())) {
            throw new InvalidInputException("name", "An architecture keeps its name; save a copy under the new name instead.");
        }
        write(architecture, participation.useCase(), text, caller);
        return architecture;
    }

    public void delete(String slug, long id) {
        Participation participation = access.inTeam(slug, Caller.of(session), "delete an architecture");
        em.remove(visible(participation, id));
    }

    private void write(TeamArchitecture architecture, UseCase useCase, String text, Caller caller) {
        Preview preview = preview(useCase, text).requireValid();
        architecture.written(text, preview.parameters(), preview.bytes(), preview.inferenceFlopsPerSample(), caller.name(), ArenaClock.now());
    }

    private static String name(String name) {
        String stripped = name == null ? "" : name.strip();
        if (stripped.isEmpty() || stripped.length() > TeamArchitecture.NAME_LENGTH) {
            throw new InvalidInputException("name", "Name the architecture with 1 to " + TeamArchitecture.NAME_LENGTH + " characters.");
        }
        return stripped;
    }

    private TeamArchitecture visible(Participation participation, long id) {
        TeamArchitecture architecture = em.find(TeamArchitecture.class, id);
        if (architecture == null || !architecture.getUseCase().getId().equals(participation.useCase().getId())
                || !participation.sees(architecture.getTeam())) {
            throw new ResourceNotFoundException("There is no architecture " + id + " of your team in '" + participation.useCase().getSlug() + "'.");
        }
        return architecture;
    }
}
