package org.mlarena.dataset.control;

import org.mlarena.dataset.entity.DatasetFormat;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;

import org.mlarena.numerics.data.CsvTable;
import org.mlarena.numerics.data.IdxReader;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.data.TextTable;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.statistics.ClassDistribution;
import org.mlarena.statistics.ColumnSummary;
import org.mlarena.statistics.CorrelationMatrix;
import org.mlarena.statistics.Histogram;
import org.mlarena.statistics.ImageStatistics;

/**
 * The exploratory data analysis of an imported dataset, as the JSON document the "Exploratory Data Analysis" tab of a
 * use case shows: split sizes, class balance, per-feature summaries and histograms, correlations, pixel statistics and
 * the mean image of each class, text lengths, vocabulary and the most frequent words of each class, and a few samples
 * per class.
 *
 * <p>The profile is shown to every participant, so it reads only the training and validation splits (and never the
 * hidden test answers, {@code test.csv} and {@code test-labels.idx}); the test split appears only as its size.
 * Everything is deterministic: samples are the first ones in file order. The statistics come from
 * {@code org.mlarena.statistics}; numbers JSON cannot hold (NaN, infinities: e.g. the standard deviation of a single
 * value, the correlation of a constant column) are written as {@code null}.
 *
 * <p>Pure Java, no container: a boundary or batch step calls it and stores or serves the document.
 */
public final class DatasetProfiler {

    /** CSV: at most this many feature columns get a summary. */
    public static final int MAX_FEATURES = 50;
    /** CSV: at most this many columns (features, and for regression the target) enter the correlation matrix. */
    public static final int MAX_CORRELATED = 20;
    /** Bins of every histogram. */
    public static final int BINS = ColumnSummary.DEFAULT_BINS;
    /** CSV: the first rows of the training split shown as samples. */
    public static final int CSV_SAMPLES = 5;
    /** IDX: thumbnails per class. */
    public static final int IMAGE_SAMPLES = 6;
    /** TEXT: snippets per class. */
    public static final int TEXT_SAMPLES = 3;
    /** TEXT: a snippet's length at most, in characters, the ellipsis included. */
    public static final int SNIPPET_LENGTH = 200;
    /** TEXT: the most frequent words listed. */
    public static final int TOP_WORDS = 20;
    /** TEXT: the most frequent words listed for each class. */
    public static final int TOP_WORDS_PER_CLASS = 10;
    /** The most frequent categories listed per categorical column. */
    public static final int TOP_CATEGORIES = 10;
    /** IDX: the pixel histogram covers the pixels of at most this many training images (the first ones), to bound memory. */
    public static final int HISTOGRAM_IMAGES = 2000;

    static final String HIDDEN_TEST = "The test split's labels are hidden from participants: they submit predictions for its rows,"
            + " which are scored on a public part, shown on the leaderboard while the competition runs, and a private part,"
            + " which decides the final ranking. This profile uses only the training and validation splits.";

    private static final char DELIMITER = ',';
    private static final Pattern NOT_A_WORD = Pattern.compile("[^\\p{L}\\p{Nd}]+");

    private DatasetProfiler() {
    }

