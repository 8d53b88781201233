package org.mlarena.dataset.control;

import org.mlarena.dataset.entity.DatasetFormat;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.mlarena.numerics.data.BagOfWords;
import org.mlarena.numerics.data.CategoryFile;
import org.mlarena.numerics.data.CsvTable;
import org.mlarena.numerics.data.IdxArray;
import org.mlarena.numerics.data.IdxReader;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.data.LabelledImages;
import org.mlarena.numerics.data.TextTable;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.RegressionData;
import org.mlarena.numerics.nn.TrainingData;

/**
 * Reads one split of an imported dataset, with its labels, as the rows a network trains on or is scored against: the
 * canonical files {@link DatasetImporter} wrote (for the test split the hidden {@code test.csv} or
 * {@code test-labels.idx}).
 *
 * <p>Class indices follow the dataset's class list, not the file: the readers number the classes a file happens to
 * hold in sorted order, which differs from the dataset's numbering as soon as a split lacks a class. A label the
 * dataset does not know is refused with its file, line (or label position) and value.
 *
 * <p>CSV gives its feature columns as they are; TEXT gives bag-of-words vectors of {@code buckets} values
 * ({@link BagOfWords}); IDX gives the pixels scaled to [0, 1] as {@link LabelledImages} scales them.
 */
public final class SplitLoader {

    /** The canonical CSV files use ',' (see {@link DatasetImporter}). */
    private static final char DELIMITER = ',';
    /** How many of the dataset's classes a message lists before it abbreviates the list. */
    private static final int LISTED_CLASSES = 20;

    private SplitLoader() {
    }

    /**
     * The labelled rows of one split.
     *
     * @param datasetDirectory the directory the import wrote
     * @param targetColumn     CSV: the column to predict; TEXT: the label column; IDX: unused
     * @param textColumn       TEXT: the column of the texts; otherwise unused
     * @param classNames       the dataset's classes, in the order that numbers them; empty for regression (CSV only)
     * @param imageShape       IDX: rows and columns every image must have, or null to accept the file's; otherwise unused
     * @param split            "train", "validation" or "test"
     * @param buckets          TEXT: the size of the bag-of-words vectors; otherwise unused
     * @return {@link ClassificationData} with {@code classNames.size()} classes, or {@link RegressionData} with one output
     * @throws InvalidDataException     when a file is missing or unusable, or holds a label outside classNames
     * @throws IllegalArgumentException when the arguments do not describe a dataset (an unknown split, a TEXT or IDX
     *                                  dataset without classes, a missing column name)
     */
    public static TrainingData load(Path datasetDirectory, DatasetFormat format, String targetColumn, String textColumn,
                                    List<String> classNames, int[] imageShape, String split, int buckets) throws InvalidDataException {
        return load(datasetDirectory, format, targetColumn, textColumn, classNames, imageShape, split, buckets, null);
    }

    /**
     * The labelled rows of one split, a CSV table's categories numbered by the given lists (a model's: a category the
     * model does not know reads as {@link CsvTable#UNKNOWN_CATEGORY}) or, when null, by the dataset's ({@link #categories}).
     */
    public static TrainingData load(Path datasetDirectory, DatasetFormat format, String targetColumn, String textColumn,
                                    List<String> classNames, int[] imageShape, String split, int buckets, List<List<String>> categories)
            throws InvalidDataException {
        if (datasetDirectory == null || format == null || classNames == null) {
            throw new IllegalArgumentException("the dataset directory, its format and its class list are needed");
        }
        if (!List.of(DatasetImporter.TRAIN, DatasetImporter.VALIDATION, DatasetImporter.TEST).contains(split)) {
            throw new IllegalArgumentException("the split is \"train\", \"validation\" or \"test\", got " + (split == null ? "none" : "\"" + split + "\""));
        }
        if (format != DatasetFormat.CSV && classNames.isEmpty()) {
            throw new IllegalArgumentException(format + " datasets are for classification, but the class list is empty");
        }
        if (format != DatasetFormat.IDX && (targetColumn == null || targetColumn.isBlank())) {
            throw new IllegalArgumentException("a " + format + " dataset needs the name of its " + (format == DatasetFormat.CSV ? "target" : "label") + " column");
        }
        if (format == DatasetFormat.TEXT && (textColumn == null || textColumn.isBlank())) {
            throw new IllegalArgumentException("a TEXT dataset needs the name of its text column");
        }
        return switch (format) {
            case CSV -> csv(datasetDirectory, existing(datasetDirectory, split + ".csv"), targetColumn, classNames, categories);
            case TEXT -> text(existing(datasetDirectory, split + ".csv"), textColumn, targetColumn, classNames, buckets);
            case IDX -> images(existing(datasetDirectory, split + "-images.idx"), existing(datasetDirectory, split + "-labels.idx"), classNames,
                    imageShape);
        };
    }

