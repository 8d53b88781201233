package org.mlarena.dataset.control;

import org.mlarena.common.Sha256;
import org.mlarena.dataset.entity.DatasetFormat;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.mlarena.numerics.data.CategoryFile;
import org.mlarena.numerics.data.CsvTable;
import org.mlarena.numerics.data.IdxArray;
import org.mlarena.numerics.data.IdxReader;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.data.TextTable;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.Preprocessing;

/**
 * Turns a host's uploaded files into a dataset: checks them completely with the readers of
 * {@code org.mlarena.numerics.data}, splits the rows into training, validation and test, and writes each split
 * in one canonical form that the same readers read back.
 *
 * <p>The split is reproducible: a shuffle seeded by {@link ImportSpec#seed()}, stratified by class for
 * classification (the split sizes follow the fractions overall and, as near as whole rows allow, within every
 * class; a class of at least {@value #ROWS_FOR_EVERY_SPLIT} rows appears in every split). Each split keeps the rows
 * in the order of the upload.
 *
 * <p>Canonical files: CSV and TEXT become RFC 4180 CSV (UTF-8, {@code ','}, quotes where needed, CRLF between
 * records) named {@code train.csv}, {@code validation.csv}, {@code test.csv} (hidden: it holds the answers) and
 * {@code test-features.csv} (the test rows without the target); CSV keeps every feature column with the target
 * last, numbers written so that they read back exactly, categories as their text, and lists the categories of its
 * categorical columns in {@value #CATEGORIES}; TEXT keeps only the text and the label column. IDX
 * becomes uncompressed unsigned-byte IDX: {@code train-images.idx}, {@code train-labels.idx},
 * {@code validation-images.idx}, {@code validation-labels.idx}, {@code test-images.idx} and {@code test-labels.idx}
 * (hidden).
 *
 * <p>Pure Java, no container: the caller records the result and owns the directory.
 */
public final class DatasetImporter {

    /** An import needs at least this many rows (images), so that every split gets some. */
    public static final int MIN_ROWS = 10;
    /** A class with at least this many rows appears in the training, validation and test split alike. */
    public static final int ROWS_FOR_EVERY_SPLIT = 3;

    public static final String TRAIN = "train";
    public static final String VALIDATION = "validation";
    public static final String TEST = "test";

    /** The category lists of a table's categorical columns ({@link CategoryFile}), for all splits. */
    public static final String CATEGORIES = "categories.csv";
    /** The split of a file that belongs to all of them. */
    public static final String ALL = "all";

    /** The keys of the uploaded files in {@link #importFiles}'s map. */
    public static final String TABLE = "table";
    public static final String IMAGES = "images";
    public static final String LABELS = "labels";

    private DatasetImporter() {
    }

