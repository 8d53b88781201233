package org.mlarena.web.rest.experiment;

import java.time.Instant;

import org.mlarena.experiment.entity.EpochRecord;
import org.mlarena.web.rest.Finite;

/**
 * One point of an experiment's learning curves: the losses and validation figures after an epoch. A loss that
 * diverged (not a finite number) is null.
 *
 * @param validationScore the use case's primary metric on the validation split
 * @param seconds         how long the epoch took
 * @param flops           floating-point operations it spent
 */
public record EpochView(int epoch, Double trainingLoss, Double validationLoss, Double validationScore, Double accuracy, Double f1,
                        Double precision, Double recall, double seconds, long flops, Instant recordedAt) {

    static EpochView of(EpochRecord r) {
        return new EpochView(r.getEpoch(), Finite.orNull(r.getTrainingLoss()), Finite.orNull(r.getValidationLoss()),
                Finite.orNull(r.getValidationScore()), Finite.orNull(r.getAccuracy()), Finite.orNull(r.getF1()),
                Finite.orNull(r.getPrecision()), Finite.orNull(r.getRecall()), r.getSeconds(), r.getFlops(), r.getRecordedAt());
    }
}
