package org.mlarena.numerics.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EarlyStoppingTest {

    @Test
    void stopsAfterPatienceEpochsWithoutABetterScoreAndNamesTheBest() {
        EarlyStopping s = new EarlyStopping(2, 0, EarlyStopping.Monitor.SCORE, true);
        assertTrue(s.observe(1, 0.5, 1.0));
        assertTrue(s.observe(2, 0.7, 0.8));
        assertFalse(s.observe(3, 0.6, 0.9));
        assertFalse(s.shouldStop(3));
        assertFalse(s.observe(4, 0.7, 0.85), "equal score, higher loss: not better");
        assertTrue(s.shouldStop(4));
        assertEquals(2, s.bestEpoch());
    }

    @Test
    void anEqualScoreWithALowerLossIsBetter() {
        EarlyStopping s = new EarlyStopping(3, 0, EarlyStopping.Monitor.SCORE, true);
        s.observe(1, 1.0, 0.4);
        assertTrue(s.observe(2, 1.0, 0.3));
        assertEquals(2, s.bestEpoch());
    }

    @Test
    void lowerIsBetterAndTheMinimumDeltaCounts() {
        EarlyStopping s = new EarlyStopping(5, 0.1, EarlyStopping.Monitor.SCORE, false);
        s.observe(1, 10.0, 100);
        assertFalse(s.observe(2, 9.95, 101), "better by less than the delta, and a higher loss");
        assertTrue(s.observe(3, 9.5, 101));
        assertEquals(3, s.bestEpoch());
    }

    @Test
    void monitoringTheLossIgnoresTheScore() {
        EarlyStopping s = new EarlyStopping(2, 0.01, EarlyStopping.Monitor.LOSS, true);
        s.observe(1, 0.5, 1.0);
        assertFalse(s.observe(2, 0.9, 0.995), "a better score, a loss lower by less than the delta");
        assertTrue(s.observe(3, 0.1, 0.5));
        assertFalse(s.observe(4, 1.0, 0.6));
        assertTrue(s.shouldStop(5) && !s.shouldStop(4));
        assertEquals(3, s.bestEpoch());
        assertEquals(EarlyStopping.Monitor.SCORE, EarlyStopping.Monitor.of(" score "));
    }

    @Test
    void patienceZeroNeverStopsAndResetForgetsTheBest() {
        EarlyStopping s = new EarlyStopping(0, 0, EarlyStopping.Monitor.LOSS, true);
        s.observe(1, 0.9, 0.1);
        for (int epoch = 2; epoch < 50; epoch++) {
            s.observe(epoch, 0.1, 1);
        }
        assertFalse(s.shouldStop(49));
        s.reset();
        assertTrue(s.observe(50, 0.1, 1));
    }

    @Test
    void monitoringNothingKeepsTheLastEpochAndNeverStops() {
        EarlyStopping s = new EarlyStopping(2, 0, EarlyStopping.Monitor.of("last"), false);
        assertTrue(s.observe(1, 0.5, 0.1));
        assertTrue(s.observe(2, 0.9, 0.8), "a worse score and loss: still the model");
        assertTrue(s.observe(3, 0.9, 0.9));
        assertFalse(s.shouldStop(3));
        assertEquals(3, s.bestEpoch());
    }
}
