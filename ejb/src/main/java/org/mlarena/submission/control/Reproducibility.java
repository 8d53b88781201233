package org.mlarena.submission.control;

import java.util.Locale;
import java.util.Objects;

import org.mlarena.submission.entity.Submission;
import org.mlarena.submission.entity.SubmissionStatus;

/**
 * What a reproduction's comparison with its original means. Training is deterministic for a given seed on one kind of
 * device: every kernel adds in a fixed order (no atomics), so the same settings give the same weights, outputs and score
 * to the bit. Another device adds in another order: float32 sums then differ in their last bits (a relative 1e-7 per
 * operation) and training carries such differences through every step, so the outputs may differ by more, and the score
 * where a prediction sits near a class boundary.
 */
public final class Reproducibility {

    private Reproducibility() {
    }

    /** Trained and scored on the same device (as the platform describes devices) as its original. */
    public static boolean sameDevice(Submission reproduction) {
        Submission original = reproduction.getReproductionOf();
        return Objects.equals(original.getExperiment().getDevice(), reproduction.getExperiment().getDevice())
                && Objects.equals(original.getDevice(), reproduction.getDevice());
    }

    /** The comparison in words, for the page and REST. */
    public static String verdict(Submission reproduction) {
        Submission original = reproduction.getReproductionOf();
        if (reproduction.getStatus() != SubmissionStatus.SCORED) {
            return "Not compared yet: the reproduction is " + reproduction.getStatus().name().toLowerCase(Locale.ROOT) + ".";
        }
        Boolean identical = reproduction.getIdenticalToOriginal();
        if (identical == null) {
            return "Submission " + original.getId() + "'s predictions were not kept (it was scored before the platform kept them):"
                    + " compare the scores.";
        }
        String builds = Objects.equals(original.getExperiment().getApplicationVersion(), reproduction.getExperiment().getApplicationVersion()) ? ""
                : " The builds differ (" + original.getExperiment().getApplicationVersion() + " then " + reproduction.getExperiment().getApplicationVersion()
                + ").";
        if (identical) {
            return "Identical to the bit: the same predictions as submission " + original.getId() + ", so the same score." + builds;
        }
        String difference = String.format(Locale.ROOT, "%.3g", reproduction.getMaxDifferenceFromOriginal());
        if (sameDevice(reproduction)) {
            return "Not identical on the same device (outputs differ by up to " + difference + "): this should not happen." + builds
                    + " Tell the platform's operators both submission ids.";
        }
        return "Trained on " + reproduction.getExperiment().getDevice() + ", the original on " + original.getExperiment().getDevice()
                + ": another device adds in another order, so float32 results differ in their last bits and training carries that"
                + " through; here the outputs differ by up to " + difference + ", and a score may differ where a prediction sits near a"
                + " class boundary." + builds;
    }
}
