package org.mlarena.numerics.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table of numeric features and one target column, read from CSV (RFC 4180: a header line, fields
 * separated by a delimiter, quotes around fields that contain it, {@code ""} for a quote).
 *
 * <p>The whole file is validated before anything is returned: every non-number, infinity, every line with the wrong
 * number of fields and (unless the table keeps them) every missing feature value is reported with its line and column
 * name; a column that holds text or nothing in every row is reported once, as a column. Kept missing values
 * (an empty field, or one of {@link #MISSING}) read as NaN; a target is never missing.
 *
 * @param source       where the table came from, for messages
 * @param featureNames the feature columns, in file order
 * @param features     rows &times; features values, row-major
 * @param target       the target column: numbers for regression, class indices for classification
 * @param classNames   for classification, the class of each index (sorted); empty for regression
 */
public record CsvTable(String source, List<String> featureNames, float[] features, double[] target, List<String> classNames) {

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
        return TextFiles.read(file, (in, source) -> read(in, source, targetColumn, kind, delimiter, keepMissing));
    }

    public static CsvTable read(Reader reader, String source, String targetColumn, TargetKind kind, char delimiter)
            throws InvalidDataException, IOException {
        return read(reader, source, targetColumn, kind, delimiter, false);
    }

    public static CsvTable read(Reader reader, String source, String targetColumn, TargetKind kind, char delimiter, boolean keepMissing)
            throws InvalidDataException, IOException {
        CsvRecords records = new CsvRecords(new BufferedReader(reader), delimiter, source);
        List<String> header = records.header();
        int targetIndex = header.indexOf(targetColumn);
        if (targetIndex < 0) {
            throw new InvalidDataException(source + ": has no column '" + targetColumn + "' to predict; its columns are " + header);
        }
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove(targetIndex);
        int width = featureNames.size();
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
        // per feature column: the rows that hold text, the rows that miss a value, and a few of its texts
        int[] texts = new int[width];
        int[] missing = new int[width];
        List<List<String>> examples = new ArrayList<>();
        for (int i = 0; i < width; i++) {
            examples.add(new ArrayList<>());
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
                        problems.cell(f, "line " + line + ", column '" + header.get(c) + "': the value is missing; fill it in, remove the row,"
                                + " or import the table keeping missing values (they are then imputed)");
                    }
                } else if (!isFiniteNumber(value)) {
                    texts[f]++;
                    if (examples.get(f).size() < 3 && !examples.get(f).contains(abbreviate(value))) {
                        examples.get(f).add(abbreviate(value));
                    }
                    problems.cell(f, "line " + line + ", column '" + header.get(c) + "': '" + abbreviate(value)
                            + "' is not a finite number (features must be numeric; encode categories as numbers)");
                } else {
                    row[f] = Float.parseFloat(value);
                }
                f++;
            }
            rows.add(row);
        }
        // a column that is text or empty in every row is one problem, said once; the others are said per line
        List<String> wholeColumns = new ArrayList<>();
        boolean[] whole = new boolean[width];
        for (int i = 0; i < width && !rows.isEmpty(); i++) {
            String name = featureNames.get(i);
            if (missing[i] == rows.size()) {
                whole[i] = true;
                wholeColumns.add("column '" + name + "': empty in all " + rows.size() + " rows; remove the column");
            } else if (texts[i] + missing[i] == rows.size()) {
                whole[i] = true;
                wholeColumns.add("column '" + name + "': holds text in " + (texts[i] == rows.size() ? "all " : "")
                        + texts[i] + " rows (e.g. '" + String.join("', '", examples.get(i)) + "'); features must be numbers:"
                        + " encode it as numbers (one 0/1 column per category) or remove the column");
            }
        }
        if (rows.isEmpty() && problems.isEmpty()) {
            problems.add("has a header but no data rows");
        }
        problems.throwIfAny(source, wholeColumns, whole);
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
        return new CsvTable(source, List.copyOf(featureNames), features, target, classNames);
    }

    /**
     * The problems of a file in line order, each tagged with its feature column (-1: not a cell's), until the end
     * decides which columns are wrong as a whole: their cells' problems then give way to one message per column.
     */
    private static final class Problems {

        /** Problems kept for listing; beyond them only the counts grow. */
        private static final int KEPT = 10_000;
        private final List<String> messages = new ArrayList<>();
        private final List<Integer> columns = new ArrayList<>();
        private final int[] perColumn;
        private int others;

        Problems(int width) {
            perColumn = new int[width];
        }

        void add(String problem) {
            others++;
            keep(-1, problem);
        }

        void cell(int column, String problem) {
            perColumn[column]++;
            keep(column, problem);
        }

        private void keep(int column, String problem) {
            if (messages.size() < KEPT) {
                messages.add(problem);
                columns.add(column);
            }
        }

        boolean isEmpty() {
            return messages.isEmpty();
        }

        void throwIfAny(String source, List<String> wholeColumns, boolean[] whole) throws InvalidDataException {
            List<String> listed = new ArrayList<>(wholeColumns.subList(0, Math.min(wholeColumns.size(), InvalidDataException.MAX_LISTED)));
            int total = wholeColumns.size() + others;
            for (int c = 0; c < perColumn.length; c++) {
                total += whole[c] ? 0 : perColumn[c];
            }
            for (int i = 0; i < messages.size() && listed.size() < InvalidDataException.MAX_LISTED; i++) {
                if (columns.get(i) < 0 || !whole[columns.get(i)]) {
                    listed.add(messages.get(i));
                }
            }
            if (total > 0) {
                throw new InvalidDataException(source, listed, total);
            }
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
                && Arrays.equals(features, t.features) && Arrays.equals(target, t.target) && classNames.equals(t.classNames);
    }

    @Override
    public int hashCode() {
        return source.hashCode() * 31 + Arrays.hashCode(target);
    }
}