    private static Path existing(Path directory, String name) throws InvalidDataException {
        Path file = directory.resolve(name);
        if (!Files.isRegularFile(file)) {
            // the directory's own name only: messages reach people who have no business with server paths
            throw new InvalidDataException(name + ": missing from the dataset's directory '" + directory.getFileName() + "'; the import is"
                    + " incomplete or its files were removed: import the dataset again");
        }
        return file;
    }

    /**
     * Per feature column of a CSV dataset the categories that number its values (empty: a numeric column), as the import
     * listed them for all splits.
     */
    public static List<List<String>> categories(Path datasetDirectory, List<String> featureNames) throws InvalidDataException {
        return CategoryFile.read(datasetDirectory.resolve(DatasetImporter.CATEGORIES), featureNames);
    }

    private static TrainingData csv(Path directory, Path file, String targetColumn, List<String> classNames, List<List<String>> categories)
            throws InvalidDataException {
        boolean classification = !classNames.isEmpty();
        CsvTable.TargetKind kind = classification ? CsvTable.TargetKind.CLASSES : CsvTable.TargetKind.NUMBERS;
        if (categories == null) {
            categories = categories(directory, CsvTable.featureNames(file, targetColumn, DELIMITER));
        }
        // missing values were kept or refused by the import; what is in the files is what the host chose
        CsvTable table = CsvTable.read(file, targetColumn, kind, DELIMITER, true, categories);
        float[] targets = new float[classification ? 0 : table.rows()];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = (float) table.target()[i];
        }
        checkFloats(file, table, targets, targetColumn);
        if (classification) {
            int[] labels = renumber(file, targetColumn, table.classes(), table.classNames(), classNames);
            return new ClassificationData(table.features(), labels, table.columns(), classNames.size());
        }
        return new RegressionData(table.features(), targets, table.columns(), 1);
    }

    /** The reader checks that values are finite doubles; training needs finite floats (within ±3.4e38). */
    private static void checkFloats(Path file, CsvTable table, float[] targets, String targetColumn) throws InvalidDataException {
        List<String> problems = new ArrayList<>();
        int total = 0;
        int[] lines = null;
        int width = table.columns();
        for (int row = 0; row < table.rows(); row++) {
            for (int column = 0; column <= width; column++) {
                boolean target = column == width;
                if (target ? row < targets.length && !Float.isFinite(targets[row]) : Float.isInfinite(table.features()[row * width + column])) {
                    total++;
                    if (problems.size() < InvalidDataException.MAX_LISTED) {
                        lines = lines == null ? recordLines(file) : lines;
                        problems.add((row < lines.length ? "line " + lines[row] : "row " + (row + 1)) + ", column '"
                                + (target ? targetColumn : table.featureNames().get(column)) + "': "
                                + (target ? table.target()[row] : "the value") + " is too large for single precision (beyond ±3.4e38); rescale it");
                    }
                }
            }
        }
        if (total > 0) {
            throw new InvalidDataException(file.getFileName().toString(), problems, total);
        }
    }

    private static TrainingData text(Path file, String textColumn, String labelColumn, List<String> classNames, int buckets)
            throws InvalidDataException {
        TextTable table = TextTable.read(file, textColumn, labelColumn, DELIMITER);
        int[] labels = renumber(file, labelColumn, table.labels(), table.classNames(), classNames);
        BagOfWords words = new BagOfWords(buckets);
        return new ClassificationData(words.vectorise(table.texts()), labels, words.buckets(), classNames.size());
    }

    private static TrainingData images(Path imagesFile, Path labelsFile, List<String> classNames, int[] imageShape) throws InvalidDataException {
        LabelledImages images = LabelledImages.readIdx(imagesFile, labelsFile);
        if (imageShape != null && (imageShape.length != 2 || imageShape[0] != images.rows() || imageShape[1] != images.columns())) {
            throw new InvalidDataException(imagesFile.getFileName() + ": the images are " + images.rows() + " × " + images.columns()
                    + " pixels but the dataset's are " + (imageShape.length == 2 ? imageShape[0] + " × " + imageShape[1] : "unknown")
                    + "; the files do not belong to this dataset: import it again");
        }
        int[] labels = new int[images.count()];
        List<String> problems = new ArrayList<>();
        int unknown = 0;
        IdxArray raw = null;
        for (int i = 0; i < labels.length; i++) {
            // an IDX label is a number; the dataset names its classes by their numbers ("0", "1", …)
            labels[i] = classNames.indexOf(Integer.toString(images.labels()[i]));
            if (labels[i] < 0) {
                unknown++;
                if (problems.size() < InvalidDataException.MAX_LISTED) {
                    raw = raw == null ? IdxReader.read(labelsFile, labelsFile.getFileName().toString()) : raw;
                    long offset = 4L + 4L * raw.dimensions().length + (long) i * IdxArray.width(raw.type());
                    problems.add("label " + i + " (byte offset " + offset + "): " + images.labels()[i] + " is not one of the dataset's classes "
                            + listed(classNames));
                }
            }
        }
        if (unknown > 0) {
            throw new InvalidDataException(labelsFile.getFileName().toString(), problems, unknown);
        }
        return new ClassificationData(images.pixels(), labels, images.pixelsPerImage(), classNames.size());
    }

    /**
     * The dataset's index of each row's class, from the index the reader gave it among {@code fileClasses}; every row
     * whose class the dataset lacks is reported with its line.
     */
    private static int[] renumber(Path file, String column, int[] fileLabels, List<String> fileClasses, List<String> classNames)
            throws InvalidDataException {
        int[] toDataset = new int[fileClasses.size()];
        boolean anyUnknown = false;
        for (int c = 0; c < toDataset.length; c++) {
            toDataset[c] = classNames.indexOf(fileClasses.get(c));
            anyUnknown |= toDataset[c] < 0;
        }
        if (anyUnknown) {
            int[] lines = recordLines(file);
            List<String> problems = new ArrayList<>();
            int total = 0;
            for (int row = 0; row < fileLabels.length; row++) {
                if (toDataset[fileLabels[row]] < 0) {
                    total++;
                    if (problems.size() < InvalidDataException.MAX_LISTED) {
                        String line = row < lines.length ? "line " + lines[row] : "row " + (row + 1);
                        problems.add(line + ", column '" + column + "': '" + fileClasses.get(fileLabels[row])
                                + "' is not one of the dataset's classes " + listed(classNames));
                    }
                }
            }
            throw new InvalidDataException(file.getFileName().toString(), problems, total);
        }
        int[] labels = new int[fileLabels.length];
        for (int row = 0; row < labels.length; row++) {
            labels[row] = toDataset[fileLabels[row]];
        }
        return labels;
    }

    private static String listed(List<String> classNames) {
        return classNames.size() <= LISTED_CLASSES ? classNames.toString()
                : classNames.subList(0, LISTED_CLASSES).toString().replace("]", ", … (" + classNames.size() + " in all)]");
    }

    /**
     * The line on which each data record of a CSV file starts, records as the readers count them: the header and blank
     * lines do not count, and a quoted field may span lines. Only for messages: the readers have already checked the file.
     */
    static int[] recordLines(Path file) throws InvalidDataException {
        List<Integer> starts = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, UTF_8)) {
            int line = 0;
            boolean header = true;
            String text;
            while ((text = in.readLine()) != null) {
                line++;
                int start = line;
                boolean quoted = false;
                boolean fieldBlank = true;
                int delimiters = 0;
                int i = 0;
                while (true) {
                    if (i == text.length()) {
                        if (!quoted) {
                            break;
                        }
                        text = in.readLine();
                        if (text == null) {
                            break;
                        }
                        line++;
                        i = 0;
                        continue;
                    }
                    char c = text.charAt(i);
                    if (quoted) {
                        if (c != '"') {
                            fieldBlank &= Character.isWhitespace(c);
                        } else if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                            fieldBlank = false;
                            i++;
                        } else {
                            quoted = false;
                        }
                    } else if (c == '"' && fieldBlank) {
                        quoted = true;
                    } else if (c == DELIMITER) {
                        delimiters++;
                        fieldBlank = true;
                    } else {
                        fieldBlank &= Character.isWhitespace(c);
                    }
                    i++;
                }
                boolean blank = delimiters == 0 && fieldBlank;
                if (header) {
                    header = false;
                } else if (!blank) {
                    starts.add(start);
                }
            }
        } catch (IOException e) {
            throw new InvalidDataException(file.getFileName() + ": cannot be read: " + e.getMessage(), e);
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }
}
