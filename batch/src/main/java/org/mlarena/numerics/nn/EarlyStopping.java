package org.mlarena.numerics.nn;

import java.util.Locale;

/**
 * The best epoch so far and when to stop. Training stops once {@code patience} epochs have passed without a new best;
 * patience 0 never stops.
 *
 * <p>What "best" means is the {@link Monitor}: the lowest validation loss (the default: smooth even on a validation
 * split of 36 rows, where a score such as accuracy moves in steps of one row and peaks by chance), or the best
 * validation score, where a score no worse with a lower loss also counts as better. Either must beat the best by more
 * than {@code minDelta}.
 *
 * <p>A resumed run replays the recorded epochs through {@link #observe} to get the same state back.
 */
public final class EarlyStopping {

    /** What decides the best epoch. */
    public enum Monitor {
        /** The validation loss (lower is better). */
        LOSS,
        /** The use case's metric on the validation split. */
        SCORE,
        /** None: every epoch is the best so far, and training never stops early (a solver that converges, {@link Lbfgs}). */
        LAST;

        /** The monitor a setting names ("loss", "score" or "last"). */
        public static Monitor of(String name) {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        }

        /** The name a setting gives it ("loss", "score" or "last"). */
        public String setting() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final int patience;
    private final double minDelta;
    private final Monitor monitor;
    private final boolean higherIsBetter;
    private int bestEpoch;
    private double bestScore = Double.NaN;
    private double bestLoss = Double.POSITIVE_INFINITY;

    /** @param higherIsBetter the score's direction (unused when monitoring the loss) */
    public EarlyStopping(int patience, double minDelta, Monitor monitor, boolean higherIsBetter) {
        if (patience < 0 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("patience must be 0 or more and the minimum delta 0 or more, got " + patience + " and " + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
        this.monitor = monitor;
        this.higherIsBetter = higherIsBetter;
    }

    /**
     * Records an epoch's validation figures.
     *
     * @param score the use case's metric (NaN when undefined: the loss decides alone)
     * @return whether it is the new best epoch
     */
    public boolean observe(int epoch, double score, double loss) {
        boolean better;
        if (bestEpoch == 0 || monitor == Monitor.LAST) {
            better = true;
        } else if (monitor == Monitor.LOSS) {
            better = loss < bestLoss - minDelta;
        } else {
            double gain = higherIsBetter ? score - bestScore : bestScore - score;
            better = gain > minDelta || (!(gain < 0) && loss < bestLoss);
        }
        if (better) {
            bestEpoch = epoch;
            bestScore = score;
            bestLoss = loss;
        }
        return better;
    }

    /** The best epoch so far, 0 before the first. */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** Whether {@code patience} epochs have passed since the best one. */
    public boolean shouldStop(int epoch) {
        return patience > 0 && monitor != Monitor.LAST && bestEpoch > 0 && epoch - bestEpoch >= patience;
    }

    /** Forgets the best epoch (its weights are lost): the next epoch becomes the best. */
    public void reset() {
        bestEpoch = 0;
        bestScore = Double.NaN;
        bestLoss = Double.POSITIVE_INFINITY;
    }
}
