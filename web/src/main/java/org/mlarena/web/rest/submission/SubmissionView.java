package org.mlarena.web.rest.submission;

import java.time.Instant;

import org.mlarena.submission.control.Reproducibility;
import org.mlarena.submission.entity.Submission;
import org.mlarena.usecase.entity.UseCaseStatus;
import org.mlarena.web.rest.Finite;

/**
 * A submission and its scores. The public score (on the public part of the test set) shows while the use case
 * runs; the private score, which makes the final ranking, shows to participants once the use case is closed and
 * to hosts always. Until then it is null.
 *
 * @param metric          the use case's primary metric, in which the scores are
 * @param status          QUEUED, RUNNING, SCORED, FAILED or CANCELLED
 * @param reason          why it failed or was cancelled, or null
 * @param inferenceFlops  floating-point operations of the inference on the test set
 * @param energyMeasured  true when the energy was measured on the device, false when estimated from the FLOPs
 * @param gco2e           grams of CO2 equivalent for that energy
 * @param finalChoice     chosen by its team as a final submission (only those rank on the private leaderboard)
 * @param provenance      what its result comes from, enough to run it again
 * @param reproduction    for a reproduction: its original and how the two compare; null otherwise
 */
public record SubmissionView(long id, long experimentId, String experimentTitle, String model, long teamId, String teamName,
                             String submittedBy, String comment, String status, String reason, Instant submittedAt, Instant startedAt,
                             Instant finishedAt, String metric, Score publicScore, Score privateScore, long inferenceFlops,
                             Double energyJoules, boolean energyMeasured, Double gco2e, boolean finalChoice,
                             Provenance provenance, Reproduction reproduction) {

    /**
     * Where a result comes from. The training: model, seed and the experiment's stored settings (hyperparameters,
     * preprocessing: see the experiment), the build and device it trained with, the dataset's checksum; the scoring: the
     * build and device, and the SHA-256 of the stored predictions.
     */
    public record Provenance(String model, long seed, String trainedWith, String trainedOn, String datasetChecksum, String scoredWith,
                             String scoredOn, String predictionsSha256) {
    }

    /**
     * A reproduction against its original.
     *
     * @param identical     the predictions equal to the bit (null: not scored yet, or the original's were not kept)
     * @param maxDifference the largest difference of one output (logit or value)
     * @param sameDevice    trained and scored on the same kind of device as the original
     * @param verdict       what that means, in words
     */
    public record Reproduction(long of, Boolean identical, Double maxDifference, boolean sameDevice, String verdict) {
    }

    /**
     * A score with its bootstrap confidence interval.
     *
     * @param rows the test rows it was computed on
     */
    public record Score(Double value, Double lower, Double upper, int rows) {

        static Score of(Double value, Double lower, Double upper, int rows) {
            return value == null ? null : new Score(Finite.orNull(value), Finite.orNull(lower), Finite.orNull(upper), rows);
        }
    }

    /**
     * @param host whether the caller hosts the use case (hosts see the private score at any time)
     */
    static SubmissionView of(Submission s, boolean host) {
        boolean privateShown = host || s.getUseCase().getStatus() == UseCaseStatus.CLOSED;
        return new SubmissionView(s.getId(), s.getExperiment().getId(), s.getExperiment().getTitle(), s.getExperiment().getModel(),
                s.getTeam().getId(), s.getTeam().getName(), s.getSubmittedBy(), s.getComment(), s.getStatus().name(), s.lifecycle().statusReason(),
                s.getSubmittedAt(), s.lifecycle().startedAt(), s.lifecycle().finishedAt(), s.getUseCase().getPrimaryMetric(),
                Score.of(s.getPublicScore(), s.getPublicLower(), s.getPublicUpper(), s.getPublicRows()),
                privateShown ? Score.of(s.getPrivateScore(), s.getPrivateLower(), s.getPrivateUpper(), s.getPrivateRows()) : null,
                s.getInferenceFlops(), Finite.orNull(s.getEnergyJoules()), s.isEnergyMeasured(), Finite.orNull(s.getGco2e()),
                s.isFinalChoice(), new Provenance(s.getExperiment().getModel(), s.getExperiment().getSeed(), s.getExperiment().getApplicationVersion(),
                s.getExperiment().getDevice(), s.getExperiment().getDatasetChecksum(), s.getApplicationVersion(), s.getDevice(), s.getPredictionsSha256()),
                s.isReproduction() ? new Reproduction(s.getReproductionOf().getId(), s.getIdenticalToOriginal(),
                        Finite.orNull(s.getMaxDifferenceFromOriginal()), Reproducibility.sameDevice(s), Reproducibility.verdict(s)) : null);
    }
}