    /**
     * The profile of an imported dataset as a JSON document (see the class comment; field names are read by the UI).
     *
     * @param datasetDirectory the directory {@link DatasetImporter} wrote
     * @param targetColumn     CSV: the column to predict; TEXT: the label column; IDX: unused
     * @param textColumn       TEXT: the column of the texts; otherwise unused
     * @param featureNames     CSV: the dataset's feature columns, checked against the files, or null not to check
     * @param classNames       the dataset's classes in their numbering; empty for regression (CSV only)
     * @param imageShape       IDX: {rows, columns}, checked against the files, or null not to check
     * @param rowsPerSplit     the rows of the training, validation and test split
     * @throws InvalidDataException     when a split file is missing or unusable, or does not belong to the dataset
     * @throws IllegalArgumentException when the arguments do not describe a dataset
     */
    public static String profile(Path datasetDirectory, DatasetFormat format, String targetColumn, String textColumn,
                                 List<String> featureNames, List<String> classNames, int[] imageShape, int[] rowsPerSplit)
            throws InvalidDataException {
        if (datasetDirectory == null || format == null || classNames == null) {
            throw new IllegalArgumentException("the dataset directory, its format and its class list are needed");
        }
        if (rowsPerSplit == null || rowsPerSplit.length != 3) {
            throw new IllegalArgumentException("rowsPerSplit holds the rows of the train, validation and test split");
        }
        if (format != DatasetFormat.CSV && classNames.isEmpty()) {
            throw new IllegalArgumentException(format + " datasets are for classification, but the class list is empty");
        }
        boolean classification = !classNames.isEmpty();
        JsonObjectBuilder document = Json.createObjectBuilder()
                .add("format", format.name())
                .add("task", classification ? "classification" : "regression")
                .add("splits", Json.createObjectBuilder()
                        .add(DatasetImporter.TRAIN, rowsPerSplit[0])
                        .add(DatasetImporter.VALIDATION, rowsPerSplit[1])
                        .add(DatasetImporter.TEST, rowsPerSplit[2]))
                .add("hiddenTest", HIDDEN_TEST);
        switch (format) {
            case CSV -> csv(document, datasetDirectory, targetColumn, featureNames, classNames);
            case TEXT -> text(document, datasetDirectory, textColumn, targetColumn, classNames);
            case IDX -> images(document, datasetDirectory, classNames, imageShape);
        }
        return document.build().toString();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // CSV

    private static void csv(JsonObjectBuilder document, Path directory, String targetColumn, List<String> featureNames,
                            List<String> classNames) throws InvalidDataException {
        if (targetColumn == null || targetColumn.isBlank()) {
            throw new IllegalArgumentException("a CSV dataset needs the name of its target column");
        }
        boolean classification = !classNames.isEmpty();
        CsvTable.TargetKind kind = classification ? CsvTable.TargetKind.CLASSES : CsvTable.TargetKind.NUMBERS;
        Path trainFile = directory.resolve(DatasetImporter.TRAIN + ".csv");
        List<List<String>> categories = Files.isRegularFile(trainFile)
                ? SplitLoader.categories(directory, CsvTable.featureNames(trainFile, targetColumn, DELIMITER)) : null;
        CsvTable train = readText(directory, DatasetImporter.TRAIN + ".csv",
                (in, source) -> CsvTable.read(in, source, targetColumn, kind, DELIMITER, true, categories));
        if (featureNames != null && !featureNames.equals(train.featureNames())) {
            throw new InvalidDataException(train.source() + ": its feature columns are " + train.featureNames() + " but the dataset's are "
                    + featureNames + "; the files do not belong to this dataset: import it again");
        }
        if (classification) {
            CsvTable validation = readText(directory, DatasetImporter.VALIDATION + ".csv",
                    (in, source) -> CsvTable.read(in, source, targetColumn, kind, DELIMITER, true, categories));
            document.add("classes", classes(classNames,
                    datasetLabels(train.source(), train.classes(), train.classNames(), classNames),
                    datasetLabels(validation.source(), validation.classes(), validation.classNames(), classNames)));
        } else {
            document.add("target", summary(ColumnSummary.of(targetColumn, train.target(), BINS)));
        }

        int rows = train.rows();
        int width = train.columns();
        Map<String, double[]> columns = new LinkedHashMap<>();
        for (int f = 0; f < width; f++) {
            double[] values = new double[rows];
            for (int r = 0; r < rows; r++) {
                values[r] = exact(train.features()[r * width + f]);
            }
            columns.put(train.featureNames().get(f), values);
        }
        JsonArrayBuilder features = Json.createArrayBuilder();
        int shown = Math.min(MAX_FEATURES, width);
        for (int f = 0; f < shown; f++) {
            String name = train.featureNames().get(f);
            features.add(train.isCategorical(f) ? categorical(name, columns.get(name), train.categories().get(f))
                    : summary(ColumnSummary.of(name, columns.get(name), BINS)));
        }
        document.add("features", features).add("featuresShown", shown).add("featuresTotal", width);

        Map<String, double[]> correlated = new LinkedHashMap<>();
        int correlatedFeatures = classification ? MAX_CORRELATED : MAX_CORRELATED - 1;
        for (int f = 0; f < width && correlated.size() < correlatedFeatures; f++) {
            String name = train.featureNames().get(f);
            if (!train.isCategorical(f)) {
                correlated.put(name, columns.get(name));
            }
        }
        if (!classification && !correlated.containsKey(targetColumn)) {
            correlated.put(targetColumn, train.target());
        }
        if (rows >= 2 && correlated.size() >= 2) {
            document.add("correlation", correlation(CorrelationMatrix.pearson(correlated)));
        }

        JsonArrayBuilder samples = Json.createArrayBuilder();
        for (int r = 0; r < Math.min(CSV_SAMPLES, rows); r++) {
            JsonObjectBuilder values = Json.createObjectBuilder();
            for (int f = 0; f < width; f++) {
                float value = train.features()[r * width + f];
                if (Float.isNaN(value)) {
                    values.addNull(train.featureNames().get(f));
                } else if (train.isCategorical(f)) {
                    values.add(train.featureNames().get(f), train.categories().get(f).get((int) value));
                } else {
                    values.add(train.featureNames().get(f), new BigDecimal(Float.toString(value)));
                }
            }
            if (classification) {
                values.add(targetColumn, train.classNames().get(train.classes()[r]));
            } else {
                values.add(targetColumn, new BigDecimal(Double.toString(train.target()[r])));
            }
            samples.add(Json.createObjectBuilder().add("values", values));
        }
        document.add("samples", samples);
    }

    /**
     * The summary of a categorical column: its rows with a value, the missing ones, how many of the dataset's categories
     * the training split holds, and the {@value #TOP_CATEGORIES} most frequent with their rows.
     */
    private static JsonObjectBuilder categorical(String name, double[] codes, List<String> categories) {
        long[] counts = new long[categories.size()];
        long missing = 0;
        for (double code : codes) {
            if (Double.isNaN(code)) {
                missing++;
            } else if (code >= 0) {
                counts[(int) code]++;
            }
        }
        JsonArrayBuilder top = Json.createArrayBuilder();
        IntStream.range(0, counts.length).boxed().filter(c -> counts[c] > 0)
                .sorted((a, b) -> counts[a] != counts[b] ? Long.compare(counts[b], counts[a]) : Integer.compare(a, b))
                .limit(TOP_CATEGORIES)
                .forEach(c -> top.add(Json.createObjectBuilder().add("category", categories.get(c)).add("count", counts[c])));
        return Json.createObjectBuilder().add("name", name).add("kind", "categorical").add("count", codes.length - missing)
                .add("missing", missing).add("categories", Arrays.stream(counts).filter(n -> n > 0).count()).add("top", top);
    }

    /** The decimal a float was written as (the canonical files hold float values), not its binary expansion. */
    private static double exact(float value) {
        return Double.parseDouble(Float.toString(value));
    }

    // ---------------------------------------------------------------------------------------------------------------
    // TEXT

    private static void text(JsonObjectBuilder document, Path directory, String textColumn, String labelColumn, List<String> classNames)
            throws InvalidDataException {
        if (labelColumn == null || labelColumn.isBlank() || textColumn == null || textColumn.isBlank()) {
            throw new IllegalArgumentException("a TEXT dataset needs the names of its text column and its label column");
        }
        TextTable train = readText(directory, DatasetImporter.TRAIN + ".csv",
                (in, source) -> TextTable.read(in, source, textColumn, labelColumn, DELIMITER));
        TextTable validation = readText(directory, DatasetImporter.VALIDATION + ".csv",
                (in, source) -> TextTable.read(in, source, textColumn, labelColumn, DELIMITER));
        int[] labels = datasetLabels(train.source(), train.labels(), train.classNames(), classNames);
        document.add("classes", classes(classNames, labels,
                datasetLabels(validation.source(), validation.labels(), validation.classNames(), classNames)));

        double[] lengths = new double[train.rows()];
        Map<String, Integer> counts = new HashMap<>();
        List<Map<String, Integer>> countsPerClass = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            countsPerClass.add(new HashMap<>());
        }
        int[] textsPerClass = new int[classNames.size()];
        for (int i = 0; i < train.rows(); i++) {
            textsPerClass[labels[i]]++;
            for (String word : words(train.texts().get(i))) {
                lengths[i]++;
                counts.merge(word, 1, Integer::sum);
                countsPerClass.get(labels[i]).merge(word, 1, Integer::sum);
            }
        }
        // per class, in the dataset's class order; a class without training texts is left out
        JsonArrayBuilder perClass = Json.createArrayBuilder();
        for (int c = 0; c < classNames.size(); c++) {
            if (textsPerClass[c] > 0) {
                perClass.add(Json.createObjectBuilder().add("class", classNames.get(c)).add("texts", textsPerClass[c])
                        .add("words", topWords(countsPerClass.get(c), TOP_WORDS_PER_CLASS)));
            }
        }
        document.add("text", Json.createObjectBuilder()
                .add("lengthInWords", summary(ColumnSummary.of("words per text", lengths, BINS)))
                .add("vocabulary", counts.size())
                .add("topWords", topWords(counts, TOP_WORDS))
                .add("topWordsPerClass", perClass));

        JsonArrayBuilder samples = Json.createArrayBuilder();
        int[] taken = new int[classNames.size()];
        for (int i = 0; i < train.rows(); i++) {
            int c = labels[i];
            if (taken[c]++ < TEXT_SAMPLES) {
                samples.add(Json.createObjectBuilder().add("class", classNames.get(c)).add("text", snippet(train.texts().get(i))));
            }
        }
        document.add("samples", samples);
    }

