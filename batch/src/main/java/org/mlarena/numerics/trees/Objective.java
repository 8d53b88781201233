package org.mlarena.numerics.trees;

/**
 * What boosting minimises, with the gradient and hessian of each row's loss with respect to its raw prediction: squared
 * error (regression), binary log-loss (one raw output, the log-odds) and multinomial log-loss (one raw output per class,
 * softmax; one tree per class and round). The losses are those of scikit-learn's {@code HistGradientBoosting*}: half
 * the squared error, and the log-loss.
 */
public enum Objective {

    SQUARED_ERROR,
    BINARY_LOG_LOSS,
    MULTINOMIAL_LOG_LOSS;

    /** The objective of a task: regression, or classification of {@code classes} classes. */
    public static Objective of(int classes) {
        return classes == 0 ? SQUARED_ERROR : classes == 2 ? BINARY_LOG_LOSS : MULTINOMIAL_LOG_LOSS;
    }

    /** Raw outputs per row (trees per round). */
    public int outputs(int classes) {
        return this == MULTINOMIAL_LOG_LOSS ? classes : 1;
    }

    /**
     * The constant raw prediction boosting starts from: the mean target, the log-odds of class 1, or each class's log
     * prior.
     *
     * @param targets a number per row, or a class index per row
     */
    public double[] baseline(double[] targets, int classes) {
        int n = targets.length;
        return switch (this) {
            case SQUARED_ERROR -> {
                double sum = 0;
                for (double t : targets) {
                    sum += t;
                }
                yield new double[]{sum / n};
            }
            case BINARY_LOG_LOSS -> {
                double p = clip(mean(targets, 1));
                yield new double[]{Math.log(p / (1 - p))};
            }
            case MULTINOMIAL_LOG_LOSS -> {
                double[] logPriors = new double[classes];
                for (int k = 0; k < classes; k++) {
                    logPriors[k] = Math.log(clip(mean(targets, k)));
                }
                yield logPriors;
            }
        };
    }

    private static double mean(double[] classes, int k) {
        long count = 0;
        for (double c : classes) {
            count += c == k ? 1 : 0;
        }
        return (double) count / classes.length;
    }

    private static double clip(double p) {
        return Math.min(1 - 1e-15, Math.max(1e-15, p));
    }

    /**
     * The gradient and hessian of every row's loss with respect to its raw output {@code output}.
     *
     * @param raw           rows &times; outputs raw predictions
     * @param probabilities multinomial: rows &times; classes softmax of raw ({@link #probabilities}); otherwise unused
     */
    public void gradients(double[] raw, double[] probabilities, double[] targets, int outputs, int output, float[] gradient, float[] hessian) {
        int rows = targets.length;
        switch (this) {
            case SQUARED_ERROR -> {
                for (int r = 0; r < rows; r++) {
                    gradient[r] = (float) (raw[r] - targets[r]);
                    hessian[r] = 1f;
                }
            }
            case BINARY_LOG_LOSS -> {
                for (int r = 0; r < rows; r++) {
                    double p = sigmoid(raw[r]);
                    gradient[r] = (float) (p - targets[r]);
                    hessian[r] = (float) (p * (1 - p));
                }
            }
            case MULTINOMIAL_LOG_LOSS -> {
                for (int r = 0; r < rows; r++) {
                    double p = probabilities[r * outputs + output];
                    gradient[r] = (float) (p - (targets[r] == output ? 1 : 0));
                    hessian[r] = (float) (p * (1 - p));
                }
            }
        }
    }

    /** The softmax of each row's raw outputs (multinomial), into {@code probabilities}. */
    public static void probabilities(double[] raw, int outputs, double[] probabilities) {
        for (int o = 0; o < raw.length; o += outputs) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < outputs; k++) {
                max = Math.max(max, raw[o + k]);
            }
            double sum = 0;
            for (int k = 0; k < outputs; k++) {
                probabilities[o + k] = Math.exp(raw[o + k] - max);
                sum += probabilities[o + k];
            }
            for (int k = 0; k < outputs; k++) {
                probabilities[o + k] /= sum;
            }
        }
    }

    /** The mean loss of raw predictions: half the squared error, or the log-loss. */
    public double loss(double[] raw, double[] targets, int outputs) {
        int rows = targets.length;
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            switch (this) {
                case SQUARED_ERROR -> {
                    double d = raw[r] - targets[r];
                    sum += 0.5 * d * d;
                }
                case BINARY_LOG_LOSS -> {
                    // log(1 + exp(raw)) - y raw, stable for large |raw|
                    double z = raw[r];
                    sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z))) - targets[r] * z;
                }
                case MULTINOMIAL_LOG_LOSS -> {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < outputs; k++) {
                        max = Math.max(max, raw[r * outputs + k]);
                    }
                    double sumExp = 0;
                    for (int k = 0; k < outputs; k++) {
                        sumExp += Math.exp(raw[r * outputs + k] - max);
                    }
                    sum += max + Math.log(sumExp) - raw[r * outputs + (int) targets[r]];
                }
            }
        }
        return sum / rows;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
