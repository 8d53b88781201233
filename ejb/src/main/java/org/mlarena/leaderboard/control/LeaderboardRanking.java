package org.mlarena.leaderboard.control;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mlarena.evaluation.Direction;

/**
 * Ranks teams by their best scored submission. Pure: the boundary gathers the figures, this class orders them.
 * <ul>
 * <li>A team's best submission is the one with the best score in the metric's direction; of equal scores the
 * earlier submission counts.</li>
 * <li>Teams are ranked by that score; equal scores are broken by the earlier submission (then the lower id), so
 * every rank is distinct. Teams without a scored submission are listed after the ranked ones, unranked, by name.</li>
 * <li>{@value #REL_DEFINITION}</li>
 * <li>A ranked team is on the Pareto front when no other ranked team has a score at least as good with no more
 * training FLOPs, and is strictly better in one of the two.</li>
 * </ul>
 */
public final class LeaderboardRanking {

    public static final String REL_DEFINITION = "Rel % is a team's training FLOPs divided by the lowest training FLOPs"
            + " among the ranked teams, times 100: the most frugal ranked team has 100 %, a team that used three times"
            + " as many FLOPs has 300 %.";

    /** A scored submission of a team with the figures of the experiment behind it. */
    public record Scored(long submissionId, double score, Double lower, Double upper, Instant submittedAt, Long experimentId,
                         String experimentTitle, String model, int parameters, long modelBytes, long trainingFlops,
                         long inferenceFlops, Double energyJoules, boolean energyMeasured, Double gco2e) {

        /** The same figures without which experiment they came from (for another team's eyes). */
        public Scored withoutExperiment() {
            return new Scored(submissionId, score, lower, upper, submittedAt, null, null, model, parameters, modelBytes, trainingFlops,
                    inferenceFlops, energyJoules, energyMeasured, gco2e);
        }
    }

    /** A team of the use case with its counts, whether or not it has a score. */
    public record Contender(long teamId, String teamName, long submissions, long budgetLeftFlops) {
    }

    /** One line of the leaderboard; {@code rank}, {@code best} and {@code relativeFlops} are null for an unranked team. */
    public record Line(Integer rank, Contender team, Scored best, Double relativeFlops, boolean paretoOptimal) {
    }

    private LeaderboardRanking() {
    }

    public static List<Line> rank(Direction direction, List<Contender> teams, Map<Long, List<Scored>> scoredByTeam) {
        Comparator<Scored> better = byQuality(direction);
        Map<Long, Scored> best = new HashMap<>();
        for (Contender team : teams) {
            scoredByTeam.getOrDefault(team.teamId(), List.of()).stream().filter(s -> Double.isFinite(s.score()))
                    .min(better).ifPresent(s -> best.put(team.teamId(), s));
        }
        List<Contender> ranked = teams.stream().filter(t -> best.containsKey(t.teamId()))
                .sorted(Comparator.comparing((Contender t) -> best.get(t.teamId()), better)).toList();
        long minFlops = ranked.stream().mapToLong(t -> best.get(t.teamId()).trainingFlops()).filter(f -> f > 0).min().orElse(0);
        List<Line> lines = new ArrayList<>();
        for (int i = 0; i < ranked.size(); i++) {
            Contender team = ranked.get(i);
            Scored s = best.get(team.teamId());
            Double rel = minFlops > 0 ? 100.0 * s.trainingFlops() / minFlops : null;
            lines.add(new Line(i + 1, team, s, rel, paretoOptimal(direction, s, ranked.stream().map(t -> best.get(t.teamId())).toList())));
        }
        teams.stream().filter(t -> !best.containsKey(t.teamId()))
                .sorted(Comparator.comparing(Contender::teamName, String.CASE_INSENSITIVE_ORDER).thenComparing(Contender::teamId))
                .forEach(t -> lines.add(new Line(null, t, null, null, false)));
        return List.copyOf(lines);
    }

    /** Best first: the score in the metric's direction, then the earlier submission, then the lower id. */
    static Comparator<Scored> byQuality(Direction direction) {
        Comparator<Scored> byScore = Comparator.comparingDouble(Scored::score);
        if (direction == Direction.HIGHER_IS_BETTER) {
            byScore = byScore.reversed();
        }
        return byScore.thenComparing(Scored::submittedAt).thenComparingLong(Scored::submissionId);
    }

    static boolean paretoOptimal(Direction direction, Scored candidate, List<Scored> all) {
        for (Scored other : all) {
            if (other == candidate) {
                continue;
            }
            int scoreOrder = Double.compare(other.score(), candidate.score()) * (direction == Direction.HIGHER_IS_BETTER ? 1 : -1);
            boolean atLeastAsGood = scoreOrder >= 0 && other.trainingFlops() <= candidate.trainingFlops();
            boolean strictlyBetter = scoreOrder > 0 || other.trainingFlops() < candidate.trainingFlops();
            if (atLeastAsGood && strictlyBetter) {
                return false;
            }
        }
        return true;
    }
}
