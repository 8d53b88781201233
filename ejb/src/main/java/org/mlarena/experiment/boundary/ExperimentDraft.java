package org.mlarena.experiment.boundary;

import java.util.Map;

/**
 * What a participant asks to train.
 *
 * @param finetuneFrom an earlier experiment of their team, or a template experiment of the use case, whose weights to start from
 * @param frozenLayers finetuning: how many of the first layers keep their weights (0: all train)
 * @param architectureId one of the team's saved architectures to train (model {@code architecture}), or null
 * @param patience     early stopping (see {@link org.mlarena.experiment.control.TrainingPlan.Settings}); null values take the defaults
 */
public record ExperimentDraft(String title, String model, Map<String, String> hyperparameters, Long seed, Integer epochs,
        Integer batchSize, Double learningRate, String optimizer, Double weightDecay, String notes, Long finetuneFrom,
        Integer frozenLayers, Integer patience, Double minDelta, String monitor, String schedule, Boolean standardize, Long architectureId) {
}
