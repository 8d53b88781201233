package org.mlarena.web.rest.evaluation;

/**
 * Body of {@code POST /api/v1/metrics/{id}/evaluations}: the truth and, as the metric needs, predicted
 * labels or values ({@code predicted}) or class probabilities ({@code probabilities}, one row per sample).
 *
 * @param classes   number of classes for label metrics (default: the largest label + 1)
 * @param resamples bootstrap replicates for the confidence interval (default 1000, 0 for none)
 * @param level     confidence level (default 0.95)
 * @param seed      bootstrap seed (default 1)
 */
public record EvaluationRequest(double[] truth, double[] predicted, double[][] probabilities, Integer classes, Integer resamples,
                                Double level, Long seed) {
}
