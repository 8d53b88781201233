package org.mlarena.leaderboard.boundary;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import org.mlarena.common.ActionForbiddenException;
import org.mlarena.common.ArenaClock;
import org.mlarena.evaluation.Direction;
import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.experiment.entity.Experiment;
import org.mlarena.identity.control.Caller;
import org.mlarena.identity.control.Roles;
import org.mlarena.leaderboard.control.LeaderboardRanking;
import org.mlarena.leaderboard.control.LeaderboardRanking.Contender;
import org.mlarena.leaderboard.control.LeaderboardRanking.Scored;
import org.mlarena.leaderboard.control.Standings;
import org.mlarena.submission.control.FinalSelection;
import org.mlarena.submission.entity.Submission;
import org.mlarena.team.control.ComputeBudget;
import org.mlarena.team.entity.Team;
import org.mlarena.team.control.Participation;
import org.mlarena.team.control.UseCaseAccess;
import org.mlarena.usecase.entity.UseCase;
import org.mlarena.usecase.entity.UseCaseStatus;

/**
 * The leaderboard: every team of a use case, ranked by its best scored submission on the public part of the test
 * set while the use case runs and on the private part once it is closed. Anyone who may see the use case may read it;
 * it shows scores and resource figures, never predictions or labels.
 */
@Stateless
@RolesAllowed(Roles.USER)
public class LeaderboardService {

    static final String PUBLIC_RULE = "Each team is ranked by its best submission on the public part of the test set; once the use case"
            + " is closed, by its final submissions on the private part.";

    @Resource
    SessionContext session;

    @PersistenceContext(unitName = "arena")
    EntityManager em;

    @Inject
    UseCaseAccess access;

    @Inject
    Standings standings;

    @Inject
    ComputeBudget budget;

    public Leaderboard leaderboard(String slug) {
        Caller caller = Caller.of(session);
        Instant now = ArenaClock.now();
        // the same reader again within the board's life: what they were shown, without a query (see Standings)
        Optional<Leaderboard> seen = standings.view(slug, caller.name(), now, Leaderboard.class);
        if (seen.isPresent()) {
            return seen.get();
        }
        Participation participation = access.visible(slug, caller);
        UseCase useCase = participation.useCase();
        Metric metric = MetricRegistry.standard().find(useCase.getPrimaryMetric()).orElse(null);
        Direction direction = metric == null ? Direction.HIGHER_IS_BETTER : metric.direction();
        Standings.Board board = standings.of(useCase.getId(), now, () -> standings(useCase, direction));
        Long myTeam = participation.team().map(Team::getId).orElse(null);
        // which experiment a submission came from is its team's (and the hosts'), as the experiments themselves are
        Map<Long, List<Scored>> scored = new HashMap<>();
        board.scored().forEach((team, list) -> scored.put(team, participation.sees(team) ? list
                : list.stream().map(Scored::withoutExperiment).toList()));
        Leaderboard shown = new Leaderboard(useCase.getSlug(), useCase.getPrimaryMetric(), metric == null ? useCase.getPrimaryMetric() : metric.name(),
                direction.name(), board.split(), myTeam, "private".equals(board.split()) ? FinalSelection.rule(useCase.getFinalSubmissions())
                : PUBLIC_RULE, LeaderboardRanking.REL_DEFINITION,
                LeaderboardRanking.rank(direction, board.teams(), scored));
        standings.keep(slug, caller.name(), useCase.getId(), board, shown, now);
        return shown;
    }

    /**
     * A ranked line with where its result comes from: the submission and experiment, the settings that train it again
     * (model, seed, hyperparameters), the builds and devices that trained and scored it, the dataset's checksum and the
     * SHA-256 of the stored predictions.
     */
    public record ProvenanceLine(Integer rank, String team, long submissionId, double score, Double lower, Double upper, boolean finalChoice,
                                 long experimentId, String model, long seed, Map<String, String> hyperparameters, String trainedWith,
                                 String trainedOn, String datasetChecksum, String scoredWith, String scoredOn, String predictionsSha256) {
    }

    /** The leaderboard with provenance, for hosts (the final one once the use case is closed): what they publish or audit. */
    public record Provenance(String slug, String metric, String split, String rankingRule, List<ProvenanceLine> lines) {
    }

