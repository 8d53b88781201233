package org.mlarena.pipeline.control;

import org.mlarena.evaluation.Bootstrap;
import org.mlarena.evaluation.ConfidenceInterval;
import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.MetricInput;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.evaluation.Requirement;
import org.mlarena.evaluation.ScoreSplit;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.RegressionData;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.pipeline.control.Predictions.Outputs;

/**
 * Turns a network's outputs on labelled rows into the figures people see: the loss the network trains on, the use
 * case's metric, and for classification accuracy and macro-averaged F1, precision and recall; and a submission's score
 * on the public and private parts of the test set with bootstrap confidence intervals.
 *
 * <p>Classification outputs are logits: a class prediction is the arg-max (the first of equal maxima, as the backends
 * count correct predictions), probabilities are their softmax. Regression outputs are the predicted values.
 */
public final class Evaluation {

    /**
     * What a model achieves on one split.
     *
     * @param loss  mean softmax cross-entropy (classification) or mean squared error (regression), as training defines it
     * @param score the use case's metric
     * @param accuracy  classification only, else null; likewise the macro averages f1, precision and recall
     */
    public record Figures(double loss, double score, Double accuracy, Double f1, Double precision, Double recall) {
    }

    /**
     * A metric on one part of the test set.
     *
     * @param score the metric on all rows of the part
     * @param lower the bootstrap percentile interval's lower bound (level {@value Bootstrap#DEFAULT_LEVEL}); NaN when
     *              the metric was undefined on every replicate. A percentile interval need not contain the score.
     * @param rows  rows in the part
     */
    public record SplitScore(double score, double lower, double upper, int rows) {
    }

    public record Scores(SplitScore publicPart, SplitScore privatePart) {
    }

    private Evaluation() {
    }

    /**
     * The figures of outputs against the truth they were computed on.
     *
     * @param primary the use case's metric: a single number whose input (labels, probabilities or values) fits the data
     * @throws IllegalArgumentException when the outputs do not belong to the truth, the metric does not fit it, or the
     *                                  metric is undefined on it
     */
    public static Figures figures(Outputs outputs, TrainingData truth, Metric primary) {
        MetricInput input = metricInput(outputs, truth, requirement(primary, truth));
        double score = primary.evaluate(input);
        if (truth instanceof ClassificationData classes) {
            MetricRegistry metrics = MetricRegistry.standard();
            MetricInput labels = primary.requires() == Requirement.LABELS ? input : metricInput(outputs, truth, Requirement.LABELS);
            return new Figures(crossEntropy(outputs, classes), score, metrics.get("accuracy").evaluate(labels),
                    metrics.get("f1_macro").evaluate(labels), metrics.get("precision_macro").evaluate(labels),
                    metrics.get("recall_macro").evaluate(labels));
        }
        return new Figures(meanSquaredError(outputs, (RegressionData) truth), score, null, null, null, null);
    }

    /**
     * The primary metric on the public and the private rows of the test set ({@link ScoreSplit}), each with a
     * {@link Bootstrap} percentile interval at level {@value Bootstrap#DEFAULT_LEVEL}.
     *
     * @param resamples     bootstrap replicates per part ({@link Bootstrap#DEFAULT_RESAMPLES} is the platform's default)
     * @param bootstrapSeed seeds the replicates of both parts: the same outputs always get the same intervals
     * @throws IllegalArgumentException as {@link #figures}, and when either part has no rows
     */
    public static Scores score(Outputs outputs, TrainingData truth, Metric primary, double publicFraction, long splitSeed, int resamples,
                               long bootstrapSeed) {
        MetricInput input = metricInput(outputs, truth, requirement(primary, truth));
        ScoreSplit split = new ScoreSplit(splitSeed, publicFraction);
        Bootstrap bootstrap = new Bootstrap(resamples, Bootstrap.DEFAULT_LEVEL, bootstrapSeed);
        return new Scores(part(primary, input, split.publicRows(input.size()), bootstrap, "public", publicFraction),
                part(primary, input, split.privateRows(input.size()), bootstrap, "private", publicFraction));
    }

