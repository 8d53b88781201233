package org.mlarena.bench;

import org.mlarena.pipeline.control.Evaluation;
import org.mlarena.pipeline.control.TrainingRun;

/** A bench's run: never stopped, an unlimited budget; keeps the last epoch trained and the best one. */
final class LastEpoch implements TrainingRun.Progress {

    int epoch;
    int best;

    @Override
    public boolean stopRequested() {
        return false;
    }

    @Override
    public long budgetLeft() {
        return Long.MAX_VALUE;
    }

    @Override
    public void started(String device, String preprocessing) {
    }

    @Override
    public void epochDone(int epoch, double trainingLoss, Evaluation.Figures validation, long flops, double seconds, int bestEpoch) {
        this.epoch = epoch;
        this.best = bestEpoch;
    }
}
