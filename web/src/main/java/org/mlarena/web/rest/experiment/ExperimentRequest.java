package org.mlarena.web.rest.experiment;

import java.util.LinkedHashMap;
import java.util.Map;

import org.mlarena.experiment.boundary.ExperimentDraft;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.web.rest.json.JsonText;

/**
 * Body of {@code POST /api/v1/use-cases/{slug}/experiments}: what to train. Only title and model are required.
 *
 * @param model           a model of the zoo that fits the use case's category (GET /api/v1/models)
 * @param hyperparameters the model's own hyperparameters as text, e.g. {@code {"hidden": "256,128"}}; text use cases also
 *                        take {@code buckets}, the size of the bag-of-words vectors (default 4096)
 * @param seed            seed of the weights and the shuffling (default 42)
 * @param epochs          1 to 500 (default: about 2,000 optimiser steps on the training split, 10 to 500 epochs; the MLPs
 *                        on a table 200, as scikit-learn's; cut to what the team's budget pays for)
 * @param batchSize       1 to 4096 (default: a sixteenth of the training split as a power of two, 16 to 256; the MLPs on a
 *                        table up to 200 rows, as scikit-learn's)
 * @param learningRate    more than 0, at most 10 (default: the model's, GET /api/v1/models)
 * @param optimizer       adam (AdamW, default) or sgd (momentum 0.9)
 * @param weightDecay     0 to below 1 (default 0)
 * @param finetuneFrom    a completed experiment of your team, or a template of the use case, whose weights to start from
 * @param frozenLayers    finetuning: how many of the first layers keep their weights (default 0: all train)
 * @param patience        early stopping: epochs without a better validation score before training stops (default a tenth of
 *                        the epochs, at least 10; 0 never stops early); the model keeps the best epoch's weights either way
 * @param minDelta        early stopping: how much the validation loss or score must beat the best to count (default 0)
 * @param monitor         what decides the best epoch and early stopping: the validation "loss" (default) or the use
 *                        case's "score" on the validation split
 * @param schedule        the learning rate per epoch: constant (default) or cosine
 * @param architecture    model {@code architecture}: the layers to train, as a JSON object {"layers": [...]} (see
 *                        GET /api/v1/models/architecture/templates); the model may then be left out
 * @param architectureId  model {@code architecture}: one of your team's saved architectures instead (GET .../architectures)
 * @param standardize     tables: standardise numeric features and regression targets with the training split's statistics
 *                        (default true)
 */
public record ExperimentRequest(String title, String model, Map<String, String> hyperparameters, Long seed, Integer epochs,
                                Integer batchSize, Double learningRate, String optimizer, Double weightDecay, String notes,
                                Long finetuneFrom, Integer frozenLayers, Integer patience, Double minDelta, String monitor, String schedule,
                                Boolean standardize, JsonText architecture, Long architectureId) {

    ExperimentDraft draft() {
        Map<String, String> hyper = hyperparameters;
        String chosen = model;
        if (architecture != null) {
            hyper = new LinkedHashMap<>(hyperparameters == null ? Map.of() : hyperparameters);
            hyper.put(ModelZoo.ARCHITECTURE, architecture.text());
            chosen = model == null ? ModelZoo.ARCHITECTURE : model;
        }
        return new ExperimentDraft(title, chosen, hyper, seed, epochs, batchSize, learningRate, optimizer, weightDecay, notes,
                finetuneFrom, frozenLayers, patience, minDelta, monitor, schedule, standardize, architectureId);
    }
}
