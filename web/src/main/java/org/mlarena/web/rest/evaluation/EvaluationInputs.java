package org.mlarena.web.rest.evaluation;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import org.mlarena.common.InvalidInputException;
import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.MetricInput;

/**
 * Turns what a person sends ("try it": JSON arrays or a CSV upload) into the input a metric takes, with a
 * message for every way it can be wrong.
 */
public final class EvaluationInputs {

    private EvaluationInputs() {
    }

    public static MetricInput of(Metric metric, EvaluationRequest request) {
        try {
            return build(metric, request);
        } catch (IllegalArgumentException e) {
            // the input's own checks (lengths, ranges, sums) say what is wrong
            throw new InvalidInputException(null, e.getMessage());
        }
    }

    private static MetricInput build(Metric metric, EvaluationRequest request) {
        if (request == null || request.truth() == null || request.truth().length == 0) {
            throw new InvalidInputException("truth", "truth is missing or empty: send the true labels or values as a JSON array");
        }
        double[] truth = request.truth();
        return switch (metric.requires()) {
            case LABELS -> {
                double[] predicted = required(request.predicted(), "predicted", metric.id() + " needs predicted labels in 'predicted'");
                int[] t = labels(truth, "truth");
                int[] p = labels(predicted, "predicted");
                // as given, or inferred from the labels (at least 2); the input refuses what is out of range
                int classes = request.classes() != null ? request.classes() : Math.max(Math.max(max(t), max(p)) + 1, 2);
                yield new MetricInput.ClassLabels(t, p, classes);
            }
            case PROBABILITIES -> {
                if (request.probabilities() == null || request.probabilities().length == 0) {
                    throw new InvalidInputException("probabilities", metric.id()
                            + " needs class probabilities in 'probabilities': one row per sample, one column per class");
                }
                yield new MetricInput.ClassProbabilities(labels(truth, "truth"), request.probabilities());
            }
            case VALUES -> new MetricInput.RegressionValues(truth,
                    required(request.predicted(), "predicted", metric.id() + " needs predicted values in 'predicted'"));
        };
    }

    /**
     * A CSV upload: a header, the truth in the first column, then either one column of predictions or one
     * column of probability per class.
     */
    public static EvaluationRequest csv(String text) {
        List<double[]> rows = new ArrayList<>();
        int columns = -1;
        try (BufferedReader in = new BufferedReader(new StringReader(text == null ? "" : text))) {
            String header = in.readLine();
            if (header == null || header.isBlank()) {
                throw new InvalidInputException(null, "the CSV is empty: send a header line (e.g. truth,predicted) and one line per sample");
            }
            columns = header.split(",", -1).length;
            if (columns < 2) {
                throw new InvalidInputException(null, "the CSV header has one column: send truth,predicted or truth,p_0,p_1,...");
            }
            String line;
            int number = 1;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(",", -1);
                if (fields.length != columns) {
                    throw new InvalidInputException(null, "line " + number + " has " + fields.length + " fields but the header has " + columns);
                }
                double[] row = new double[columns];
                for (int c = 0; c < columns; c++) {
                    try {
                        row[c] = Double.parseDouble(fields[c].trim());
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(null, "line " + number + ", column " + (c + 1) + ": '" + fields[c].trim() + "' is not a number");
                    }
                }
                rows.add(row);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException(null, "the CSV has a header but no samples");
        }
        double[] truth = new double[rows.size()];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = rows.get(i)[0];
        }
        if (columns == 2) {
            double[] predicted = new double[rows.size()];
            for (int i = 0; i < predicted.length; i++) {
                predicted[i] = rows.get(i)[1];
            }
            return new EvaluationRequest(truth, predicted, null, null, null, null, null);
        }
        double[][] probabilities = new double[rows.size()][];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = java.util.Arrays.copyOfRange(rows.get(i), 1, columns);
        }
        return new EvaluationRequest(truth, null, probabilities, null, null, null, null);
    }

    private static double[] required(double[] values, String field, String message) {
        if (values == null || values.length == 0) {
            throw new InvalidInputException(field, message);
        }
        return values;
    }

    private static int[] labels(double[] values, String field) {
        int[] labels = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (v != Math.rint(v) || v < 0 || v > 100_000) {
                throw new InvalidInputException(field, field + "[" + i + "] is " + v + "; class labels are whole numbers 0, 1, 2, ...");
            }
            labels[i] = (int) v;
        }
        return labels;
    }

    private static int max(int[] values) {
        int max = 0;
        for (int v : values) {
            max = Math.max(max, v);
        }
        return max;
    }
}
