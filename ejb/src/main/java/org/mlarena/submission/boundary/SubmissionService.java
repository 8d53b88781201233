package org.mlarena.submission.boundary;

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
import org.mlarena.common.QuotaExceededException;
import org.mlarena.common.ResourceNotFoundException;
import org.mlarena.common.StateConflictException;
import org.mlarena.dataset.control.DatasetStore;
import org.mlarena.experiment.control.ExperimentQueued;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.experiment.entity.ExperimentStatus;
import org.mlarena.identity.control.Caller;
import org.mlarena.identity.control.Roles;
import org.mlarena.submission.control.PredictionFile;
import org.mlarena.submission.control.SubmissionQueued;
import org.mlarena.submission.control.SubmissionQuota;
import org.mlarena.team.control.SubmissionAllowance;
import org.mlarena.submission.entity.Submission;
import org.mlarena.submission.entity.SubmissionStatus;
import org.mlarena.team.entity.Team;
import org.mlarena.team.control.ComputeBudget;
import org.mlarena.team.control.Participation;
import org.mlarena.team.control.UseCaseAccess;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.usecase.entity.UseCaseStatus;
import org.mlarena.usecase.entity.Visibility;

/**
 * Submissions: a team sends a trained experiment for inference on the hidden test set, within its daily
 * limit. Participants see their own team's submissions, hosts all.
 */
@Stateless
@RolesAllowed(Roles.USER)
public class SubmissionService {


    /**
     * A page of submissions with the team's daily limit (null for hosts, who do not submit) and the ids of the
     * submissions the team chose as final (empty for hosts).
     */
    public record Listing(Page<Submission> page, SubmissionAllowance.Quota quota, List<Long> finalChoices) {
    }

    @Resource
    SessionContext session;

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Inject
    UseCaseAccess access;

    @Inject
    SubmissionQuota quota;

    @Inject
    Event<SubmissionQueued> queued;

    @Inject
    Event<ExperimentQueued> experimentQueued;

    @Inject
    ComputeBudget budget;

    @Inject
    DatasetStore datasets;

    public Submission submit(String slug, Long experimentId, String comment) {
        Caller caller = Caller.of(session);
        Participation participation = access.inTeam(slug, caller, "submit");
        UseCase useCase = participation.useCase();
        Team team = participation.team().orElseThrow();
        if (experimentId == null) {
            throw new InvalidInputException("experimentId", "Name the experiment to submit (experimentId).");
        }
        if (comment != null && comment.length() > 2000) {
            throw new InvalidInputException("comment", "Keep the comment to 2000 characters.");
        }
        Experiment experiment = em.find(Experiment.class, experimentId);
        if (experiment == null || experiment.isTemplate() || !experiment.getTeam().getId().equals(team.getId())) {
            throw new InvalidInputException("experimentId", "There is no experiment " + experimentId + " of your team to submit.");
        }
        if (experiment.getStatus() != ExperimentStatus.COMPLETED) {
            throw new StateConflictException("Experiment " + experimentId + " is " + experiment.getStatus()
                    + "; only a completed (trained) experiment can be submitted.");
        }
        boolean open = useCase.getStatus() == UseCaseStatus.ACTIVE || useCase.getVisibility() == Visibility.TEMPLATE && useCase.getStatus() != UseCaseStatus.CLOSED;
        if (!open) {
            throw new StateConflictException("'" + slug + "' is " + useCase.getStatus().name().toLowerCase() + "; it takes submissions while it is active.");
        }
        Instant now = ArenaClock.now();
        if (useCase.getOpensAt() != null && now.isBefore(useCase.getOpensAt())) {
            throw new StateConflictException("'" + slug + "' opens for submissions at " + useCase.getOpensAt() + " (UTC); it is " + now + ".");
        }
        if (useCase.getClosesAt() != null && !now.isBefore(useCase.getClosesAt())) {
            throw new StateConflictException("Submissions to '" + slug + "' ended at " + useCase.getClosesAt() + " (UTC); it is " + now
                    + ". Your team can still choose its final submissions" + (useCase.getSelectionClosesAt() == null ? " until the use case is closed."
                    : " until " + useCase.getSelectionClosesAt() + " (UTC)."));
        }
        SubmissionAllowance.Quota standing = quota.of(team);
        if (standing.left() == 0) {
            throw new QuotaExceededException("Your team has used its " + standing.limit() + " submissions of today; the limit resets at "
                    + standing.resetsAt() + " (midnight UTC). Failed and cancelled submissions do not count.", standing.resetsAt());
        }
        Submission submission = new Submission(experiment, caller.name(), comment, ArenaClock.now());
        em.persist(submission);
        em.flush();
        queued.fire(new SubmissionQueued(submission.getId()));
        return submission;
    }

