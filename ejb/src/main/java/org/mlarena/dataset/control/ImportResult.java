package org.mlarena.dataset.control;

import org.mlarena.dataset.entity.DatasetFormat;
import java.util.Arrays;
import java.util.List;

/**
 * What an import found in the uploaded files and wrote.
 *
 * @param featureNames CSV: the feature columns in file order; TEXT: the text column; IDX: none
 * @param imageShape   IDX: {rows, columns} of every image; otherwise empty
 * @param classNames   classification: the classes, sorted (IDX: "0" … "k-1"); regression: empty
 * @param files        the files written, in the order train, validation, test
 * @param categoricalColumns CSV: the feature columns that hold categories
 * @param inputWidth   CSV: the inputs a model gets from a row once the training split's preprocessing encoded it
 *                     (categories one-hot, missing values flagged); otherwise 0
 */
public record ImportResult(DatasetFormat format, int trainRows, int validationRows, int testRows, List<String> featureNames,
        int[] imageShape, List<String> classNames, List<StoredFile> files, List<String> categoricalColumns, int inputWidth) {

    public ImportResult {
        categoricalColumns = List.copyOf(categoricalColumns);
        featureNames = List.copyOf(featureNames);
        imageShape = imageShape.clone();
        classNames = List.copyOf(classNames);
        files = List.copyOf(files);
    }

    /** Rows in all three splits. */
    public int totalRows() {
        return trainRows + validationRows + testRows;
    }

    @Override
    public int[] imageShape() {
        return imageShape.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImportResult r && format == r.format && trainRows == r.trainRows && validationRows == r.validationRows
                && testRows == r.testRows && featureNames.equals(r.featureNames) && Arrays.equals(imageShape, r.imageShape)
                && classNames.equals(r.classNames) && files.equals(r.files) && categoricalColumns.equals(r.categoricalColumns)
                && inputWidth == r.inputWidth;
    }

    @Override
    public int hashCode() {
        return ((format.hashCode() * 31 + trainRows) * 31 + Arrays.hashCode(imageShape)) * 31 + files.hashCode();
    }

    @Override
    public String toString() {
        return "ImportResult[" + format + ", rows " + trainRows + "/" + validationRows + "/" + testRows + ", features " + featureNames
                + ", categorical " + categoricalColumns + ", input width " + inputWidth + ", image " + Arrays.toString(imageShape) + ", classes "
                + classNames + ", files " + files + "]";
    }
}
