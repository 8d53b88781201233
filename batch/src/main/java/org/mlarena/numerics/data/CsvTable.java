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
 * <p>The whole file is validated before anything is returned: every missing value, non-number, NaN or
 * infinity and every line with the wrong number of fields is reported with its line and column name.
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
        return TextFiles.read(file, (in, source) -> read(in, source, targetColumn, kind, delimiter));
    }

    public static CsvTable read(Reader reader, String source, String targetColumn, TargetKind kind, char delimiter)
            throws InvalidDataException, IOException {
        CsvRecords records = new CsvRecords(new BufferedReader(reader), delimiter, source);
        List<String> header = records.header();
        int targetIndex = header.indexOf(targetColumn);
        if (targetIndex < 0) {
            throw new InvalidDataException(source + ": has no column '" + targetColumn + "' to predict; its columns are " + header);
        }
        List<String> problems = new ArrayList<>();
        int[] total = {0};
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).isEmpty()) {
                note(problems, total, "line 1, column " + (i + 1) + ": the column has no name");
            } else if (header.indexOf(header.get(i)) != i) {
                note(problems, total, "line 1, column " + (i + 1) + ": the name '" + header.get(i) + "' is used twice");
            }
        }
        List<String> featureNames = new ArrayList<>(header);
        featureNames.remove(targetIndex);
        int width = featureNames.size();
        List<float[]> rows = new ArrayList<>();
        List<String> targets = new ArrayList<>();
        ClassIndex classIndex = new ClassIndex(source, "column '" + targetColumn + "'");
        List<String> fields;
        while ((fields = records.next()) != null) {
            int line = records.startLine();
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue; // blank line
            }
            if (fields.size() != header.size()) {
                note(problems, total, "line " + line + ": has " + fields.size() + " fields but the header has " + header.size()
                        + (fields.size() > header.size() ? " (a delimiter inside an unquoted value?)" : ""));
                continue;
            }
            float[] row = new float[width];
            int f = 0;
            for (int c = 0; c < fields.size(); c++) {
                String value = fields.get(c).trim();
                if (c == targetIndex) {
                    if (value.isEmpty()) {
                        note(problems, total, "line " + line + ", column '" + header.get(c) + "': the target is missing; every row needs one");
                    } else if (kind == TargetKind.NUMBERS && !isFiniteNumber(value)) {
                        note(problems, total, "line " + line + ", column '" + header.get(c) + "': '" + abbreviate(value)
                                + "' is not a finite number, and this target must be one");
                    }
                    if (kind == TargetKind.CLASSES) {
                        classIndex.add(value, line);
                    } else {
                        targets.add(value);
                    }
                    continue;
                }
                if (value.isEmpty()) {
                    note(problems, total, "line " + line + ", column '" + header.get(c) + "': the value is missing; fill it in or remove the row");
                } else if (!isFiniteNumber(value)) {
                    note(problems, total, "line " + line + ", column '" + header.get(c) + "': '" + abbreviate(value)
                            + "' is not a finite number (features must be numeric; encode categories as numbers)");
                } else {
                    row[f] = Float.parseFloat(value);
                }
                f++;
            }
            rows.add(row);
        }
        if (rows.isEmpty() && total[0] == 0) {
            note(problems, total, "has a header but no data rows");
        }
        if (total[0] > 0) {
            throw new InvalidDataException(source, problems, total[0]);
        }
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

    private static void note(List<String> problems, int[] total, String problem) {
        total[0]++;
        if (problems.size() < InvalidDataException.MAX_LISTED) {
            problems.add(problem);
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
