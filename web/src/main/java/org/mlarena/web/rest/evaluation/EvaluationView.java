package org.mlarena.web.rest.evaluation;

import org.mlarena.evaluation.ConfidenceInterval;
import org.mlarena.evaluation.boundary.MetricService;

/**
 * A metric's value for the API: undefined values (NaN, which JSON cannot carry) are null with a note.
 *
 * @param interval the bootstrap interval, or null when none was asked for
 * @param matrix   the confusion matrix (rows truth, columns prediction) for that metric, else null
 */
public record EvaluationView(String metric, Double value, String note, Interval interval, long[][] matrix) {

    /**
     * @param undefined replicates on which the metric was undefined and that were left out
     */
    public record Interval(Double lower, Double upper, double level, int resamples, int undefined, long seed) {
    }

    public static EvaluationView of(MetricService.Evaluation e) {
        Double value = finite(e.value());
        String note = e.value() != null && value == null
                ? "the metric is undefined on this input (its explanation says when)" : null;
        ConfidenceInterval ci = e.interval();
        Interval interval = ci == null ? null
                : new Interval(finite(ci.lower()), finite(ci.upper()), ci.level(), ci.resamples(), ci.undefined(), ci.seed());
        return new EvaluationView(e.metric(), value, note, interval, e.matrix());
    }

    private static Double finite(Double d) {
        return d == null || !Double.isFinite(d) ? null : d;
    }
}