    public Listing list(String slug, int first, int max) {
        Page.check(first, max);
        Participation participation = access.visible(slug, Caller.of(session));
        List<Submission> all;
        SubmissionAllowance.Quota standing = null;
        List<Long> finals = List.of();
        if (participation.isHost()) {
            all = em.createNamedQuery(Submission.OF_USE_CASE, Submission.class).setParameter("useCase", participation.useCase()).getResultList();
        } else if (participation.team().isPresent()) {
            all = em.createNamedQuery(Submission.OF_TEAM, Submission.class).setParameter("team", participation.team().get()).getResultList();
            standing = quota.of(participation.team().get());
            finals = all.stream().filter(Submission::isFinalChoice).map(Submission::getId).sorted().toList();
        } else {
            all = List.of();
        }
        return new Listing(Page.of(all, first, max), standing, finals);
    }

    public Submission find(String slug, long id) {
        return find(access.visible(slug, Caller.of(session)), id);
    }

    private Submission find(Participation participation, long id) {
        String slug = participation.useCase().getSlug();
        Submission submission = em.find(Submission.class, id);
        if (submission == null || !submission.getUseCase().getId().equals(participation.useCase().getId()) || !participation.sees(submission.getTeam())) {
            throw new ResourceNotFoundException("There is no submission " + id + " of '" + slug + "' that you can see.");
        }
        return submission;
    }

    /**
     * Chooses a scored submission of the caller's team as one of its final submissions (those the private leaderboard
     * ranks), or unchooses it; until the final selection ends (its time, or the use case's closing).
     */
    public Submission chooseAsFinal(String slug, long id, boolean chosen) {
        Participation participation = access.inTeam(slug, Caller.of(session), "choose final submissions");
        Team team = participation.team().orElseThrow();
        Submission submission = em.find(Submission.class, id);
        if (submission == null || !submission.getTeam().getId().equals(team.getId())) {
            throw new ResourceNotFoundException("There is no submission " + id + " of your team in '" + slug + "'.");
        }
        UseCase useCase = participation.useCase();
        Instant now = ArenaClock.now();
        if (useCase.getStatus() == UseCaseStatus.CLOSED) {
            throw new StateConflictException("'" + slug + "' is closed: the final submissions are fixed.");
        }
        if (useCase.getSelectionClosesAt() != null && !now.isBefore(useCase.getSelectionClosesAt())) {
            throw new StateConflictException("The final selection of '" + slug + "' ended at " + useCase.getSelectionClosesAt() + " (UTC); it is "
                    + now + ".");
        }
        if (chosen && submission.isReproduction()) {
            throw new StateConflictException("Submission " + id + " reproduces submission " + submission.getReproductionOf().getId()
                    + "; it counts nowhere. Choose the original instead.");
        }
        if (chosen && submission.getStatus() != SubmissionStatus.SCORED) {
            throw new StateConflictException("Submission " + id + " is " + submission.getStatus() + "; only a scored submission can be final.");
        }
        List<Submission> finals = em.createNamedQuery(Submission.FINAL_OF_TEAM, Submission.class).setParameter("team", team).getResultList();
        if (chosen && !submission.isFinalChoice() && finals.size() >= useCase.getFinalSubmissions()) {
            throw new StateConflictException("Your team has chosen its " + useCase.getFinalSubmissions() + " final submission"
                    + (useCase.getFinalSubmissions() == 1 ? "" : "s") + " (" + finals.stream().map(s -> s.getId().toString()).toList()
                    + "); unchoose one first.");
        }
        if (chosen != submission.isFinalChoice()) {
            submission.chooseAsFinal(chosen, now);
        }
        return submission;
    }

