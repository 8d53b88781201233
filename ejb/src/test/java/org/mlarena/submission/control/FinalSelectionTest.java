package org.mlarena.submission.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

class FinalSelectionTest {

    /** A scored submission: its id (the order submitted), public and private scores, and whether its team chose it. */
    record Sub(int id, double publicScore, double privateScore, boolean chosen) {
    }

    private static final Comparator<Sub> BEST_PUBLIC_FIRST = Comparator.comparingDouble(Sub::publicScore).reversed().thenComparingInt(Sub::id);

    private static double privateResult(List<Sub> scored, int allowed) {
        return FinalSelection.counted(scored, Sub::chosen, BEST_PUBLIC_FIRST, allowed).stream().mapToDouble(Sub::privateScore).max().orElseThrow();
    }

    @Test
    void withoutAChoiceTheBestPublicOnesCountNotTheLuckiestPrivateOne() {
        // the case: the submission best on the public part scores 0.9455 privately, another one 0.9615
        List<Sub> scored = List.of(new Sub(1, 0.90, 0.9615, false), new Sub(2, 0.95, 0.9455, false), new Sub(3, 0.93, 0.9300, false));
        assertEquals(List.of(new Sub(2, 0.95, 0.9455, false)), FinalSelection.counted(scored, Sub::chosen, BEST_PUBLIC_FIRST, 1));
        assertEquals(0.9455, privateResult(scored, 1), 0, "one final submission: the best public one");
        assertEquals(0.9455, privateResult(scored, 2), 0, "two: the two best public ones (0.95 and 0.93)");
        assertEquals(0.9615, privateResult(scored, 3), 0, "as many as it submitted: all of them");
    }

    @Test
    void aChoiceCountsAloneWhateverThePublicScores() {
        List<Sub> scored = List.of(new Sub(1, 0.90, 0.9615, true), new Sub(2, 0.95, 0.9455, false), new Sub(3, 0.93, 0.9300, true));
        List<Sub> counted = FinalSelection.counted(scored, Sub::chosen, BEST_PUBLIC_FIRST, 2);
        assertEquals(List.of(1, 3), counted.stream().map(Sub::id).toList(), "the chosen ones, in their order");
        assertEquals(0.9615, privateResult(scored, 2), 0);
    }

    @Test
    void moreChosenThanTheHostsLaterAllowKeepsTheEarliest() {
        List<Sub> scored = List.of(new Sub(1, 0.90, 0.80, true), new Sub(2, 0.95, 0.99, true));
        assertEquals(List.of(1), FinalSelection.counted(scored, Sub::chosen, BEST_PUBLIC_FIRST, 1).stream().map(Sub::id).toList());
    }

    @Test
    void equalPublicScoresTakeTheEarlierSubmission() {
        List<Sub> scored = List.of(new Sub(5, 0.9, 0.7, false), new Sub(4, 0.9, 0.8, false));
        assertEquals(4, FinalSelection.counted(scored, Sub::chosen, BEST_PUBLIC_FIRST, 1).get(0).id());
    }

    @Test
    void theRuleSaysHowManyAndWhatHappensWithoutAChoice() {
        assertTrue(FinalSelection.rule(2).contains("up to 2 it chose") && FinalSelection.rule(2).contains("its 2 best submissions"),
                FinalSelection.rule(2));
        assertTrue(FinalSelection.rule(1).contains("the one it chose") && FinalSelection.rule(1).contains("its best submission"),
                FinalSelection.rule(1));
    }
}