    /** The {@code limit} most frequent words with their counts, the most frequent first, ties in alphabetical order. */
    private static JsonArrayBuilder topWords(Map<String, Integer> counts, int limit) {
        JsonArrayBuilder top = Json.createArrayBuilder();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(limit)
                .forEach(e -> top.add(Json.createObjectBuilder().add("word", e.getKey()).add("count", e.getValue())));
        return top;
    }

    /** The lower-case words of a text: runs of letters and digits. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String token : NOT_A_WORD.split(text.toLowerCase(Locale.ROOT))) {
            if (!token.isEmpty()) {
                words.add(token);
            }
        }
        return words;
    }

    /** The text, or its start and "…" in {@value #SNIPPET_LENGTH} characters; never a half surrogate pair. */
    static String snippet(String text) {
        if (text.length() <= SNIPPET_LENGTH) {
            return text;
        }
        int end = SNIPPET_LENGTH - 1;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end) + "…";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // IDX

    private static void images(JsonObjectBuilder document, Path directory, List<String> classNames, int[] imageShape)
            throws InvalidDataException {
        ClassificationData train = (ClassificationData) SplitLoader.load(directory, DatasetFormat.IDX, null, null, classNames, imageShape,
                DatasetImporter.TRAIN, 0);
        ClassificationData validation = (ClassificationData) SplitLoader.load(directory, DatasetFormat.IDX, null, null, classNames,
                imageShape, DatasetImporter.VALIDATION, 0);
        document.add("classes", classes(classNames, train.labels(), validation.labels()));

        int[] shape = imageShape != null ? imageShape : fileShape(directory, train.features());
        int height = shape[0];
        int width = shape[1];
        int size = height * width;
        ImageStatistics statistics = ImageStatistics.of(train.inputs(), height, width, train.labels(), classNames.size());
        int histogramImages = Math.min(HISTOGRAM_IMAGES, train.rows());
        double[] pixels = new double[histogramImages * size];
        for (int p = 0; p < pixels.length; p++) {
            pixels[p] = train.inputs()[p];
        }
        // the mean image of each class over all its training images (ImageStatistics sums them anyway), as grey bytes;
        // a class without training images is left out
        JsonArrayBuilder meanImages = Json.createArrayBuilder();
        for (int c = 0; c < classNames.size(); c++) {
            if (statistics.imagesPerClass()[c] > 0) {
                double[] mean = statistics.meanImages()[c];
                byte[] grey = new byte[size];
                for (int p = 0; p < size; p++) {
                    grey[p] = (byte) Math.max(0, Math.min(255, Math.round(mean[p] * 255)));
                }
                meanImages.add(Json.createObjectBuilder().add("class", classNames.get(c)).add("images", statistics.imagesPerClass()[c])
                        .add("pixels", Base64.getEncoder().encodeToString(grey)).add("width", width).add("height", height));
            }
        }
        document.add("image", Json.createObjectBuilder()
                .add("height", height)
                .add("width", width)
                .add("channels", 1)
                .add("pixelScale", "0 to 1 (byte / 255)")
                .add("pixelMean", statistics.mean())
                .add("pixelStd", statistics.std())
                .add("pixelHistogram", histogram(Histogram.of("pixels", pixels, BINS)).add("images", histogramImages))
                .add("meanImages", meanImages));

        JsonArrayBuilder samples = Json.createArrayBuilder();
        int[] taken = new int[classNames.size()];
        for (int i = 0; i < train.rows(); i++) {
            int c = train.labels()[i];
            if (taken[c]++ < IMAGE_SAMPLES) {
                byte[] grey = new byte[size];
                for (int p = 0; p < size; p++) {
                    // the loader scaled each byte b to b / 255f; this undoes it exactly
                    grey[p] = (byte) Math.round(train.inputs()[i * size + p] * 255f);
                }
                samples.add(Json.createObjectBuilder().add("class", classNames.get(c))
                        .add("pixels", Base64.getEncoder().encodeToString(grey)).add("width", width).add("height", height));
            }
        }
        document.add("samples", samples);
    }