    private static SplitScore part(Metric metric, MetricInput input, int[] rows, Bootstrap bootstrap, String name, double publicFraction) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("the " + name + " part of the " + input.size() + " test rows is empty at a public fraction of "
                    + publicFraction + "; the test split is too small to score both parts: import the dataset with a larger test fraction"
                    + " or choose a public fraction nearer 0.5");
        }
        ConfidenceInterval interval = bootstrap.interval(metric, input.resample(rows));
        return new SplitScore(interval.point(), interval.lower(), interval.upper(), rows.length);
    }

    /**
     * The metric input of outputs against their truth: class labels (arg-max), class probabilities (softmax) or
     * predicted values, as the requirement says. Classes are numbered by the network's outputs, which may exceed the
     * data's classes.
     */
    public static MetricInput metricInput(Outputs outputs, TrainingData truth, Requirement requirement) {
        if (outputs.rows() != truth.rows()) {
            throw new IllegalArgumentException(outputs.rows() + " rows of outputs for " + truth.rows() + " rows of truth");
        }
        for (int i = 0; i < outputs.values().length; i++) {
            if (!Float.isFinite(outputs.values()[i])) {
                throw new IllegalArgumentException("the model's output " + (i % outputs.columns()) + " of row " + (i / outputs.columns()) + " is "
                        + outputs.values()[i] + ": training diverged; try a lower learning rate or inputs on a smaller scale");
            }
        }
        if (truth instanceof ClassificationData classes) {
            if (outputs.columns() < classes.classes()) {
                throw new IllegalArgumentException(outputs.columns() + " outputs per row cannot score " + classes.classes() + " classes");
            }
            return switch (requirement) {
                case LABELS -> new MetricInput.ClassLabels(classes.labels(), argmax(outputs), outputs.columns());
                case PROBABILITIES -> new MetricInput.ClassProbabilities(classes.labels(), softmax(outputs));
                case VALUES -> throw new IllegalArgumentException("predicted values need regression data, this is classification");
            };
        }
        RegressionData values = (RegressionData) truth;
        if (requirement != Requirement.VALUES) {
            throw new IllegalArgumentException("class " + requirement.name().toLowerCase(java.util.Locale.ROOT)
                    + " need classification data, this is regression");
        }
        if (values.outputs() != 1 || outputs.columns() != 1) {
            throw new IllegalArgumentException("the regression metrics score one target per row; the data has " + values.outputs()
                    + " and the outputs " + outputs.columns());
        }
        double[] expected = new double[values.rows()];
        double[] predicted = new double[values.rows()];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = values.targets()[i];
            predicted[i] = outputs.values()[i];
        }
        return new MetricInput.RegressionValues(expected, predicted);
    }

    /** What the metric reads, once it is known to be a single number that fits the data. */
    private static Requirement requirement(Metric primary, TrainingData truth) {
        if (primary == null || !primary.isScalar()) {
            throw new IllegalArgumentException((primary == null ? "no metric" : primary.id() + " is not a single number") + "; a score needs one");
        }
        boolean regression = primary.requires() == Requirement.VALUES;
        if (regression != (truth instanceof RegressionData)) {
            throw new IllegalArgumentException(primary.id() + " scores " + (regression ? "regression" : "classification") + " but the data is "
                    + (regression ? "classification" : "regression"));
        }
        return primary.requires();
    }

    /** Mean of log-sum-exp minus the true class's logit, shifted by the row's maximum so that exp never overflows. */
    private static double crossEntropy(Outputs outputs, ClassificationData truth) {
        int columns = outputs.columns();
        float[] logits = outputs.values();
        double sum = 0;
        for (int row = 0; row < outputs.rows(); row++) {
            int at = row * columns;
            double max = max(logits, at, columns);
            double exps = 0;
            for (int c = 0; c < columns; c++) {
                exps += Math.exp(logits[at + c] - max);
            }
            sum += Math.log(exps) - (logits[at + truth.labels()[row]] - max);
        }
        return sum / outputs.rows();
    }

    private static double meanSquaredError(Outputs outputs, RegressionData truth) {
        if (outputs.columns() != truth.outputs()) {
            throw new IllegalArgumentException(outputs.columns() + " outputs per row for " + truth.outputs() + " targets");
        }
        double sum = 0;
        for (int i = 0; i < outputs.values().length; i++) {
            double d = (double) outputs.values()[i] - truth.targets()[i];
            sum += d * d;
        }
        return sum / outputs.values().length;
    }

    private static int[] argmax(Outputs outputs) {
        int columns = outputs.columns();
        float[] logits = outputs.values();
        int[] classes = new int[outputs.rows()];
        for (int row = 0; row < classes.length; row++) {
            int at = row * columns;
            int best = 0;
            for (int c = 1; c < columns; c++) {
                if (logits[at + c] > logits[at + best]) {
                    best = c;
                }
            }
            classes[row] = best;
        }
        return classes;
    }

    private static double[][] softmax(Outputs outputs) {
        int columns = outputs.columns();
        float[] logits = outputs.values();
        double[][] probabilities = new double[outputs.rows()][columns];
        for (int row = 0; row < probabilities.length; row++) {
            int at = row * columns;
            double max = max(logits, at, columns);
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                probabilities[row][c] = Math.exp(logits[at + c] - max);
                sum += probabilities[row][c];
            }
            for (int c = 0; c < columns; c++) {
                probabilities[row][c] /= sum;
            }
        }
        return probabilities;
    }

    private static double max(float[] values, int from, int count) {
        float max = values[from];
        for (int i = from + 1; i < from + count; i++) {
            max = Math.max(max, values[i]);
        }
        return max;
    }
}
