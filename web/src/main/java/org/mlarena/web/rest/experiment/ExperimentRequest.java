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
 *                        on a table 200, as scikit-learn's; L-BFGS 100 iterations, one per epoch; cut to what the team's
 *                        budget pays for)
 * @param batchSize       1 to 4096 (default: a sixteenth of the training split as a power of two, 16 to 256; the MLPs on a
 *                        table up to 200 rows, as scikit-learn's; L-BFGS: the rows one launch computes the gradients of,
 *                        every training row up to 4096)
 * @param learningRate    more than 0, at most 10 (default: the model's, GET /api/v1/models); not with lbfgs
 * @param optimizer       adam (AdamW), sgd (momentum 0.9) or lbfgs (full-batch L-BFGS with a line search, for models whose
 *                        training pass has no randomness: no dropout, augmentation or embedding bag); default: the model's
 *                        (GET /api/v1/models: lbfgs for the linear models on a table, else adam)
 * @param weightDecay     0 to below 1 (default: the model's); with lbfgs the L2 penalty {@code l2/2 |w|^2} on the weights
 *                        added to the mean loss (default for the linear models: scikit-learn's, 1 / training rows for
 *                        softmax regression as LogisticRegression's C = 1, 2 / training rows with two classes, where
 *                        LogisticRegression has one weight vector; 2 / training rows for linear regression as Ridge's
 *                        alpha = 1)
 * @param finetuneFrom    a completed experiment of your team, or a template of the use case, whose weights to start from
 * @param frozenLayers    finetuning: how many of the first layers keep their weights (default 0: all train)
 * @param patience        early stopping: epochs without a better validation score before training stops (default a tenth of
 *                        the epochs, at least 10; 0 never stops early); the model keeps the best epoch's weights either way
 * @param minDelta        early stopping: how much the validation loss or score must beat the best to count (default 0)
 * @param monitor         what decides the best epoch and early stopping: the validation "loss" (default), the use case's
 *                        "score" on the validation split, or "last" (the last epoch, no early stopping: L-BFGS's default)
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
