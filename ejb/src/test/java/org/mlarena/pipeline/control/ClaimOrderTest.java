package org.mlarena.pipeline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ClaimOrderTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    private static ClaimOrder.Queued run(long id, Long team, int queuedSecond) {
        return new ClaimOrder.Queued(id, team, T0.plusSeconds(queuedSecond));
    }

    private static List<Long> ids(List<ClaimOrder.Queued> order) {
        return order.stream().map(ClaimOrder.Queued::id).toList();
    }

    @Test
    void aTeamsSecondRunWaitsBehindTheOtherTeamsFirstOnes() {
        // team 1 queued three runs before teams 2 and 3 queued one each
        List<ClaimOrder.Queued> queued = List.of(run(1, 1L, 0), run(2, 1L, 1), run(3, 1L, 2), run(4, 2L, 3), run(5, 3L, 4));
        assertEquals(List.of(1L, 4L, 5L, 2L, 3L), ids(ClaimOrder.of(queued, Map.of())));
    }

    @Test
    void theTeamThatStartedLeastRecentlyGoesFirstAndTemplatesLast() {
        List<ClaimOrder.Queued> queued = List.of(run(1, null, 0), run(2, 1L, 1), run(3, 2L, 2));
        // team 1 trained a minute ago, team 2 an hour ago
        Map<Long, Instant> lastStart = Map.of(1L, T0.minusSeconds(60), 2L, T0.minusSeconds(3600));
        assertEquals(List.of(3L, 2L, 1L), ids(ClaimOrder.of(queued, lastStart)));
        assertEquals(3L, ClaimOrder.first(queued, lastStart).id(), "a claim takes the first of the order");
    }

    @Test
    void theClaimTakesWhatTheOrderPutsFirst() {
        List<ClaimOrder.Queued> queued = List.of(run(7, 2L, 5), run(3, 1L, 5), run(9, 1L, 1));
        for (Map<Long, Instant> lastStart : List.of(Map.<Long, Instant>of(), Map.of(1L, T0), Map.of(2L, T0, 1L, T0.minusSeconds(1)))) {
            assertEquals(ClaimOrder.of(queued, lastStart).get(0), ClaimOrder.first(queued, lastStart));
        }
    }
}
