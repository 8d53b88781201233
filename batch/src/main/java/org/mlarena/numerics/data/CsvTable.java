package org.mlarena.numerics.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of features and one target column, read from CSV (RFC 4180: a header line, fields separated by a delimiter,
 * quotes around fields that contain it, {@code ""} for a quote).
 *
 * <p>A feature column is numeric, or categorical when at least half of its values are text (a colour, a city, a size):
 * a categorical value reads as the index of its text in the column's sorted category list ({@link #categories()}),
 * numbers in such a column as categories written as plain decimals ("10", "2.5"). Read with a given category list
 * (the one a dataset or a model was made with), a text outside it reads as {@link #UNKNOWN_CATEGORY}. A column of
 * more than {@value #MAX_CATEGORIES} categories is refused as soon as it has one too many (an identifier or free text).
 *
 * <p>The whole file is validated before anything is returned: every text in a numeric column, infinity, every line with
 * the wrong number of fields and (unless the table keeps them) every missing feature value is reported with its line and
 * column name; a column that is empty in every row is reported once, as a column. Kept missing values (an empty field,
 * or one of {@link #MISSING}) read as NaN; a target is never missing.
 *
 * @param source       where the table came from, for messages
 * @param featureNames the feature columns, in file order
 * @param features     rows &times; features values, row-major: numbers, category indices, NaN where missing
 * @param target       the target column: numbers for regression, class indices for classification
 * @param classNames   for classification, the class of each index (sorted); empty for regression
 * @param categories   per feature column its categories, in the order that numbers them; empty for a numeric column
 */
public record CsvTable(String source, List<String> featureNames, float[] features, double[] target, List<String> classNames,
                       List<List<String>> categories) {

    /** The most categories a categorical column may have; one-hot encoding makes an input of each. */
    public static final int MAX_CATEGORIES = 1000;
    /** What a category outside the given category list reads as. */
    public static final float UNKNOWN_CATEGORY = -1f;

    public CsvTable {
        featureNames = List.copyOf(featureNames);
        categories = categories.stream().map(List::copyOf).toList();
        if (categories.size() != featureNames.size()) {
            throw new IllegalArgumentException(categories.size() + " category lists for " + featureNames.size() + " feature columns");
        }
    }

    /** A table of numeric features. */
    public CsvTable(String source, List<String> featureNames, float[] features, double[] target, List<String> classNames) {
        this(source, featureNames, features, target, classNames, numeric(featureNames.size()));
    }

    /** Category lists that make every one of {@code columns} numeric. */
    public static List<List<String>> numeric(int columns) {
        return java.util.Collections.nCopies(columns, List.of());
    }

    public boolean isCategorical(int column) {
        return !categories.get(column).isEmpty();
    }

    /** What the target column holds. */
    public enum TargetKind {
        /** Class labels (any text); mapped to indices 0 … k-1 in sorted order. */
        CLASSES,
        /** Numbers. */
        NUMBERS
    }

    /** What reads as a missing value: an empty field and pandas' usual markers. */
    public static final java.util.Set<String> MISSING = java.util.Set.of("NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "NULL", "null",
            "None", "<NA>", "#N/A");

    public int rows() {
        return target.length;
    }

    public int columns() {
        return featureNames.size();
    }

    /** The target as class indices (classification tables only). */
    public int[] classes() {
        int[] classes = new int[target.length];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (int) target[i];
        }
        return classes;
    }

    public static CsvTable read(Path file, String targetColumn, TargetKind kind, char delimiter) throws InvalidDataException {
        return read(file, targetColumn, kind, delimiter, false);
    }

    /** @param keepMissing whether missing feature values read as NaN (else each is reported) */
    public static CsvTable read(Path file, String targetColumn, TargetKind kind, char delimiter, boolean keepMissing) throws InvalidDataException {
        return read(file, targetColumn, kind, delimiter, keepMissing, null);
    }

    /**
     * @param categories per feature column the categories to number its values by (empty: a numeric column), or null to
     *                   tell categorical columns by their values and list their categories from this file
     */
    public static CsvTable read(Path file, String targetColumn, TargetKind kind, char delimiter, boolean keepMissing,
                                List<List<String>> categories) throws InvalidDataException {
        return TextFiles.read(file, (in, source) -> read(in, source, targetColumn, kind, delimiter, keepMissing, categories));
    }

    /** The feature columns of a file (its header without the target), reading no further. */
    public static List<String> featureNames(Path file, String targetColumn, char delimiter) throws InvalidDataException {
        return TextFiles.read(file, (in, source) -> {
            List<String> names = new ArrayList<>(new CsvRecords(new BufferedReader(in), delimiter, source).header());
            names.remove(targetColumn);
            return names;
        });
    }

    public static CsvTable read(Reader reader, String source, String targetColumn, TargetKind kind, char delimiter)
            throws InvalidDataException, IOException {
        return read(reader, source, targetColumn, kind, delimiter, false);
    }

    public static CsvTable read(Reader reader, String source, String targetColumn, TargetKind kind, char delimiter, boolean keepMissing)
            throws InvalidDataException, IOException {
        return read(reader, source, targetColumn, kind, delimiter, keepMissing, null);
    }

    /** @param given per feature column its categories (empty: numeric), or null to tell them from the file */
    public static CsvTable read(Reader reader, String source, String targetColumn, TargetKind kind, char delimiter, boolean keepMissing,
                                List<List<String>> given) throws InvalidDataException, IOException {
        CsvRecords records = new CsvRecords(new BufferedReader(reader), delimiter, source);
        List<String> header = records.header();
        int targetIndex = header.indexOf(targetColumn);
        if (targetIndex < 0) {
            throw new InvalidDataException(source + ": has no column '" + targetColumn + "' to predict; its columns are " + header);
        }
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove(targetIndex);
        int width = featureNames.size();
        if (given != null && given.size() != width) {
            throw new InvalidDataException(source + ": has " + width + " feature columns but the dataset has " + given.size()
                    + "; the file does not belong to this dataset");
        }
        Problems problems = new Problems(width);
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                problems.add("line 1, column " + (i + 1) + ": the column has no name");
            } else if (header.indexOf(header.get(i)) != i) {
                problems.add("line 1, column " + (i + 1) + ": the name '" + header.get(i) + "' is used twice");
            }
        }
        List<float[]> rows = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        // per feature column: the rows that miss a value, and its texts (read as categories, or wrong in a numeric column)
        int[] missing = new int[width];
        Texts[] texts = new Texts[width];
        for (int f = 0; f < width; f++) {
            texts[f] = new Texts(featureNames.get(f), given == null ? null : given.get(f));
        }
        ClassIndex classIndex = new ClassIndex(source, "column '" + targetColumn + "'");
        List<String> fields;
        while ((fields = records.next()) != null) {
            int line = records.startLine();
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue; // blank line
            }
            if (fields.size() != header.size()) {
                problems.add("line " + line + ": has " + fields.size() + " fields but the header has " + header.size()
                        + (fields.size() > header.size() ? " (a delimiter inside an unquoted value?)" : ""));
                continue;
            }
            float[] row = new float[width];
            int f = 0;
            for (int c = 0; c < fields.size(); c++) {
                String value = fields.get(c).trim();
                if (c == targetIndex) {
                    if (value.isEmpty()) {
                        problems.add("line " + line + ", column '" + header.get(c) + "': the target is missing; every row needs one");
                    } else if (kind == TargetKind.NUMBERS && !isFiniteNumber(value)) {
                        problems.add("line " + line + ", column '" + header.get(c) + "': '" + abbreviate(value)
                                + "' is not a finite number, and this target must be one");
                    }
                    if (kind == TargetKind.CLASSES) {
                        classIndex.add(value, line);
                    } else {
                        targets.add(value);
                    }
                    continue;
                }
                if (value.isEmpty() || MISSING.contains(value)) {
                    missing[f]++;
                    row[f] = Float.NaN;
                    if (!keepMissing) {
                        problems.missing(f, "line " + line + ", column '" + header.get(c) + "': the value is missing; fill it in, remove the row,"
                                + " or import the table keeping missing values (they are then imputed)");
                    }
                } else if (texts[f].isGiven()) {
                    row[f] = texts[f].code(value);
                } else if (!isFiniteNumber(value)) {
                    row[f] = texts[f].add(value, rows.size(), line, source);
                    problems.text(f, "line " + line + ", column '" + header.get(c) + "': '" + abbreviate(value)
                            + "' is not a number, and this column holds numbers; correct it, or leave it empty to have it imputed");
                } else {
                    row[f] = Float.parseFloat(value);
                }
                f++;
            }
            rows.add(row);
        }
        // a column that is empty in every row is one problem, said once; so is one with too many categories. A column of
        // texts is categorical; the texts in a column of numbers are said per line
        List<String> wholeColumns = new ArrayList<>();
        boolean[] empty = new boolean[width];
        boolean[] textual = new boolean[width];
        List<List<String>> categories = new ArrayList<>(width);
        for (int i = 0; i < width; i++) {
            String name = featureNames.get(i);
            int present = rows.size() - missing[i];
            List<String> columnCategories = List.of();
            if (!rows.isEmpty() && present == 0) {
                empty[i] = true;
                wholeColumns.add("column '" + name + "': empty in all " + rows.size() + " rows; remove the column");
            } else if (texts[i].isGiven()) {
                columnCategories = texts[i].given();
            } else if (given == null && texts[i].count() > 0 && 2L * texts[i].count() >= present) {
                textual[i] = true;
                columnCategories = texts[i].categories(rows, i);
                if (columnCategories.size() > MAX_CATEGORIES) {
                    wholeColumns.add(tooManyCategories(name, columnCategories.size() + " of them"));
                    columnCategories = List.of();
                }
            }
            categories.add(columnCategories);
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("has a header but no data rows");
        }
        problems.throwIfAny(source, wholeColumns, empty, textual);
        float[] features = new float[rows.size() * width];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, features, r * width, width);
        }
        double[] target = new double[rows.size()];
        List<String> classNames = List.of();
        if (kind == TargetKind.CLASSES) {
            classNames = classIndex.names();
            int[] indices = classIndex.indices();
            for (int i = 0; i < target.length; i++) {
                target[i] = indices[i];
            }
        } else {
            for (int i = 0; i < target.length; i++) {
                target[i] = Double.parseDouble(targets.get(i));
            }
        }
        return new CsvTable(source, featureNames, features, target, classNames, categories);
    }

    private static String tooManyCategories(String column, String count) {
        return "column '" + column + "': more than " + MAX_CATEGORIES + " distinct texts (" + count + "), and a category column takes at most "
                + MAX_CATEGORIES + ". Is it an identifier or free text? Remove the column (free text belongs in a TEXT use case)";
    }

    /** A category as the table lists it: its text, or a number as a plain decimal ("10", "2.5", never "1e1" or "10.0"). */
    static String categoryOf(String value) {
        if (!isFiniteNumber(value)) {
            return value;
        }
        return new java.math.BigDecimal(Float.toString(Float.parseFloat(value))).stripTrailingZeros().toPlainString();
    }

    /**
     * The texts of one feature column. Told from the file, each distinct text gets a code as it first appears (capped:
     * the table is refused at the {@value #MAX_CATEGORIES}+1st); given, a value reads as its index in the given list.
     */
    private static final class Texts {

        private final String column;
        private final List<String> given;
        private final java.util.Map<String, Integer> index = new java.util.HashMap<>();
        private final List<String> seen = new ArrayList<>();
        private java.util.BitSet rows;
        private int count;

        Texts(String column, List<String> given) {
            this.column = column;
            this.given = given == null || given.isEmpty() ? null : given;
            if (this.given != null) {
                for (int i = 0; i < this.given.size(); i++) {
                    index.put(this.given.get(i), i);
                }
            }
        }

        boolean isGiven() {
            return given != null;
        }

        List<String> given() {
            return given;
        }

        int count() {
            return count;
        }

        float code(String value) {
            Integer code = index.get(value);
            if (code == null && isFiniteNumber(value)) {
                code = index.get(categoryOf(value));
            }
            return code == null ? UNKNOWN_CATEGORY : code;
        }

        /** Records the text of {@code row}; its code among the texts seen so far. */
        float add(String value, int row, int line, String source) throws InvalidDataException {
            count++;
            if (rows == null) {
                rows = new java.util.BitSet();
            }
            rows.set(row);
            Integer code = index.get(value);
            if (code == null) {
                code = seen.size();
                index.put(value, code);
                seen.add(value);
                if (seen.size() > MAX_CATEGORIES) {
                    throw new InvalidDataException(source + ": " + tooManyCategories(column, "by line " + line));
                }
            }
            return code;
        }

        /** The column's categories, sorted, with every row's value recoded to its index among them (numbers included). */
        List<String> categories(List<float[]> table, int column) {
            java.util.TreeSet<String> all = new java.util.TreeSet<>(seen);
            for (int r = 0; r < table.size(); r++) {
                float v = table.get(r)[column];
                if (!rows.get(r) && !Float.isNaN(v)) {
                    all.add(categoryOf(Float.toString(v)));
                }
            }
            List<String> sorted = List.copyOf(all);
            java.util.Map<String, Integer> position = new java.util.HashMap<>();
            for (int i = 0; i < sorted.size(); i++) {
                position.put(sorted.get(i), i);
            }
            for (int r = 0; r < table.size(); r++) {
                float[] row = table.get(r);
                if (rows.get(r)) {
                    row[column] = position.get(seen.get((int) row[column]));
                } else if (!Float.isNaN(row[column])) {
                    row[column] = position.get(categoryOf(Float.toString(row[column])));
                }
            }
            return sorted;
        }
    }

    /**
     * The problems of a file in line order, each tagged with its feature column and kind (a missing value, or a text)
     * or as not a cell's, until the end decides which columns are said as a whole: an empty column's missing values and
     * a categorical column's texts then give way to one message per column, or to none.
     */
    private static final class Problems {

        /** Problems kept for listing; beyond them only the counts grow. */
        private static final int KEPT = 10_000;
        private final List<String> messages = new ArrayList<>();
        private final List<Integer> tags = new ArrayList<>();
        private final int[] perTag;
        private int others;

        Problems(int width) {
            perTag = new int[2 * width];
        }

        void add(String problem) {
            others++;
            keep(-1, problem);
        }

        void missing(int column, String problem) {
            perTag[2 * column]++;
            keep(2 * column, problem);
        }

        void text(int column, String problem) {
            perTag[2 * column + 1]++;
            keep(2 * column + 1, problem);
        }

        private void keep(int tag, String problem) {
            if (messages.size() < KEPT) {
                messages.add(problem);
                tags.add(tag);
            }
        }

        boolean isEmpty() {
            return messages.isEmpty();
        }

        /**
         * @param empty   columns whose missing values are said as a whole
         * @param textual columns whose texts are not problems (categories) or are said as a whole
         */
        void throwIfAny(String source, List<String> wholeColumns, boolean[] empty, boolean[] textual) throws InvalidDataException {
            List<String> listed = new ArrayList<>(wholeColumns.subList(0, Math.min(wholeColumns.size(), InvalidDataException.MAX_LISTED)));
            int total = wholeColumns.size() + others;
            for (int tag = 0; tag < perTag.length; tag++) {
                total += silenced(tag, empty, textual) ? 0 : perTag[tag];
            }
            for (int i = 0; i < messages.size() && listed.size() < InvalidDataException.MAX_LISTED; i++) {
                if (tags.get(i) < 0 || !silenced(tags.get(i), empty, textual)) {
                    listed.add(messages.get(i));
                }
            }
            if (total > 0) {
                throw new InvalidDataException(source, listed, total);
            }
        }

        private static boolean silenced(int tag, boolean[] empty, boolean[] textual) {
            return tag % 2 == 0 ? empty[tag / 2] : textual[tag / 2];
        }
    }

    static boolean isFiniteNumber(String value) {
        try {
            return Double.isFinite(Double.parseDouble(value)) && !value.endsWith("d") && !value.endsWith("f")
                    && !value.endsWith("D") && !value.endsWith("F");
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    @Override
    public String toString() {
        return "CsvTable[" + source + ", " + rows() + " rows, features " + featureNames + ", classes " + classNames + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CsvTable t && source.equals(t.source) && featureNames.equals(t.featureNames)
                && Arrays.equals(features, t.features) && Arrays.equals(target, t.target) && classNames.equals(t.classNames)
                && categories.equals(t.categories);
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + Arrays.hashCode(target);
    }
}
