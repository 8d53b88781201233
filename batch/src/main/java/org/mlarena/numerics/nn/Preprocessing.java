package org.mlarena.numerics.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a model does to a row of a table before its network sees it, and to the network's outputs after: fitted on the
 * training split only, stored in the model's file with the weights ({@link WeightFile}), and applied the same way when
 * validating, scoring and finetuning.
 *
 * <p>Numeric columns are standardised with the training mean and standard deviation (population deviation, as
 * scikit-learn's {@code StandardScaler}; a constant column keeps scale 1). A missing value (NaN) is replaced by the
 * training median and, when the training split had missing values in that column, flagged in an extra 0/1 input.
 * Regression targets are standardised the same way for training, and predictions are mapped back.
 *
 * <p>An identity preprocessing (images, texts, or a person's choice) passes rows through unchanged.
 *
 * @param inputs      values per raw row
 * @param columns     one entry per raw value, or empty for the identity
 * @param targetMean  what is added back to a predicted (standardised) regression target
 * @param targetScale what a predicted regression target is multiplied by; 1 with mean 0 for none
 */
public record Preprocessing(int inputs, List<Column> columns, double targetMean, double targetScale) {

    /** What happens to one raw column. */
    public sealed interface Column permits Numeric {
    }

    /**
     * A numeric column: {@code (value - mean) / scale}, a missing value replaced by {@code fill} first.
     *
     * @param flagged whether an extra input says 1 where the value was missing
     */
    public record Numeric(double mean, double scale, double fill, boolean flagged) implements Column {
    }

    public Preprocessing {
        if (inputs < 1 || !columns.isEmpty() && columns.size() != inputs) {
            throw new IllegalArgumentException(columns.size() + " column transforms for " + inputs + " inputs");
        }
        if (!(Double.isFinite(targetMean) && Double.isFinite(targetScale) && targetScale > 0)) {
            throw new IllegalArgumentException("the target's mean and scale must be finite and the scale positive, got "
                    + targetMean + " and " + targetScale);
        }
        columns = List.copyOf(columns);
    }

    /** Rows pass through unchanged. */
    public static Preprocessing none(int inputs) {
        return new Preprocessing(inputs, List.of(), 0, 1);
    }

    /**
     * Fits the preprocessing on the training rows.
     *
     * @param inputs      rows &times; features, row-major; NaN marks a missing value
     * @param targets     regression targets (rows values), or null for classification
     * @param standardize whether to standardise features and targets; missing values are imputed either way
     */
    public static Preprocessing fit(float[] inputs, int features, float[] targets, boolean standardize) {
        if (features < 1 || inputs.length % features != 0 || inputs.length == 0) {
            throw new IllegalArgumentException(inputs.length + " values do not make rows of " + features);
        }
        int rows = inputs.length / features;
        List<Column> columns = new ArrayList<>(features);
        double[] present = new double[rows];
        for (int c = 0; c < features; c++) {
            int n = 0;
            for (int r = 0; r < rows; r++) {
                float v = inputs[r * features + c];
                if (!Float.isNaN(v)) {
                    present[n++] = v;
                }
            }
            Numeric column = numeric(present, n, rows);
            columns.add(standardize ? column : new Numeric(0, 1, column.fill(), column.flagged()));
        }
        if (!standardize && columns.stream().noneMatch(c -> ((Numeric) c).flagged())) {
            return none(features);
        }
        double targetMean = 0;
        double targetScale = 1;
        if (targets != null && standardize) {
            double[] values = new double[targets.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = targets[i];
            }
            Numeric t = numeric(values, values.length, values.length);
            targetMean = t.mean();
            targetScale = t.scale();
        }
        return new Preprocessing(features, columns, targetMean, targetScale);
    }

    /** Mean, deviation and median of the first {@code n} values; a column with no value at all becomes a constant 0. */
    private static Numeric numeric(double[] values, int n, int rows) {
        if (n == 0) {
            return new Numeric(0, 1, 0, false);
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += values[i];
        }
        double mean = sum / n;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double d = values[i] - mean;
            squares += d * d;
        }
        double deviation = Math.sqrt(squares / n);
        double[] sorted = Arrays.copyOf(values, n);
        Arrays.sort(sorted);
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        // as StandardScaler: a (near) constant column is centred but not scaled
        double scale = deviation > 10 * Math.ulp(Math.abs(mean)) && deviation > 0 ? deviation : 1;
        return new Numeric(mean, scale, median, n < rows);
    }

    public boolean isIdentity() {
        return columns.isEmpty() && targetMean == 0 && targetScale == 1;
    }

    /** Values per row that the network sees. */
    public int outputs() {
        int width = columns.isEmpty() ? inputs : 0;
        for (Column column : columns) {
            width += ((Numeric) column).flagged() ? 2 : 1;
        }
        return width;
    }

    /** The network's inputs for raw rows; the identity returns the same array. */
    public float[] apply(float[] raw) {
        if (raw.length % inputs != 0) {
            throw new IllegalArgumentException(raw.length + " values do not make rows of " + inputs);
        }
        if (columns.isEmpty()) {
            for (float v : raw) {
                if (Float.isNaN(v)) {
                    throw new IllegalArgumentException("the rows have missing values, and this model was trained without imputing them;"
                            + " train it again on this dataset");
                }
            }
            return raw;
        }
        int rows = raw.length / inputs;
        int width = outputs();
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            for (int c = 0; c < inputs; c++) {
                Numeric column = (Numeric) columns.get(c);
                float v = raw[r * inputs + c];
                boolean missing = Float.isNaN(v);
                out[o++] = (float) (((missing ? column.fill() : v) - column.mean()) / column.scale());
                if (column.flagged()) {
                    out[o++] = missing ? 1f : 0f;
                }
            }
        }
        return out;
    }

    /**
     * Rows as the network sees them.
     *
     * @param standardiseTargets whether regression targets become what the network is trained on (training), or stay
     *                           in their units to be compared with restored predictions (validation, scoring)
     */
    public TrainingData apply(TrainingData data, boolean standardiseTargets) {
        if (data.features() != inputs) {
            throw new IllegalArgumentException("the data has " + data.features() + " features but the preprocessing takes " + inputs);
        }
        if (isIdentity()) {
            return data;
        }
        if (data instanceof ClassificationData c) {
            return new ClassificationData(apply(c.inputs()), c.labels(), outputs(), c.classes());
        }
        RegressionData r = (RegressionData) data;
        return new RegressionData(apply(r.inputs()), standardiseTargets ? standardiseTargets(r.targets()) : r.targets(), outputs(), r.outputs());
    }

    /** Regression targets as the network is trained on them. */
    public float[] standardiseTargets(float[] targets) {
        float[] out = new float[targets.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) ((targets[i] - targetMean) / targetScale);
        }
        return out;
    }

    /** Regression predictions of the network mapped back to the target's units, in place. */
    public void restoreTargets(float[] predictions) {
        if (targetMean == 0 && targetScale == 1) {
            return;
        }
        for (int i = 0; i < predictions.length; i++) {
            predictions[i] = (float) (predictions[i] * targetScale + targetMean);
        }
    }

    /** A loss on standardised targets (mean squared error) in the target's own units. */
    public double targetLoss(double standardisedMeanSquaredError) {
        return standardisedMeanSquaredError * targetScale * targetScale;
    }

    /** FLOPs per row: a subtraction and a division per standardised value, a multiply-add per restored target. */
    public long flopsPerSample(int targets) {
        long flops = 2L * columns.size();
        return flops + (targetMean == 0 && targetScale == 1 ? 0 : 2L * targets);
    }

    /** What it does, for people: which columns it standardised, imputed and flagged. */
    public String describe(List<String> featureNames) {
        if (isIdentity()) {
            return "none: the values go to the network as they are";
        }
        List<String> parts = new ArrayList<>();
        boolean standardised = columns.stream().anyMatch(c -> ((Numeric) c).mean() != 0 || ((Numeric) c).scale() != 1);
        if (standardised) {
            parts.add(columns.size() + " numeric feature" + (columns.size() == 1 ? "" : "s")
                    + " standardised with the training split's mean and standard deviation");
        }
        if (!columns.isEmpty()) {
            List<String> imputed = new ArrayList<>();
            for (int c = 0; c < columns.size(); c++) {
                if (((Numeric) columns.get(c)).flagged()) {
                    imputed.add(c < featureNames.size() ? featureNames.get(c) : "#" + (c + 1));
                }
            }
            if (!imputed.isEmpty()) {
                parts.add("missing values of " + imputed + " replaced by the training median and flagged in an extra input");
            }
        }
        if (targetMean != 0 || targetScale != 1) {
            parts.add(String.format(Locale.ROOT, "the target standardised for training (mean %.6g, deviation %.6g)"
                    + " and predictions mapped back", targetMean, targetScale));
        }
        return String.join("; ", parts);
    }

    void write(DataOutputStream out) throws IOException {
        out.writeInt(inputs);
        out.writeInt(columns.size());
        for (Column column : columns) {
            Numeric n = (Numeric) column;
            out.writeInt(1);
            out.writeDouble(n.mean());
            out.writeDouble(n.scale());
            out.writeDouble(n.fill());
            out.writeBoolean(n.flagged());
        }
        out.writeDouble(targetMean);
        out.writeDouble(targetScale);
    }

    static Preprocessing read(DataInputStream in) throws IOException {
        int inputs = in.readInt();
        int count = in.readInt();
        if (inputs < 1 || count < 0 || count > inputs) {
            throw new IllegalArgumentException("preprocessing of " + inputs + " inputs with " + count + " columns");
        }
        List<Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = in.readInt();
            if (kind != 1) {
                throw new IllegalArgumentException("unknown preprocessing column kind " + kind);
            }
            columns.add(new Numeric(in.readDouble(), in.readDouble(), in.readDouble(), in.readBoolean()));
        }
        return new Preprocessing(inputs, columns, in.readDouble(), in.readDouble());
    }
}
