/**
 * Experiments: what a team trains (model, hyperparameters, seed, finetuning), the training plan checked against the
 * team's compute budget, and the recorded epochs. Uses dataset, team, usecase; tells the pipeline that an experiment
 * waits by the CDI event {@code control.ExperimentQueued}.
 */
package org.mlarena.experiment;
