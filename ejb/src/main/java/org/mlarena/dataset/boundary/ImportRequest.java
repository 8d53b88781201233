package org.mlarena.dataset.boundary;

import java.util.Map;

/**
 * A host's request to import a use case's dataset from earlier uploads.
 *
 * @param format             CSV (tabular, with a target column), IDX (images and labels) or TEXT (a text and a label column)
 * @param files              upload ids by role: CSV and TEXT {@code table}; IDX {@code images} and {@code labels}
 * @param targetColumn       CSV: the column to predict; TEXT: the label column
 * @param textColumn         TEXT: the column with the text
 * @param delimiter          {@code ,} (default), {@code ;} or {@code \t} (also written {@code tab})
 * @param validationFraction part of the rows for validation (default 0.15)
 * @param testFraction       part of the rows for the hidden test set (default 0.2)
 * @param seed               seed of the split (default 1)
 * @param missingValues      CSV: "keep" (default: empty, NA, NaN, null... read as missing, imputed by each model) or
 *                           "refuse" (every missing feature value is an error)
 * @param labelNames         optional: by class label as in the data, its name for people (e.g. {"0": "T-shirt/top"}); the
 *                           EDA shows it
 * @param columnDescriptions optional, CSV: by feature column, what it means (unit, how measured); the EDA shows it
 */
public record ImportRequest(String format, Map<String, Long> files, String targetColumn, String textColumn, String delimiter,
        Double validationFraction, Double testFraction, Long seed, String missingValues, Map<String, String> labelNames,
        Map<String, String> columnDescriptions) {
}
