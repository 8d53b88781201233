package org.mlarena.web.rest.experiment;

import java.util.Map;

import org.mlarena.experiment.boundary.ExperimentDraft;

/**
 * Body of {@code POST /api/v1/use-cases/{slug}/experiments}: what to train. Only title and model are required.
 *
 * @param model           a model of the zoo that fits the use case's category (GET /api/v1/models)
 * @param hyperparameters the model's own hyperparameters as text, e.g. {@code {"hidden": "256,128"}}; text use cases also
 *                        take {@code buckets}, the size of the bag-of-words vectors (default 4096)
 * @param seed            seed of the weights and the shuffling (default 42)
 * @param epochs          1 to 500 (default 5)
 * @param batchSize       1 to 4096 (default 64)
 * @param learningRate    more than 0, at most 10 (default 0.001)
 * @param optimizer       adam (AdamW, default) or sgd (momentum 0.9)
 * @param weightDecay     0 to below 1 (default 0)
 * @param finetuneFrom    a completed experiment of your team, or a template of the use case, whose weights to start from
 * @param frozenLayers    finetuning: how many of the first layers keep their weights (default 0: all train)
 */
public record ExperimentRequest(String title, String model, Map<String, String> hyperparameters, Long seed, Integer epochs,
                                Integer batchSize, Double learningRate, String optimizer, Double weightDecay, String notes,
                                Long finetuneFrom, Integer frozenLayers) {

    ExperimentDraft draft() {
        return new ExperimentDraft(title, model, hyperparameters, seed, epochs, batchSize, learningRate, optimizer, weightDecay, notes,
                finetuneFrom, frozenLayers);
    }
}
