package org.mlarena.submission.control;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Which submissions of a team rank on the private leaderboard: those it chose as final (at most the use case's
 * number of them), or, when it chose none, its best ones on the public part, as many as it could have chosen. A team
 * that submits often is then not ranked by whichever submission happened to do best on the private part.
 */
public final class FinalSelection {

    private FinalSelection() {
    }

    /** What the private leaderboard says of its ranking. */
    public static String rule(int finalSubmissions) {
        return "Each team is ranked by its final submissions only: the " + (finalSubmissions == 1 ? "one" : "up to " + finalSubmissions)
                + " it chose, or, if it chose none, its " + (finalSubmissions == 1 ? "best submission" : finalSubmissions + " best submissions")
                + " on the public part; the best of them on the private part counts.";
    }

    /**
     * The submissions of one team that count at the end.
     *
     * @param scored          the team's scored submissions, in the order submitted
     * @param chosen          whether the team chose a submission as final
     * @param bestPublicFirst orders submissions by their public score, best first (ties: the earlier first)
     */
    public static <T> List<T> counted(List<T> scored, Predicate<T> chosen, Comparator<T> bestPublicFirst, int finalSubmissions) {
        // a team that chose more than the hosts later allowed keeps its earliest submissions among them
        List<T> picked = scored.stream().filter(chosen).limit(finalSubmissions).toList();
        if (!picked.isEmpty()) {
            return picked;
        }
        return scored.stream().sorted(bestPublicFirst).limit(finalSubmissions).toList();
    }
}
