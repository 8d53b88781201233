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
 * A categorical column (its raw values are indices into its category list, as {@code CsvTable} reads them) becomes one
 * 0/1 input per category of the training split, the {@value #MAX_ONE_HOT} most frequent at most; a category the
 * training split lacks, beyond that cap or unknown to the list reads as all zeros, a missing one as the most frequent
 * (flagged as above). Regression targets are standardised the same way for training, and predictions are mapped back.
 *
 * <p>An identity preprocessing (images, texts, or a person's choice) passes rows through unchanged.
 *
 * @param inputs      values per raw row
 * @param columns     one entry per raw value, or empty for the identity
 * @param targetMean  what is added back to a predicted (standardised) regression target
 * @param targetScale what a predicted regression target is multiplied by; 1 with mean 0 for none
 */
public record Preprocessing(int inputs, List<Column> columns, double targetMean, double targetScale) {

    /** The most categories of one column that get an input each; the less frequent ones read as none. */
    public static final int MAX_ONE_HOT = 100;

    /** What happens to one raw column. */
    public sealed interface Column permits Numeric, Categorical {

        /** Whether an extra input says 1 where the value was missing. */
        boolean flagged();

        /** Inputs of the network it makes. */
        int width();
    }

    /**
     * A numeric column: {@code (value - mean) / scale}, a missing value replaced by {@code fill} first.
     *
     * @param flagged whether an extra input says 1 where the value was missing
     */
    public record Numeric(double mean, double scale, double fill, boolean flagged) implements Column {

        @Override
        public int width() {
            return flagged ? 2 : 1;
        }
    }

    /**
     * A categorical column, one-hot encoded.
     *
     * @param categories what the raw values index: the category list the rows were read with
     * @param kept       the categories that get an input, in input order (a subset of categories)
     * @param fill       the category a missing value takes: the most frequent of the training split
     * @param flagged    whether an extra input says 1 where the value was missing
     */
    public record Categorical(List<String> categories, List<String> kept, String fill, boolean flagged) implements Column {

        public Categorical {
            categories = List.copyOf(categories);
            kept = List.copyOf(kept);
            if (kept.isEmpty() || !categories.containsAll(kept) || !categories.contains(fill)) {
                throw new IllegalArgumentException("the kept categories " + kept + " and the fill '" + fill + "' must be among " + categories);
            }
        }

        @Override
        public int width() {
            return kept.size() + (flagged ? 1 : 0);
        }

        /** The input of each raw value (an index into categories), -1 for none. */
        int[] positions() {
            java.util.Map<String, Integer> input = new java.util.HashMap<>();
            for (int i = 0; i < kept.size(); i++) {
                input.put(kept.get(i), i);
            }
            int[] positions = new int[categories.size()];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = input.getOrDefault(categories.get(i), -1);
            }
            return positions;
        }
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
        return fit(inputs, features, targets, standardize, null);
    }

    /**
     * @param categories per column its category list when the column is categorical (its values index the list), empty
     *                   for a numeric one; null when all are numeric
     */
    public static Preprocessing fit(float[] inputs, int features, float[] targets, boolean standardize, List<List<String>> categories) {
        if (categories != null && categories.size() != features) {
            throw new IllegalArgumentException(categories.size() + " category lists for " + features + " features");
        }
        if (features < 1 || inputs.length % features != 0 || inputs.length == 0) {
            throw new IllegalArgumentException(inputs.length + " values do not make rows of " + features);
        }
        int rows = inputs.length / features;
        List<Column> columns = new ArrayList<>(features);
        double[] present = new double[rows];
        for (int c = 0; c < features; c++) {
            if (categories != null && !categories.get(c).isEmpty()) {
                columns.add(categorical(inputs, features, c, categories.get(c)));
                continue;
            }
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
        if (!standardize && columns.stream().noneMatch(c -> c.flagged() || c instanceof Categorical)) {
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

    /** The training split's categories of column c, the most frequent {@value #MAX_ONE_HOT}, in the list's order. */
    private static Categorical categorical(float[] inputs, int features, int c, List<String> categories) {
        int rows = inputs.length / features;
        long[] counts = new long[categories.size()];
        boolean missing = false;
        for (int r = 0; r < rows; r++) {
            float v = inputs[r * features + c];
            if (Float.isNaN(v)) {
                missing = true;
            } else if (v >= 0 && v < counts.length) {
                counts[(int) v]++;
            }
        }
        Integer[] byCount = new Integer[counts.length];
        for (int i = 0; i < byCount.length; i++) {
            byCount[i] = i;
        }
        Arrays.sort(byCount, (a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b));
        if (counts[byCount[0]] == 0) {
            // no training row has a value: the column reads as missing everywhere, flagged
            return new Categorical(categories, List.of(categories.get(0)), categories.get(0), true);
        }
        boolean[] keep = new boolean[counts.length];
        for (int i = 0; i < Math.min(MAX_ONE_HOT, byCount.length) && counts[byCount[i]] > 0; i++) {
            keep[byCount[i]] = true;
        }
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < keep.length; i++) {
            if (keep[i]) {
                kept.add(categories.get(i));
            }
        }
        return new Categorical(categories, kept, categories.get(byCount[0]), missing);
    }

    /**
     * What trees need: categories one-hot (a missing one imputed and flagged as for a network), numbers as they are with
     * their missing values kept (NaN: a tree sends them the way that gains more). Never the identity, which refuses NaN.
     */
    public static Preprocessing forTrees(float[] inputs, int features, List<List<String>> categories) {
        Preprocessing fitted = fit(inputs, features, null, false, categories);
        List<Column> columns = new ArrayList<>(features);
        for (int c = 0; c < features; c++) {
            columns.add(!fitted.columns().isEmpty() && fitted.columns().get(c) instanceof Categorical k ? k : new Numeric(0, 1, Double.NaN, false));
        }
        return new Preprocessing(features, columns, 0, 1);
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
            width += column.width();
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
        int[][] positions = new int[inputs][];
        int[] fills = new int[inputs];
        for (int c = 0; c < inputs; c++) {
            if (columns.get(c) instanceof Categorical categorical) {
                positions[c] = categorical.positions();
                fills[c] = categorical.kept().indexOf(categorical.fill());
            }
        }
        float[] out = new float[rows * width];
        for (int r = 0; r < rows; r++) {
            int o = r * width;
            for (int c = 0; c < inputs; c++) {
                float v = raw[r * inputs + c];
                boolean missing = Float.isNaN(v);
                Column column = columns.get(c);
                if (column instanceof Numeric numeric) {
                    out[o] = (float) (((missing ? numeric.fill() : v) - numeric.mean()) / numeric.scale());
                } else {
                    // an unknown category (outside the list, or without an input) sets none
                    int position = missing ? fills[c] : v >= 0 && v < positions[c].length ? positions[c][(int) v] : -1;
                    if (position >= 0) {
                        out[o + position] = 1f;
                    }
                }
                o += column.width();
                if (column.flagged()) {
                    out[o - 1] = missing ? 1f : 0f;
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

    /**
     * FLOPs per row: a subtraction and a division per numeric value, one operation (the category's lookup) per
     * categorical value, a multiply-add per restored target.
     */
    public long flopsPerSample(int targets) {
        long flops = 0;
        for (Column column : columns) {
            // a number passed through as it is costs nothing
            flops += column instanceof Numeric n ? (n.mean() == 0 && n.scale() == 1 ? 0 : 2) : 1;
        }
        return flops + (targetMean == 0 && targetScale == 1 ? 0 : 2L * targets);
    }

    /** Per raw column its category list when it is categorical, empty when numeric: what rows must be read with. */
    public List<List<String>> categories() {
        List<List<String>> lists = new ArrayList<>(inputs);
        for (int c = 0; c < inputs; c++) {
            lists.add(!columns.isEmpty() && columns.get(c) instanceof Categorical categorical ? categorical.categories() : List.of());
        }
        return lists;
    }

    /** What it does, for people: which columns it standardised, encoded, imputed and flagged. */
    public String describe(List<String> featureNames) {
        if (isIdentity()) {
            return "none: the values go to the network as they are";
        }
        List<String> parts = new ArrayList<>();
        List<String> standardised = new ArrayList<>();
        List<String> encoded = new ArrayList<>();
        List<String> capped = new ArrayList<>();
        List<String> imputed = new ArrayList<>();
        int inputsMade = 0;
        for (int c = 0; c < columns.size(); c++) {
            String name = c < featureNames.size() ? "'" + featureNames.get(c) + "'" : "#" + (c + 1);
            Column column = columns.get(c);
            if (column instanceof Numeric n && (n.mean() != 0 || n.scale() != 1)) {
                standardised.add(name);
            } else if (column instanceof Categorical k) {
                encoded.add(name);
                inputsMade += k.kept().size();
                if (k.kept().size() < k.categories().size()) {
                    capped.add(name + " " + k.kept().size() + " of " + k.categories().size());
                }
            }
            if (column.flagged()) {
                imputed.add(name);
            }
        }
        if (!standardised.isEmpty()) {
            parts.add(standardised.size() + " numeric feature" + (standardised.size() == 1 ? "" : "s")
                    + " standardised with the training split's mean and standard deviation");
        }
        if (!encoded.isEmpty()) {
            parts.add(encoded.size() + " categorical feature" + (encoded.size() == 1 ? "" : "s") + " " + listed(encoded) + " one-hot encoded into "
                    + inputsMade + " 0/1 inputs" + (capped.isEmpty() ? "" : " (categories with an input: " + listed(capped)
                    + "; the training split lacks the others or they are beyond the " + MAX_ONE_HOT + " most frequent)")
                    + ", an unseen category reading as none");
        }
        if (!imputed.isEmpty()) {
            parts.add("missing values of " + listed(imputed) + " replaced by the training median (categories: the most frequent)"
                    + " and flagged in an extra input");
        }
        if (targetMean != 0 || targetScale != 1) {
            parts.add(String.format(Locale.ROOT, "the target standardised for training (mean %.6g, deviation %.6g)"
                    + " and predictions mapped back", targetMean, targetScale));
        }
        return parts.isEmpty() ? "none: the values go to the model as they are, missing values included" : String.join("; ", parts);
    }

    /** Names in brackets, the first ten. */
    private static String listed(List<String> names) {
        return "[" + String.join(", ", names.subList(0, Math.min(10, names.size()))) + (names.size() > 10 ? ", … " + (names.size() - 10) + " more" : "")
                + "]";
    }

    /** Writes it into a model file (the network's or the trees'). */
    public void write(DataOutputStream out) throws IOException {
        out.writeInt(inputs);
        out.writeInt(columns.size());
        for (Column column : columns) {
            if (column instanceof Numeric n) {
                out.writeInt(1);
                out.writeDouble(n.mean());
                out.writeDouble(n.scale());
                out.writeDouble(n.fill());
            } else {
                Categorical k = (Categorical) column;
                out.writeInt(2);
                out.writeInt(k.categories().size());
                for (String category : k.categories()) {
                    byte[] text = category.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.writeInt(text.length);
                    out.write(text);
                }
                out.writeInt(k.kept().size());
                for (String category : k.kept()) {
                    out.writeInt(k.categories().indexOf(category));
                }
                out.writeInt(k.categories().indexOf(k.fill()));
            }
            out.writeBoolean(column.flagged());
        }
        out.writeDouble(targetMean);
        out.writeDouble(targetScale);
    }

    /** A category list longer than this is not from a table this platform read (they take at most 1,000). */
    private static final int MAX_STORED_CATEGORIES = 100_000;

    private static String category(List<String> categories, int index) {
        if (index < 0 || index >= categories.size()) {
            throw new IllegalArgumentException("category " + index + " of " + categories.size());
        }
        return categories.get(index);
    }

    /** Reads what {@link #write} wrote; IllegalArgumentException when it is not a preprocessing. */
    public static Preprocessing read(DataInputStream in) throws IOException {
        int inputs = in.readInt();
        int count = in.readInt();
        if (inputs < 1 || count < 0 || count > inputs) {
            throw new IllegalArgumentException("preprocessing of " + inputs + " inputs with " + count + " columns");
        }
        List<Column> columns = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = in.readInt();
            if (kind == 1) {
                columns.add(new Numeric(in.readDouble(), in.readDouble(), in.readDouble(), in.readBoolean()));
            } else if (kind == 2) {
                List<String> categories = new ArrayList<>();
                int size = in.readInt();
                if (size < 1 || size > MAX_STORED_CATEGORIES) {
                    throw new IllegalArgumentException("a categorical column of " + size + " categories");
                }
                for (int c = 0; c < size; c++) {
                    int length = in.readInt();
                    if (length < 0 || length > 1 << 20) {
                        throw new IllegalArgumentException("a category of " + length + " bytes");
                    }
                    categories.add(new String(in.readNBytes(length), java.nio.charset.StandardCharsets.UTF_8));
                }
                int keptSize = in.readInt();
                if (keptSize < 1 || keptSize > size) {
                    throw new IllegalArgumentException(keptSize + " kept of " + size + " categories");
                }
                List<String> kept = new ArrayList<>();
                for (int c = 0; c < keptSize; c++) {
                    kept.add(category(categories, in.readInt()));
                }
                String fill = category(categories, in.readInt());
                columns.add(new Categorical(categories, kept, fill, in.readBoolean()));
            } else {
                throw new IllegalArgumentException("unknown preprocessing column kind " + kind);
            }
        }
        return new Preprocessing(inputs, columns, in.readDouble(), in.readDouble());
    }
}
