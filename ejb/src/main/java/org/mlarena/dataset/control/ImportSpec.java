package org.mlarena.dataset.control;

import org.mlarena.dataset.entity.DatasetFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * How to read and split an import. Checked when made: an unusable spec throws {@link IllegalArgumentException}
 * whose message lists everything that is wrong with it.
 *
 * @param format             what kind of files are imported
 * @param targetColumn       CSV: the column to predict; TEXT: the label column; IDX: unused. Surrounding spaces are
 *                           dropped, as the readers drop them from the header; blank becomes null
 * @param textColumn         TEXT: the column with the texts; otherwise unused
 * @param delimiter          CSV and TEXT: the field delimiter of the uploaded table, {@code ','}, {@code ';'} or tab
 * @param validationFraction share of the rows for the validation split, from 0.05 to 0.5
 * @param testFraction       share of the rows for the test split, from 0.05 to 0.5; with the validation share below 0.9
 * @param seed               seeds the shuffle: the same files, spec and seed always give the same splits
 * @param keepMissing        CSV: whether missing feature values are kept (read as missing, imputed by each model) or refused
 */
public record ImportSpec(DatasetFormat format, String targetColumn, String textColumn, char delimiter,
        double validationFraction, double testFraction, long seed, boolean keepMissing) {

    /** Missing values kept. */
    public ImportSpec(DatasetFormat format, String targetColumn, String textColumn, char delimiter, double validationFraction,
                      double testFraction, long seed) {
        this(format, targetColumn, textColumn, delimiter, validationFraction, testFraction, seed, true);
    }

    public static final double MIN_FRACTION = 0.05;
    public static final double MAX_FRACTION = 0.5;
    /** The validation and test fractions together stay below this, so that training keeps more than a tenth. */
    public static final double MAX_HELD_OUT = 0.9;

    public ImportSpec {
        targetColumn = blankToNull(targetColumn);
        textColumn = blankToNull(textColumn);
        List<String> problems = new ArrayList<>();
        if (format == null) {
            problems.add("Say the format: CSV (a table with a target column), IDX (images and labels) or TEXT (a text and a label column).");
        }
        if (delimiter != ',' && delimiter != ';' && delimiter != '\t') {
            problems.add("The delimiter must be ',', ';' or a tab, got '" + delimiter + "'.");
        }
        checkFraction(problems, "validation", validationFraction);
        checkFraction(problems, "test", testFraction);
        if (validationFraction + testFraction >= MAX_HELD_OUT) {
            problems.add("The validation and test fractions together must be below " + MAX_HELD_OUT + " so that training keeps more than a tenth"
                    + " of the rows; got " + validationFraction + " + " + testFraction + ". Lower one of them.");
        }
        if (format == DatasetFormat.CSV && targetColumn == null) {
            problems.add("A CSV import needs the name of the target column, the one to predict.");
        }
        if (format == DatasetFormat.TEXT) {
            if (targetColumn == null) {
                problems.add("A TEXT import needs the name of the label column as the target column.");
            }
            if (textColumn == null) {
                problems.add("A TEXT import needs the name of the column that holds the texts.");
            }
            if (targetColumn != null && targetColumn.equals(textColumn)) {
                problems.add("The text column and the label column are both '" + targetColumn + "'; name two different columns.");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join(" ", problems));
        }
    }

    private static void checkFraction(List<String> problems, String split, double fraction) {
        if (!(fraction >= MIN_FRACTION && fraction <= MAX_FRACTION)) {
            problems.add("The " + split + " fraction must be from " + MIN_FRACTION + " to " + MAX_FRACTION + ", got " + fraction + ".");
        }
    }

    private static String blankToNull(String name) {
        return name == null || name.isBlank() ? null : name.strip();
    }
}
