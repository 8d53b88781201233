package org.mlarena.experiment.boundary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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
import org.mlarena.dataset.control.DatasetStore;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.experiment.control.ExperimentQueued;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.experiment.entity.EpochRecord;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.experiment.entity.ExperimentStatus;
import org.mlarena.experiment.entity.TeamArchitecture;
import org.mlarena.identity.control.Caller;
import org.mlarena.identity.control.Roles;
import org.mlarena.team.control.ComputeBudget;
import org.mlarena.team.entity.Team;
import org.mlarena.team.control.Participation;
import org.mlarena.team.control.UseCaseAccess;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.usecase.entity.UseCaseStatus;

/**
 * Experiments: a team's training runs and the use case's template runs. Participants see their own team's
 * and the templates, never another team's; hosts see all and create templates.
 */
@Stateless
@RolesAllowed(Roles.USER)
public class ExperimentService {


    @Resource
    SessionContext session;

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Inject
    UseCaseAccess access;

    @Inject
    DatasetStore datasets;

    @Inject
    ComputeBudget budget;

    @Inject
    Event<ExperimentQueued> queued;

    /** Which experiments a list shows. */
    public enum Scope {
        /** The caller's team's (for hosts: every team's). */
        TEAM,
        /** The use case's templates. */
        TEMPLATES
    }