    /** Rows and columns from the training images' IDX header, when the caller gave no shape. */
    private static int[] fileShape(Path directory, int pixelsPerImage) throws InvalidDataException {
        int[] dimensions = IdxReader.read(directory.resolve(DatasetImporter.TRAIN + "-images.idx"),
                DatasetImporter.TRAIN + "-images.idx").dimensions();
        if (dimensions.length != 3 || dimensions[1] * dimensions[2] != pixelsPerImage) {
            throw new InvalidDataException(DatasetImporter.TRAIN + "-images.idx: not a file of images of " + pixelsPerImage + " pixels");
        }
        return new int[]{dimensions[1], dimensions[2]};
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shared parts of the document

    /** Per class: rows in training and validation, and the share in training. */
    private static JsonArrayBuilder classes(List<String> classNames, int[] train, int[] validation) {
        int k = classNames.size();
        long[] validationCounts = validation.length == 0 ? new long[k] : ClassDistribution.of("validation", validation, k).counts();
        ClassDistribution training = train.length == 0 ? null : ClassDistribution.of("train", train, k);
        JsonArrayBuilder classes = Json.createArrayBuilder();
        for (int c = 0; c < k; c++) {
            JsonObjectBuilder entry = Json.createObjectBuilder().add("name", classNames.get(c))
                    .add("train", training == null ? 0 : training.counts()[c])
                    .add("validation", validationCounts[c]);
            classes.add(number(entry, "share", training == null ? Double.NaN : training.shares()[c]));
        }
        return classes;
    }

    /** The dataset's class index of each row; a label the dataset lacks is refused with its file and value. */
    private static int[] datasetLabels(String source, int[] fileLabels, List<String> fileClasses, List<String> classNames)
            throws InvalidDataException {
        int[] toDataset = new int[fileClasses.size()];
        for (int c = 0; c < toDataset.length; c++) {
            toDataset[c] = classNames.indexOf(fileClasses.get(c));
            if (toDataset[c] < 0) {
                throw new InvalidDataException(source + ": the label '" + fileClasses.get(c) + "' is not one of the dataset's classes "
                        + classNames + "; the files do not belong to this dataset: import it again");
            }
        }
        int[] labels = new int[fileLabels.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = toDataset[fileLabels[i]];
        }
        return labels;
    }

    private static JsonObjectBuilder summary(ColumnSummary summary) {
        JsonObjectBuilder json = Json.createObjectBuilder().add("name", summary.name()).add("count", summary.count())
                .add("missing", summary.missing());
        number(json, "mean", summary.mean());
        number(json, "std", summary.std());
        number(json, "min", summary.min());
        number(json, "q25", summary.q25());
        number(json, "median", summary.median());
        number(json, "q75", summary.q75());
        number(json, "max", summary.max());
        number(json, "skewness", summary.skewness());
        return json.add("histogram", histogram(summary.histogram()));
    }

    private static JsonObjectBuilder histogram(Histogram histogram) {
        JsonArrayBuilder edges = Json.createArrayBuilder();
        for (double edge : histogram.edges()) {
            number(edges, edge);
        }
        JsonArrayBuilder counts = Json.createArrayBuilder();
        for (long count : histogram.counts()) {
            counts.add(count);
        }
        return Json.createObjectBuilder().add("edges", edges).add("counts", counts);
    }

    private static JsonObjectBuilder correlation(CorrelationMatrix matrix) {
        JsonArrayBuilder values = Json.createArrayBuilder();
        for (double[] row : matrix.values()) {
            JsonArrayBuilder line = Json.createArrayBuilder();
            for (double v : row) {
                number(line, v);
            }
            values.add(line);
        }
        return Json.createObjectBuilder().add("method", matrix.method()).add("columns", Json.createArrayBuilder(matrix.columns()))
                .add("values", values).add("rows", matrix.rows());
    }

    /** JSON has no NaN or infinity: those become null. */
    private static JsonObjectBuilder number(JsonObjectBuilder json, String name, double value) {
        return Double.isFinite(value) ? json.add(name, value) : json.addNull(name);
    }

    private static void number(JsonArrayBuilder json, double value) {
        if (Double.isFinite(value)) {
            json.add(value);
        } else {
            json.addNull();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading

    private interface TextParser<T> {
        T parse(Reader in, String source) throws InvalidDataException, IOException;
    }

    /** Reads a canonical split file, named in messages by its file name only (no server paths). */
    private static <T> T readText(Path directory, String name, TextParser<T> parser) throws InvalidDataException {
        try (Reader in = Files.newBufferedReader(directory.resolve(name), UTF_8)) {
            return parser.parse(in, name);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(name + ": missing from the dataset's directory '" + directory.getFileName()
                    + "'; the import is incomplete or its files were removed: import the dataset again");
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(name + ": is not UTF-8 text; import the dataset again", e);
        } catch (IOException e) {
            throw new InvalidDataException(name + ": cannot be read: " + e.getMessage(), e);
        }
    }
}