    /**
     * Validates the uploaded files completely, splits them deterministically (seeded shuffle; stratified by class for
     * classification so that every class appears in each split when it has at least 3 examples), and writes the
     * canonical split files into targetDir, which must not exist yet: everything is written into a sibling temp
     * directory first and moved into place with one atomic rename, so a failed import leaves nothing behind.
     *
     * @param files     CSV and TEXT: key "table"; IDX: keys "images" and "labels"
     * @param category  CSV accepts TABULAR_CLASSIFICATION (target read as classes) or TABULAR_REGRESSION (numbers); TEXT
     *                  accepts TEXT_CLASSIFICATION; IDX accepts IMAGE_CLASSIFICATION. Any other combination:
     *                  InvalidDataException saying which format fits the category.
     * @param targetDir the directory to create; its parent must exist
     * @throws InvalidDataException       with every problem (line and column) when the files cannot be used
     * @throws FileAlreadyExistsException when targetDir exists already
     * @throws IOException                when the split files cannot be written; nothing is left behind then either
     */
    public static ImportResult importFiles(Map<String, Path> files, ImportSpec spec, ModelZoo.Category category, Path targetDir)
            throws InvalidDataException, IOException {
        Objects.requireNonNull(files, "files");
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(category, "category");
        Objects.requireNonNull(targetDir, "targetDir");
        checkFormatFits(spec.format(), category);
        checkFileKeys(spec.format(), files.keySet());
        if (Files.exists(targetDir, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(targetDir.toString(), null, "each import needs a new directory");
        }
        Rows rows = switch (spec.format()) {
            case CSV -> TableRows.read(files.get(TABLE), spec, category);
            case TEXT -> TextRows.read(files.get(TABLE), spec);
            case IDX -> ImageRows.read(files.get(IMAGES), files.get(LABELS));
        };
        Split split = Split.of(rows, spec);
        List<StoredFile> stored = writeAtomically(targetDir, directory -> rows.write(directory, split));
        return new ImportResult(spec.format(), split.train().length, split.validation().length, split.test().length,
                rows.featureNames(), rows.imageShape(), rows.classNames(), stored, rows.categoricalColumns(), rows.inputWidth(split));
    }

    private static void checkFormatFits(DatasetFormat format, ModelZoo.Category category) throws InvalidDataException {
        DatasetFormat fits = switch (category) {
            case IMAGE_CLASSIFICATION -> DatasetFormat.IDX;
            case TABULAR_CLASSIFICATION, TABULAR_REGRESSION -> DatasetFormat.CSV;
            case TEXT_CLASSIFICATION -> DatasetFormat.TEXT;
        };
        if (format != fits) {
            throw new InvalidDataException("A use case of category " + category + " imports " + describe(fits) + ", not " + describe(format)
                    + "; import its data with the format " + fits + ".");
        }
    }

    private static String describe(DatasetFormat format) {
        return switch (format) {
            case CSV -> "CSV (a table of numeric or categorical features and a target column)";
            case IDX -> "IDX (an images file and a labels file)";
            case TEXT -> "TEXT (a table with a text column and a label column)";
        };
    }

    private static void checkFileKeys(DatasetFormat format, Set<String> given) throws InvalidDataException {
        Set<String> needed = format == DatasetFormat.IDX ? new TreeSet<>(List.of(IMAGES, LABELS)) : Set.of(TABLE);
        if (!given.equals(needed)) {
            throw new InvalidDataException("A " + format + " import needs exactly the files " + needed + ", got " + new TreeSet<>(given) + ".");
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // What was read: the validated rows of one upload, and how to write a selection of them.

    /** The validated rows of an upload. */
    private interface Rows {

        /** For messages: which upload the rows came from. */
        String source();

        int count();

        /** The class of each row; all 0 for regression. */
        int[] classOf();

        /** Classes, sorted; empty for regression. */
        List<String> classNames();

        default int classCount() {
            return Math.max(1, classNames().size());
        }

        List<String> featureNames();

        int[] imageShape();

        List<StoredFile> write(Path directory, Split split) throws IOException;

        /** The feature columns that hold categories. */
        default List<String> categoricalColumns() {
            return List.of();
        }

        /** Tables: the inputs a model gets from a row once the training split's preprocessing encoded it; else 0. */
        default int inputWidth(Split split) {
            return 0;
        }
    }

    /** A CSV table: numeric and categorical features and a class or number to predict. */
    private record TableRows(CsvTable table, String targetColumn) implements Rows {

        static TableRows read(Path file, ImportSpec spec, ModelZoo.Category category) throws InvalidDataException {
            boolean classification = category == ModelZoo.Category.TABULAR_CLASSIFICATION;
            CsvTable table = readText(file, TABLE, (in, source) -> CsvTable.read(in, source, spec.targetColumn(),
                    classification ? CsvTable.TargetKind.CLASSES : CsvTable.TargetKind.NUMBERS, spec.delimiter(), spec.keepMissing()));
            Problems problems = new Problems(TABLE);
            if (table.featureNames().isEmpty()) {
                problems.add("has no columns besides the target '" + spec.targetColumn() + "'; add the feature columns to learn from");
            }
            TableRows rows = new TableRows(table, spec.targetColumn());
            checkSize(problems, rows, classification, "column '" + spec.targetColumn() + "'", "row", "class");
            problems.throwIfAny();
            return rows;
        }

        @Override
        public String source() {
            return TABLE;
        }

        @Override
        public int count() {
            return table.rows();
        }

        @Override
        public int[] classOf() {
            return table.classNames().isEmpty() ? new int[count()] : table.classes();
        }

        @Override
        public List<String> classNames() {
            return table.classNames();
        }

        @Override
        public List<String> featureNames() {
            return table.featureNames();
        }

        @Override
        public int[] imageShape() {
            return new int[0];
        }

        @Override
        public List<StoredFile> write(Path directory, Split split) throws IOException {
            List<String> all = new ArrayList<>(table.featureNames());
            all.add(targetColumn);
            List<StoredFile> files = new ArrayList<>(List.of(
                    store(directory, "train.csv", TRAIN, false, out -> writeCsv(out, all, split.train(), true)),
                    store(directory, "validation.csv", VALIDATION, false, out -> writeCsv(out, all, split.validation(), true)),
                    store(directory, "test.csv", TEST, true, out -> writeCsv(out, all, split.test(), true)),
                    store(directory, "test-features.csv", TEST, false, out -> writeCsv(out, table.featureNames(), split.test(), false))));
            if (!categoricalColumns().isEmpty()) {
                files.add(store(directory, CATEGORIES, ALL, false, out -> CategoryFile.write(out, table.featureNames(), table.categories())));
            }
            return files;
        }

        @Override
        public List<String> categoricalColumns() {
            return IntStream.range(0, table.columns()).filter(table::isCategorical).mapToObj(table.featureNames()::get).toList();
        }

        @Override
        public int inputWidth(Split split) {
            int width = table.columns();
            float[] train = new float[split.train().length * width];
            for (int i = 0; i < split.train().length; i++) {
                System.arraycopy(table.features(), split.train()[i] * width, train, i * width, width);
            }
            return Preprocessing.fit(train, width, null, true, table.categories()).outputs();
        }

        private void writeCsv(Writer out, List<String> header, int[] rows, boolean withTarget) throws IOException {
            CsvLines.write(out, header);
            int width = table.columns();
            List<String> fields = new ArrayList<>(width + 1);
            for (int row : rows) {
                fields.clear();
                for (int f = 0; f < width; f++) {
                    float value = table.features()[row * width + f];
                    // a category as its text, so that the files read on their own; a missing one as an empty field
                    fields.add(!table.isCategorical(f) ? Float.toString(value) : Float.isNaN(value) ? "" : table.categories().get(f).get((int) value));
                }
                if (withTarget) {
                    double target = table.target()[row];
                    fields.add(table.classNames().isEmpty() ? Double.toString(target) : table.classNames().get((int) target));
                }
                CsvLines.write(out, fields);
            }
        }
    }

    /** A table of labelled texts. */
    private record TextRows(TextTable table, String textColumn, String labelColumn) implements Rows {

        static TextRows read(Path file, ImportSpec spec) throws InvalidDataException {
            TextTable table = readText(file, TABLE, (in, source) -> TextTable.read(in, source, spec.textColumn(), spec.targetColumn(),
                    spec.delimiter()));
            TextRows rows = new TextRows(table, spec.textColumn(), spec.targetColumn());
            Problems problems = new Problems(TABLE);
            checkSize(problems, rows, true, "column '" + spec.targetColumn() + "'", "row", "label");
            problems.throwIfAny();
            return rows;
        }

        @Override
        public String source() {
            return TABLE;
        }

        @Override
        public int count() {
            return table.rows();
        }

        @Override
        public int[] classOf() {
            return table.labels();
        }

        @Override
        public List<String> classNames() {
            return table.classNames();
        }

        @Override
        public List<String> featureNames() {
            return List.of(textColumn);
        }

        @Override
        public int[] imageShape() {
            return new int[0];
        }

        @Override
        public List<StoredFile> write(Path directory, Split split) throws IOException {
            return List.of(
                    store(directory, "train.csv", TRAIN, false, out -> writeCsv(out, split.train(), true)),
                    store(directory, "validation.csv", VALIDATION, false, out -> writeCsv(out, split.validation(), true)),
                    store(directory, "test.csv", TEST, true, out -> writeCsv(out, split.test(), true)),
                    store(directory, "test-features.csv", TEST, false, out -> writeCsv(out, split.test(), false)));
        }

        private void writeCsv(Writer out, int[] rows, boolean withLabel) throws IOException {
            CsvLines.write(out, withLabel ? List.of(textColumn, labelColumn) : List.of(textColumn));
            for (int row : rows) {
                String text = table.texts().get(row);
                CsvLines.write(out, withLabel ? List.of(text, table.classNames().get(table.labels()[row])) : List.of(text));
            }
        }
    }

    /** Greyscale images, unsigned bytes, and their labels. */
    private record ImageRows(IdxArray images, int[] labels, int classes) implements Rows {

        static final int UNSIGNED_BYTE = 0x08;
        static final int MAX_LABEL = 255;

        static ImageRows read(Path imagesFile, Path labelsFile) throws InvalidDataException {
            List<InvalidDataException> unreadable = new ArrayList<>();
            IdxArray images = readIdx(imagesFile, IMAGES, unreadable);
            IdxArray labels = readIdx(labelsFile, LABELS, unreadable);
            if (unreadable.size() == 1) {
                throw unreadable.get(0);
            }
            // each problem names its file
            Problems problems = new Problems(null);
            unreadable.forEach(e -> e.problems().forEach(problems::add));
            problems.throwIfAny();

            int[] shape = images.dimensions();
            if (shape.length != 3) {
                problems.add(IMAGES + ": an images file has 3 dimensions (count, rows, columns), this one has " + shape.length
                        + (shape.length == 1 ? "; are the images and labels files swapped?" : ""));
            } else if (shape[1] == 0 || shape[2] == 0) {
                problems.add(IMAGES + ": the images are " + shape[1] + " × " + shape[2] + " pixels; they need at least one");
            }
            if (images.type() != UNSIGNED_BYTE) {
                problems.add(IMAGES + ": pixels must be unsigned bytes (IDX type 0x08), found type 0x" + Integer.toHexString(images.type())
                        + "; convert the images to greyscale values 0 to 255");
            }
            if (labels.dimensions().length != 1) {
                problems.add(LABELS + ": a labels file has 1 dimension (count), this one has " + labels.dimensions().length
                        + (labels.dimensions().length == 3 ? "; are the images and labels files swapped?" : ""));
            }
            problems.throwIfAny();

            if (images.count() != labels.count()) {
                problems.add(IMAGES + " has " + images.count() + " images but " + LABELS + " has " + labels.count()
                        + " labels; they must hold the same images in the same order, one label each");
            }
            int headerBytes = 4 + 4 * labels.dimensions().length;
            int width = IdxArray.width(labels.type());
            int[] classOf = new int[labels.count()];
            int largest = 0;
            for (int i = 0; i < classOf.length; i++) {
                double value = labels.value(i);
                if (value < 0 || value > MAX_LABEL || value != Math.rint(value)) {
                    problems.add(LABELS + ": label " + i + " (byte offset " + (headerBytes + (long) i * width) + ") is "
                            + (value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value))
                            + "; labels must be whole numbers from 0 to " + MAX_LABEL);
                } else {
                    classOf[i] = (int) value;
                    largest = Math.max(largest, classOf[i]);
                }
            }
            problems.throwIfAny();
            ImageRows rows = new ImageRows(images, classOf, largest + 1);
            Problems size = new Problems(IMAGES);
            checkSize(size, rows, true, null, "image", "label");
            size.throwIfAny();
            return rows;
        }

        private static IdxArray readIdx(Path file, String name, List<InvalidDataException> unreadable) {
            try {
                return IdxReader.read(file, name);
            } catch (InvalidDataException e) {
                unreadable.add(e);
                return null;
            }
        }

        @Override
        public String source() {
            return IMAGES;
        }

        @Override
        public int count() {
            return labels.length;
        }

        @Override
        public int[] classOf() {
            return labels;
        }

        @Override
        public List<String> classNames() {
            return IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        }

        @Override
        public List<String> featureNames() {
            return List.of();
        }

        @Override
        public int[] imageShape() {
            return new int[]{images.dimensions()[1], images.dimensions()[2]};
        }

        @Override
        public List<StoredFile> write(Path directory, Split split) throws IOException {
            List<StoredFile> files = new ArrayList<>();
            for (String name : List.of(TRAIN, VALIDATION, TEST)) {
                int[] rows = split.rows(name);
                files.add(storeBytes(directory, name + "-images.idx", name, false, out -> writeImages(out, rows)));
                files.add(storeBytes(directory, name + "-labels.idx", name, name.equals(TEST), out -> writeLabels(out, rows)));
            }
            return files;
        }

        private void writeImages(OutputStream out, int[] rows) throws IOException {
            int size = images.itemSize();
            writeIdxHeader(out, rows.length, images.dimensions()[1], images.dimensions()[2]);
            byte[] image = new byte[size];
            for (int row : rows) {
                images.data().get(row * size, image, 0, size);
                out.write(image);
            }
        }

        private void writeLabels(OutputStream out, int[] rows) throws IOException {
            writeIdxHeader(out, rows.length);
            for (int row : rows) {
                out.write(labels[row]);
            }
        }

        private static void writeIdxHeader(OutputStream out, int... dimensions) throws IOException {
            DataOutputStream data = new DataOutputStream(out);
            data.write(new byte[]{0, 0, UNSIGNED_BYTE, (byte) dimensions.length});
            for (int dimension : dimensions) {
                data.writeInt(dimension);
            }
            data.flush();
        }
    }

    /**
     * Refuses uploads too small to split, and classification without two classes.
     *
     * @param target where the classes are, for messages, e.g. "column 'species'"; null when the source says it
     */
    private static void checkSize(Problems problems, Rows rows, boolean classification, String target, String rowWord, String classWord) {
        if (rows.count() < MIN_ROWS) {
            problems.add("has " + rows.count() + " " + rowWord + (rows.count() == 1 ? "" : "s") + "; an import needs at least "
                    + MIN_ROWS + " so that the training, validation and test splits each get some. Add " + rowWord + "s.");
        }
        if (classification && rows.count() > 0) {
            long present = Arrays.stream(rows.classOf()).distinct().count();
            if (present < 2) {
                String only = rows.classNames().get(rows.classOf()[0]);
                problems.add((target == null ? "" : target + ": ") + "every " + rowWord + " has the " + classWord + " '" + only
                        + "'; classification needs at least 2 classes" + (rows instanceof TableRows
                        ? ". Check the target column, or import the table into a regression use case." : "."));
            }
            if (rows instanceof TableRows && looksLikeRegression(rows.classNames(), rows.count())) {
                problems.add((target == null ? "" : target + ": ") + "looks like a regression target: " + rows.classNames().size()
                        + " distinct numbers (e.g. " + String.join(", ", rows.classNames().subList(0, Math.min(3, rows.classNames().size())))
                        + ") for " + rows.count() + " rows. Host the use case as tabular regression; if they are class codes, write them as"
                        + " whole numbers or names.");
            }
        }
    }

    /** The most classes of numbers a table may have with fewer than 5 rows each before they look like a measured quantity. */
    static final int MAX_SPARSE_NUMBER_CLASSES = 50;

    /**
     * Whether classes look like the values of a number to predict: all numbers, and either one has a fraction (no class
     * code does) or there are more than {@value #MAX_SPARSE_NUMBER_CLASSES} with fewer than 5 rows each on average.
     */
    static boolean looksLikeRegression(List<String> classNames, int rows) {
        boolean fraction = false;
        for (String name : classNames) {
            try {
                double value = Double.parseDouble(name);
                if (!Double.isFinite(value)) {
                    return false;
                }
                fraction |= value != Math.rint(value);
            } catch (NumberFormatException e) {
                return false;
            }
        }
        return fraction || classNames.size() > MAX_SPARSE_NUMBER_CLASSES && rows < 5L * classNames.size();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Splitting

    /** The rows of each split, as indices into the upload, ascending. */
    private record Split(int[] train, int[] validation, int[] test) {

        int[] rows(String split) {
            return switch (split) {
                case TRAIN -> train;
                case VALIDATION -> validation;
                default -> test;
            };
        }

        /**
         * Test rows first, then validation rows, are drawn from each class's shuffled rows; how many from each class is
         * apportioned by largest remainder, so that the totals follow the fractions of all rows.
         */
        static Split of(Rows rows, ImportSpec spec) throws InvalidDataException {
            int[] classOf = rows.classOf();
            int classes = rows.classCount();
            int[] sizes = new int[classes];
            for (int c : classOf) {
                sizes[c]++;
            }
            int[] atLeastOne = new int[classes];
            int[] testMost = new int[classes];
            for (int c = 0; c < classes; c++) {
                boolean everySplit = sizes[c] >= ROWS_FOR_EVERY_SPLIT;
                atLeastOne[c] = everySplit ? 1 : 0;
                testMost[c] = everySplit ? sizes[c] - 2 : Math.max(0, sizes[c] - 1);
            }
            int[] testCounts = apportion(sizes, spec.testFraction(), atLeastOne, testMost);
            int[] validationMost = new int[classes];
            for (int c = 0; c < classes; c++) {
                validationMost[c] = Math.max(0, sizes[c] - testCounts[c] - 1);
            }
            int[] validationCounts = apportion(sizes, spec.validationFraction(), atLeastOne, validationMost);

            int[][] members = new int[classes][];
            int[] filled = new int[classes];
            for (int c = 0; c < classes; c++) {
                members[c] = new int[sizes[c]];
            }
            for (int row = 0; row < classOf.length; row++) {
                members[classOf[row]][filled[classOf[row]]++] = row;
            }
            Random random = new Random(spec.seed());
            IntStream.Builder train = IntStream.builder();
            IntStream.Builder validation = IntStream.builder();
            IntStream.Builder test = IntStream.builder();
            for (int c = 0; c < classes; c++) {
                int[] shuffled = members[c];
                shuffle(shuffled, random);
                for (int i = 0; i < shuffled.length; i++) {
                    (i < testCounts[c] ? test : i < testCounts[c] + validationCounts[c] ? validation : train).add(shuffled[i]);
                }
            }
            Split split = new Split(train.build().sorted().toArray(), validation.build().sorted().toArray(), test.build().sorted().toArray());
            List<String> empty = Stream.of(TRAIN, VALIDATION, TEST).filter(name -> split.rows(name).length == 0).toList();
            if (!empty.isEmpty()) {
                long large = Arrays.stream(sizes).filter(size -> size >= ROWS_FOR_EVERY_SPLIT).count();
                throw new InvalidDataException(rows.source() + ": the " + String.join(" and ", empty) + (empty.size() == 1 ? " split" : " splits")
                        + " would get no rows: the " + rows.count() + " rows fall into " + classes + " classes, of which " + large + " have the "
                        + ROWS_FOR_EVERY_SPLIT + " rows a class needs to be in every split. " + (numbered(rows.classNames())
                        ? "Every class is a number: if the target is a quantity, host the use case as tabular regression instead."
                        : "Add rows to the small classes."));
            }
            return split;
        }

        /** Many classes, all of them numbers: more likely a regression target than classes (e.g. a disease score). */
        private static boolean numbered(List<String> classNames) {
            return classNames.size() > 20 && classNames.stream().allMatch(c -> c.matches("[-+]?[0-9]*\\.?[0-9]+([eE][-+]?[0-9]+)?"));
        }

        /**
         * Whole counts per class whose sum is the fraction of all rows (rounded), each within its bounds: floors first,
         * then one more for the classes with the largest remainders, or one less for those with the smallest.
         */
        static int[] apportion(int[] sizes, double fraction, int[] least, int[] most) {
            int classes = sizes.length;
            long all = Arrays.stream(sizes).asLongStream().sum();
            long total = Math.max(Arrays.stream(least).sum(), Math.min(Arrays.stream(most).sum(), Math.round(all * fraction)));
            int[] counts = new int[classes];
            double[] remainder = new double[classes];
            long sum = 0;
            for (int c = 0; c < classes; c++) {
                double quota = sizes[c] * fraction;
                counts[c] = Math.max(least[c], Math.min(most[c], (int) Math.floor(quota)));
                remainder[c] = quota - Math.floor(quota);
                sum += counts[c];
            }
            Integer[] order = IntStream.range(0, classes).boxed()
                    .sorted(Comparator.<Integer>comparingDouble(c -> -remainder[c]).thenComparingInt(c -> c)).toArray(Integer[]::new);
            while (sum < total) {
                for (int i = 0; i < classes && sum < total; i++) {
                    if (counts[order[i]] < most[order[i]]) {
                        counts[order[i]]++;
                        sum++;
                    }
                }
            }
            while (sum > total) {
                for (int i = classes - 1; i >= 0 && sum > total; i--) {
                    if (counts[order[i]] > least[order[i]]) {
                        counts[order[i]]--;
                        sum--;
                    }
                }
            }
            return counts;
        }

        /** Fisher–Yates with {@link Random}, whose sequence Java specifies: the same seed gives the same order everywhere. */
        static void shuffle(int[] values, Random random) {
            for (int i = values.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int swap = values[i];
                values[i] = values[j];
                values[j] = swap;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Reading and writing files

    /** Reads a table of text, the way the readers read a file, but names it by its role rather than its server path. */
    private interface TextParser<T> {
        T parse(Reader in, String source) throws InvalidDataException, IOException;
    }

    private static <T> T readText(Path file, String source, TextParser<T> parser) throws InvalidDataException {
        try (Reader in = Files.newBufferedReader(file, UTF_8)) {
            return parser.parse(in, source);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(source + ": the uploaded file is gone; upload it again");
        } catch (CharacterCodingException e) {
            throw new InvalidDataException(source + ": is not UTF-8 text; save it as UTF-8 and upload it again", e);
        } catch (IOException e) {
            throw new InvalidDataException(source + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Writes RFC 4180 records: ',' between fields, CRLF after each, quotes around a field that needs them. */
    private static final class CsvLines {

        private CsvLines() {
        }

        static void write(Writer out, List<String> fields) throws IOException {
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                String field = fields.get(i);
                if (needsQuotes(field)) {
                    out.write('"');
                    out.write(field.replace("\"", "\"\""));
                    out.write('"');
                } else {
                    out.write(field);
                }
            }
            out.write("\r\n");
        }

        /** Delimiters, quotes and line breaks need quotes; so do spaces at either end, which readers may trim. */
        private static boolean needsQuotes(String field) {
            if (field.isEmpty()) {
                return false;
            }
            return field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || field.indexOf('\n') >= 0 || field.indexOf('\r') >= 0
                    || Character.isWhitespace(field.charAt(0)) || Character.isWhitespace(field.charAt(field.length() - 1));
        }
    }

    /** What writes the content of one stored file. */
    private interface ByteContent {
        void writeTo(OutputStream out) throws IOException;
    }

    /** What writes the content of one stored text file. */
    private interface TextContent {
        void writeTo(Writer out) throws IOException;
    }

    private static StoredFile store(Path directory, String name, String split, boolean hidden, TextContent content) throws IOException {
        return storeBytes(directory, name, split, hidden, out -> {
            Writer writer = new OutputStreamWriter(out, UTF_8);
            content.writeTo(writer);
            writer.flush();
        });
    }

    /** Writes a new file, forced to disk, and describes it with its size and SHA-256. */
    private static StoredFile storeBytes(Path directory, String name, String split, boolean hidden, ByteContent content) throws IOException {
        MessageDigest sha256 = Sha256.digest();
        try (FileChannel channel = FileChannel.open(directory.resolve(name), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(new DigestOutputStream(Channels.newOutputStream(channel), sha256), 1 << 16);
            content.writeTo(out);
            out.flush();
            channel.force(true);
            return new StoredFile(name, split, hidden, channel.size(), Sha256.hex(sha256));
        }
    }

    /** What fills the new directory. */
    private interface DirectoryContent {
        List<StoredFile> writeInto(Path directory) throws IOException;
    }

    /**
     * Fills a hidden sibling of targetDir and renames it to targetDir in one step; on any failure the sibling is
     * deleted and targetDir never appears.
     */
    private static List<StoredFile> writeAtomically(Path targetDir, DirectoryContent content) throws IOException {
        Path target = targetDir.toAbsolutePath();
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new NoSuchFileException(String.valueOf(parent), null, "the directory to import into must exist");
        }
        Path temporary = Files.createTempDirectory(parent, "." + target.getFileName() + ".importing-");
        try {
            List<StoredFile> files = content.writeInto(temporary);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            return files;
        } catch (IOException | RuntimeException | Error e) {
            try {
                deleteRecursively(temporary);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * Collects the problems of an upload, counting all but listing the first {@value InvalidDataException#MAX_LISTED}.
     * With a source, problems are phrased without it, as the readers phrase theirs ("line 5, column 'x': …"); without
     * one, each problem names its own file.
     */
    private static final class Problems {

        private final String source;
        private final List<String> listed = new ArrayList<>();
        private int total;

        Problems(String source) {
            this.source = source;
        }

        void add(String problem) {
            total++;
            if (listed.size() < InvalidDataException.MAX_LISTED) {
                listed.add(problem);
            }
        }

        void throwIfAny() throws InvalidDataException {
            if (total == 1) {
                throw new InvalidDataException(source == null ? listed.get(0) : source + ": " + listed.get(0));
            }
            if (total > 1) {
                throw new InvalidDataException(source == null ? IMAGES + " and " + LABELS : source, listed, total);
            }
        }
    }
}