    /**
     * Queues an experiment for the caller's team; a host creates a template experiment of the use case.
     */
    public Experiment create(String slug, ExperimentDraft draft) {
        Caller caller = Caller.of(session);
        Participation participation = access.visible(slug, caller);
        if (!participation.isHost()) {
            participation = access.inTeam(slug, caller, "train a model");
        }
        UseCase useCase = participation.useCase();
        if (draft == null) {
            throw new InvalidInputException(null, "The request has no body; send the experiment as JSON (see /openapi).");
        }
        if (useCase.getStatus() == UseCaseStatus.CLOSED) {
            throw new StateConflictException("'" + slug + "' is closed; no more training.");
        }
        Dataset dataset = datasets.of(useCase);
        if (dataset == null) {
            throw new StateConflictException("'" + slug + "' has no dataset yet; training starts once its hosts import it.");
        }
        InvalidInputException.Collector errors = new InvalidInputException.Collector();
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty() || title.length() > 200) {
            errors.add("title", "Give the experiment a title of 1 to 200 characters.");
        }
        if (draft.notes() != null && draft.notes().length() > Experiment.NOTES_LENGTH) {
            errors.add("notes", "The notes have " + draft.notes().length() + " characters; keep them to " + Experiment.NOTES_LENGTH + ".");
        }
        String model = draft.model();
        Map<String, String> hyperparameters = draft.hyperparameters() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(draft.hyperparameters());
        if (draft.architectureId() != null) {
            TeamArchitecture saved = em.find(TeamArchitecture.class, draft.architectureId());
            if (saved == null || !saved.getUseCase().getId().equals(useCase.getId()) || !participation.sees(saved.getTeam())) {
                errors.add("architectureId", "There is no architecture " + draft.architectureId() + " of your team in '" + slug
                        + "' (GET .../architectures lists them).");
            } else if (model != null && !model.strip().equals(ModelZoo.ARCHITECTURE) || hyperparameters.containsKey(ModelZoo.ARCHITECTURE)) {
                errors.add("architectureId", "A saved architecture is trained as model '" + ModelZoo.ARCHITECTURE
                        + "' with no other architecture; leave the model and the inline architecture out.");
            } else {
                model = ModelZoo.ARCHITECTURE;
                hyperparameters.put(ModelZoo.ARCHITECTURE, saved.getText());
            }
        }
        TrainingPlan.Settings settings = new TrainingPlan.Settings(model, hyperparameters, draft.epochs(), draft.batchSize(),
                draft.learningRate(), draft.optimizer(), draft.weightDecay(), draft.patience(), draft.minDelta(), draft.monitor(), draft.schedule(),
                draft.standardize());
        TrainingPlan plan = null;
        try {
            plan = TrainingPlan.of(useCase.getCategory(), dataset, settings, Long.MAX_VALUE, TrainingPlan.ModelLimits.of(useCase));
        } catch (InvalidInputException e) {
            // every wrong input at once: the title's and the settings' together
            if (e.errors().isEmpty()) {
                errors.add(null, e.getMessage());
            }
            e.errors().forEach(error -> errors.add(error.field(), error.message()));
        }
        errors.throwIfAny();
        Team team = participation.team().orElse(null);
        Experiment base = null;
        int frozen = draft.frozenLayers() == null ? 0 : draft.frozenLayers();
        if (draft.finetuneFrom() != null) {
            base = em.find(Experiment.class, draft.finetuneFrom());
            if (base == null || !base.getUseCase().getId().equals(useCase.getId()) || !(base.isTemplate() || participation.sees(base.getTeam()))) {
                throw new InvalidInputException("finetuneFrom", "There is no experiment " + draft.finetuneFrom()
                        + " of your team or of the templates of '" + slug + "' to finetune from.");
            }
            if (base.getStatus() != ExperimentStatus.COMPLETED) {
                throw new InvalidInputException("finetuneFrom", "Experiment " + base.getId() + " is " + base.getStatus()
                        + "; finetuning starts from a completed one.");
            }
            int shared = plan.layersSharedWith(base, dataset, useCase.getCategory());
            if (shared == 0) {
                throw new InvalidInputException("finetuneFrom", "Experiment " + base.getId() + " trained '" + base.getModel() + "', which shares no"
                        + " leading layer with this model; finetune the same model, or write an architecture that starts with its layers.");
            }
            if (frozen > shared) {
                throw new InvalidInputException("frozenLayers", "Only the first " + shared + " layer(s) come from experiment " + base.getId()
                        + "; freeze at most " + shared + ".");
            }
        }
        if (frozen < 0 || frozen > 16) {
            throw new InvalidInputException("frozenLayers", "frozenLayers is the number of first layers that keep their weights: 0 to the layers of the model less one.");
        }
        if (frozen > 0 && base == null) {
            throw new InvalidInputException("frozenLayers", "Freezing layers makes sense only when finetuning; set finetuneFrom or leave frozenLayers at 0.");
        }
        if (frozen > 0 && ModelZoo.model(plan.model()).isTrees()) {
            throw new InvalidInputException("frozenLayers", "Boosted trees have no layers to freeze: finetuning boosts on from the trees;"
                    + " leave frozenLayers at 0.");
        }
        if (team != null && budget.of(team).spent()) {
            throw new StateConflictException("Your team's compute budget of " + useCase.getComputeBudgetPflops()
                    + " PFLOPs is spent; no more training in '" + slug + "'. Submit one of your trained experiments instead.");
        }
        Experiment experiment = plan.experiment(useCase, team, caller.name(), title, draft.seed(), draft.notes(), ArenaClock.now());
        if (base != null) {
            experiment.finetune(base, frozen);
        }
        em.persist(experiment);
        em.flush();
        queued.fire(new ExperimentQueued(experiment.getId()));
        return experiment;
    }

    public Page<Experiment> list(String slug, Scope scope, int first, int max) {
        Page.check(first, max);
        return Page.of(all(access.visible(slug, Caller.of(session)), scope), first, max);
    }

    /** What the caller may finetune from: the completed experiments of their team (every team's for hosts) and the templates. */
    public List<Experiment> finetuneOrigins(String slug) {
        Participation participation = access.visible(slug, Caller.of(session));
        List<Experiment> origins = new ArrayList<>(all(participation, Scope.TEAM));
        origins.addAll(all(participation, Scope.TEMPLATES));
        origins.removeIf(e -> e.getStatus() != ExperimentStatus.COMPLETED);
        return origins;
    }

    private List<Experiment> all(Participation participation, Scope scope) {
        List<Experiment> all;
        if (scope == Scope.TEMPLATES) {
            all = em.createNamedQuery(Experiment.TEMPLATES, Experiment.class).setParameter("useCase", participation.useCase()).getResultList();
        } else if (participation.isHost()) {
            all = new ArrayList<>(em.createNamedQuery(Experiment.OF_USE_CASE, Experiment.class).setParameter("useCase", participation.useCase()).getResultList());
            all.removeIf(Experiment::isTemplate);
        } else if (participation.team().isPresent()) {
            all = em.createNamedQuery(Experiment.OF_TEAM, Experiment.class).setParameter("team", participation.team().get()).getResultList();
        } else {
            all = List.of();
        }
        return all;
    }

    public Experiment find(String slug, long id) {
        return visible(access.visible(slug, Caller.of(session)), id);
    }

    public List<EpochRecord> curves(String slug, long id) {
        Experiment experiment = find(slug, id);
        return em.createNamedQuery(EpochRecord.OF_EXPERIMENT, EpochRecord.class).setParameter("experiment", experiment).getResultList();
    }

    /** Changes the title and notes; members of the team (hosts for templates). */
    public Experiment describe(String slug, long id, String title, String notes) {
        Experiment experiment = editable(slug, id);
        if (title != null) {
            if (title.isBlank() || title.length() > 200) {
                throw new InvalidInputException("title", "Give the experiment a title of 1 to 200 characters.");
            }
            experiment.setTitle(title.strip());
        }
        if (notes != null) {
            if (notes.length() > Experiment.NOTES_LENGTH) {
                throw new InvalidInputException("notes", "The notes have " + notes.length() + " characters; keep them to " + Experiment.NOTES_LENGTH + ".");
            }
            experiment.setNotes(notes);
        }
        return experiment;
    }

    /** Cancels a queued run at once, a running one at the end of its current epoch (its checkpoint). */
    public Experiment cancel(String slug, long id) {
        Experiment experiment = editable(slug, id);
        // bulk updates with the state in the WHERE clause: the scheduler and the training job change this row too,
        // and a cancel must neither be lost to nor fail on their concurrent writes (they retry on the version bump)
        int cancelled = em.createQuery("UPDATE Experiment e SET e.status = :cancelled, e.version = e.version + 1 WHERE e.id = :id AND e.status = :queued")
                .setParameter("cancelled", ExperimentStatus.CANCELLED).setParameter("queued", ExperimentStatus.QUEUED).setParameter("id", id)
                .executeUpdate();
        if (cancelled == 0) {
            int requested = em.createQuery("UPDATE Experiment e SET e.lifecycle.cancelRequested = TRUE, e.version = e.version + 1"
                    + " WHERE e.id = :id AND e.status = :running").setParameter("running", ExperimentStatus.RUNNING).setParameter("id", id).executeUpdate();
            if (requested == 0) {
                em.refresh(experiment);
                throw new StateConflictException("Experiment " + id + " is " + experiment.getStatus() + "; only queued or running ones can be cancelled.");
            }
        }
        em.refresh(experiment);
        if (cancelled == 1) {
            // nobody else writes a cancelled experiment: the rest of the change goes through the entity
            experiment.finished(ExperimentStatus.CANCELLED, "Cancelled by " + Caller.of(session).name() + " before it started.", ArenaClock.now());
        }
        return experiment;
    }

    /** Queues a cancelled, failed or budget-stopped run again; it continues from its last checkpoint. */
    public Experiment restart(String slug, long id) {
        Experiment experiment = editable(slug, id);
        ExperimentStatus status = experiment.getStatus();
        if (status != ExperimentStatus.CANCELLED && status != ExperimentStatus.FAILED && status != ExperimentStatus.BUDGET_EXHAUSTED) {
            throw new StateConflictException("Experiment " + id + " is " + status + "; only cancelled, failed or budget-stopped runs restart.");
        }
        if (experiment.chargedTeam() != null && budget.of(experiment.chargedTeam()).spent()) {
            throw new StateConflictException("Your team's compute budget is spent; the experiment cannot continue.");
        }
        experiment.requeued(ArenaClock.now());
        em.flush();
        queued.fire(new ExperimentQueued(experiment.getId()));
        return experiment;
    }

    private Experiment editable(String slug, long id) {
        Participation participation = access.visible(slug, Caller.of(session));
        Experiment experiment = visible(participation, id);
        boolean mayEdit = experiment.isTemplate() ? participation.isHost() : participation.team().map(t -> t.getId().equals(experiment.getTeam().getId())).orElse(false);
        if (!mayEdit) {
            throw new ActionForbiddenException(experiment.isTemplate() ? "Template experiments are changed by the hosts only."
                    : "Only members of the team that owns experiment " + id + " may change it.");
        }
        return experiment;
    }

    private Experiment visible(Participation participation, long id) {
        Experiment experiment = em.find(Experiment.class, id);
        if (experiment == null || !Objects.equals(experiment.getUseCase().getId(), participation.useCase().getId())
                || !(experiment.isTemplate() || participation.sees(experiment.getTeam()))) {
            throw new ResourceNotFoundException("There is no experiment " + id + " of '" + participation.useCase().getSlug() + "' that you can see.");
        }
        return experiment;
    }
}
