package org.mlarena.evaluation.boundary;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.Stateless;

import org.mlarena.common.InvalidInputException;
import org.mlarena.evaluation.Bootstrap;
import org.mlarena.evaluation.ConfidenceInterval;
import org.mlarena.evaluation.ConfusionMatrix;
import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.MetricInput;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.evaluation.TaskType;
import org.mlarena.identity.control.Roles;

/**
 * The metrics of the platform, for the Evaluation tab and the REST API: what each one is, and "try it"
 * on a person's own truth and predictions with a bootstrap confidence interval.
 */
@Stateless
@RolesAllowed(Roles.USER)
public class MetricService {

    public static final int MAX_RESAMPLES = 10_000;
    private static final MetricRegistry REGISTRY = MetricRegistry.standard();

    /**
     * A metric's value on an input.
     *
     * @param value    the metric (null for the confusion matrix)
     * @param interval its bootstrap confidence interval (null when no resamples were asked for, or for the matrix)
     * @param matrix   the confusion matrix, rows truth and columns prediction (null for other metrics)
     */
    public record Evaluation(String metric, Double value, ConfidenceInterval interval, long[][] matrix) {
    }

    public List<Metric> metrics(TaskType task) {
        return task == null ? REGISTRY.all() : REGISTRY.forTask(task);
    }

    public Optional<Metric> metric(String id) {
        return REGISTRY.find(id);
    }

    /**
     * Computes the metric, with a percentile bootstrap interval of {@code resamples} replicates (0 for none).
     *
     * @throws InvalidInputException for an unknown metric, bad bootstrap settings, or input the metric cannot take
     */
    public Evaluation evaluate(String id, MetricInput input, int resamples, double level, long seed) {
        Metric metric = REGISTRY.find(id).orElseThrow(() -> new InvalidInputException("metric",
                "there is no metric '" + id + "'; GET /api/v1/metrics lists them"));
        if (resamples < 0 || resamples > MAX_RESAMPLES) {
            throw new InvalidInputException("resamples", "resamples must be between 0 (no interval) and " + MAX_RESAMPLES + ", got " + resamples);
        }
        if (!(level > 0 && level < 1)) {
            throw new InvalidInputException("level", "level must be between 0 and 1 (e.g. 0.95), got " + level);
        }
        try {
            if (!metric.isScalar()) {
                ConfusionMatrix matrix = metric.matrix(input);
                long[][] rows = new long[matrix.classes()][matrix.classes()];
                for (int t = 0; t < matrix.classes(); t++) {
                    for (int p = 0; p < matrix.classes(); p++) {
                        rows[t][p] = matrix.count(t, p);
                    }
                }
                return new Evaluation(id, null, null, rows);
            }
            double value = metric.evaluate(input);
            ConfidenceInterval interval = resamples == 0 ? null : new Bootstrap(resamples, level, seed).interval(metric, input);
            return new Evaluation(id, value, interval, null);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(null, e.getMessage());
        }
    }
}
