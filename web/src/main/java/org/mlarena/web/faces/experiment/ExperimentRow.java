package org.mlarena.web.faces.experiment;

import static org.mlarena.web.faces.Display.finite;

import java.io.Serializable;

import org.mlarena.experiment.entity.Experiment;
import org.mlarena.pipeline.boundary.TrainingQueue;

/**
 * An experiment as the Training tab lists it.
 *
 * @param status        QUEUED, RUNNING, COMPLETED, FAILED, CANCELLED or BUDGET_EXHAUSTED
 * @param trainingPflops training so far in PFLOPs (10^15 floating-point operations)
 * @param template      a template experiment of the use case rather than one of the caller's team
 */
public record ExperimentRow(long id, String title, String model, String status, String reason, boolean active, int epochsDone, int epochs,
                            Double validationScore, Double accuracy, Double f1, double secondsSpent, Double secondsRemaining,
                            double trainingPflops, Double gco2e, boolean template) implements Serializable {

    public static ExperimentRow of(Experiment e) {
        return of(e, null);
    }

    /** With its place in the queue as the reason it waits ({@code place} null when it is not queued). */
    public static ExperimentRow of(Experiment e, TrainingQueue.Place place) {
        return new ExperimentRow(e.getId(), e.getTitle(), e.getModel(), e.getStatus().name(),
                place != null ? place.describe() : e.lifecycle().statusReason(), !e.getStatus().isFinal(),
                e.getEpochsDone(), e.getEpochs(), finite(e.getValidationScore()), finite(e.getAccuracy()), finite(e.getF1()), e.getSecondsSpent(),
                finite(e.getSecondsRemaining()), e.getTrainingFlops() / 1e15, finite(e.getGco2e()), e.isTemplate());
    }

    /** The time spent, as "1 h 02 min", "3 min 05 s" or "12 s". */
    public String duration() {
        return humane(secondsSpent);
    }

    /** While it trains: the estimated time left, from the pace of the epochs done; empty when not known. */
    public String timeRemaining() {
        if (!active || "QUEUED".equals(status)) {
            return "";
        }
        return secondsRemaining == null ? (epochsDone == 0 ? "estimated after the first epoch" : "") : "about " + humane(secondsRemaining) + " left";
    }

    /** The share of the epochs done, 0 to 100, for the progress bar. */
    public int progressPercent() {
        return epochs <= 0 ? 0 : (int) Math.min(100, Math.round(100.0 * epochsDone / epochs));
    }

    public boolean completed() {
        return "COMPLETED".equals(status);
    }

    static String humane(double secondsValue) {
        long seconds = Math.round(secondsValue);
        if (seconds >= 3600) {
            return String.format("%d h %02d min", seconds / 3600, seconds % 3600 / 60);
        }
        if (seconds >= 60) {
            return String.format("%d min %02d s", seconds / 60, seconds % 60);
        }
        return seconds + " s";
    }

}