    /** Cancels a queued submission (it then does not count against the daily limit). */
    public Submission cancel(String slug, long id) {
        Participation participation = access.visible(slug, Caller.of(session));
        Submission submission = find(participation, id);
        if (!participation.isHost() && participation.team().map(t -> !t.getId().equals(submission.getTeam().getId())).orElse(true)) {
            throw new ResourceNotFoundException("There is no submission " + id + " of your team.");
        }
        if (submission.getStatus() != SubmissionStatus.QUEUED) {
            throw new StateConflictException("Submission " + id + " is " + submission.getStatus() + "; only queued ones can be cancelled.");
        }
        submission.ended(SubmissionStatus.CANCELLED, "Cancelled by " + Caller.of(session).name() + ".", ArenaClock.now());
        return submission;
    }

    /**
     * Trains the experiment of a scored submission again from what was stored with it, then scores the new model like
     * the original and compares the predictions to the bit ({@link Submission#reproducing}). Its team or a host may ask; a
     * host's reproduction is charged to no team. It counts against no limit and ranks nowhere.
     */
    public Experiment reproduce(String slug, long id) {
        Participation participation = access.visible(slug, Caller.of(session));
        Submission original = find(participation, id);
        if (original.isReproduction()) {
            throw new StateConflictException("Submission " + id + " is itself a reproduction of submission " + original.getReproductionOf().getId()
                    + "; reproduce that one.");
        }
        if (original.getStatus() != SubmissionStatus.SCORED) {
            throw new StateConflictException("Submission " + id + " is " + original.getStatus() + "; only a scored submission can be reproduced.");
        }
        List<Experiment> running = em.createNamedQuery(Experiment.REPRODUCING, Experiment.class).setParameter("submission", id)
                .setParameter("statuses", List.of(ExperimentStatus.QUEUED, ExperimentStatus.RUNNING)).getResultList();
        if (!running.isEmpty()) {
            throw new StateConflictException("Experiment " + running.get(0).getId() + " already reproduces submission " + id
                    + "; wait for its result.");
        }
        boolean byHost = participation.isHost();
        if (!byHost && budget.of(original.getTeam()).spent()) {
            throw new StateConflictException("Your team's compute budget is spent; a reproduction trains the model again and cannot run.");
        }
        Experiment reproduction = Experiment.reproduction(original.getExperiment(), id, Caller.of(session).name(), byHost, ArenaClock.now());
        em.persist(reproduction);
        em.flush();
        experimentQueued.fire(new ExperimentQueued(reproduction.getId()));
        return reproduction;
    }

    /** A submission's stored outputs on the hidden test set, with the class names to read them by (hosts only). */
    public record StoredPredictions(Submission submission, PredictionFile.Outputs outputs, List<String> classNames) {
    }

    public StoredPredictions predictions(String slug, long id) {
        Participation participation = access.visible(slug, Caller.of(session));
        if (!participation.isHost()) {
            throw new ActionForbiddenException("Only the hosts of '" + slug + "' download predictions on the hidden test set.");
        }
        Submission submission = find(participation, id);
        if (submission.getPredictionsSha256() == null) {
            throw new ResourceNotFoundException("Submission " + id + " has no stored predictions: it is " + submission.getStatus()
                    + (submission.getStatus() == SubmissionStatus.SCORED ? ", scored before predictions were kept" : "") + ".");
        }
        try {
            return new StoredPredictions(submission, PredictionFile.read(PredictionFile.of(id)),
                    List.copyOf(datasets.of(participation.useCase()).classNameList()));
        } catch (java.io.IOException e) {
            throw new ResourceNotFoundException("The predictions of submission " + id + " cannot be read from the data directory (" + e.getMessage()
                    + "); score it again by reproducing it.");
        }
    }
}
