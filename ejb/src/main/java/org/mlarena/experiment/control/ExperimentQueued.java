package org.mlarena.experiment.control;

/** Fired when an experiment is queued for training, observed after the transaction commits (the pipeline starts it). */
public record ExperimentQueued(long experimentId) {
}