    public Provenance provenance(String slug) {
        Participation participation = access.visible(slug, Caller.of(session));
        if (!participation.isHost()) {
            throw new ActionForbiddenException("Only the hosts of '" + slug + "' download the leaderboard with provenance; the leaderboard itself"
                    + " is GET /use-cases/" + slug + "/leaderboard.");
        }
        Leaderboard board = leaderboard(slug);
        List<ProvenanceLine> lines = new ArrayList<>();
        for (LeaderboardRanking.Line line : board.lines()) {
            if (line.best() == null) {
                continue;
            }
            Submission s = em.find(Submission.class, line.best().submissionId());
            Experiment e = s.getExperiment();
            lines.add(new ProvenanceLine(line.rank(), line.team().teamName(), s.getId(), line.best().score(), line.best().lower(), line.best().upper(),
                    s.isFinalChoice(), e.getId(), e.getModel(), e.getSeed(), new java.util.TreeMap<>(e.getHyperparameters()), e.getApplicationVersion(),
                    e.getDevice(), e.getDatasetChecksum(), s.getApplicationVersion(), s.getDevice(), s.getPredictionsSha256()));
        }
        return new Provenance(board.slug(), board.metric(), board.split(), board.rankingRule(), List.copyOf(lines));
    }

    /**
     * Every team with its submissions and budget left, and its scored submissions: all of them on the public part, or
     * its final ones ({@link FinalSelection}) on the private part.
     */
    private Standings.Board standings(UseCase useCase, Direction direction) {
        boolean closed = useCase.getStatus() == UseCaseStatus.CLOSED;
        Map<Long, Long> counts = new HashMap<>();
        for (Object[] row : em.createNamedQuery(Submission.COUNTED_PER_TEAM, Object[].class).setParameter("useCase", useCase).getResultList()) {
            counts.put(((Number) row[0]).longValue(), ((Number) row[1]).longValue());
        }
        List<Contender> teams = new ArrayList<>();
        for (Team team : em.createNamedQuery(Team.OF_USE_CASE, Team.class).setParameter("useCase", useCase).getResultList()) {
            teams.add(new Contender(team.getId(), team.getName(), counts.getOrDefault(team.getId(), 0L), budget.of(team).leftFlops()));
        }
        Map<Long, List<Submission>> byTeam = new HashMap<>();
        for (Submission s : em.createNamedQuery(Submission.SCORED_OF_USE_CASE, Submission.class).setParameter("useCase", useCase).getResultList()) {
            if (s.getTeam() != null && s.getPublicScore() != null) {
                byTeam.computeIfAbsent(s.getTeam().getId(), k -> new ArrayList<>()).add(s);
            }
        }
        Comparator<Submission> bestPublicFirst = Comparator.comparingDouble(Submission::getPublicScore);
        if (direction == Direction.HIGHER_IS_BETTER) {
            bestPublicFirst = bestPublicFirst.reversed();
        }
        bestPublicFirst = bestPublicFirst.thenComparing(Submission::getSubmittedAt).thenComparing(Submission::getId);
        Map<Long, List<Scored>> scored = new HashMap<>();
        for (Map.Entry<Long, List<Submission>> team : byTeam.entrySet()) {
            List<Submission> counted = closed
                    ? FinalSelection.counted(team.getValue(), Submission::isFinalChoice, bestPublicFirst, useCase.getFinalSubmissions())
                    : team.getValue();
            for (Submission s : counted) {
                Double score = closed ? s.getPrivateScore() : s.getPublicScore();
                if (score != null) {
                    scored.computeIfAbsent(team.getKey(), k -> new ArrayList<>()).add(scoredOf(s, closed, score));
                }
            }
        }
        return new Standings.Board(closed ? "private" : "public", List.copyOf(teams), Map.copyOf(scored), Standings.until(ArenaClock.now()));
    }

    /** The figures of a submission: training from its experiment, inference from the scoring run, energy summed. */
    private static Scored scoredOf(Submission s, boolean closed, double score) {
        Experiment e = s.getExperiment();
        Double joules = sum(e.getEnergyJoules(), s.getEnergyJoules());
        Double gco2e = sum(e.getGco2e(), s.getGco2e());
        boolean measured = e.isEnergyMeasured() && s.isEnergyMeasured();
        return new Scored(s.getId(), score, closed ? s.getPrivateLower() : s.getPublicLower(), closed ? s.getPrivateUpper() : s.getPublicUpper(),
                s.getSubmittedAt(), e.getId(), e.getTitle(), e.getModel(), e.getParameters(), e.getModelBytes(), e.getTrainingFlops(),
                s.getInferenceFlops(), joules, measured, gco2e);
    }

    private static Double sum(Double a, Double b) {
        if (a == null && b == null) {
            return null;
        }
        return (a == null ? 0 : a) + (b == null ? 0 : b);
    }
}
