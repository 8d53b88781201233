package org.mlarena.web.rest.dataset;

import java.util.Map;

import org.mlarena.dataset.boundary.ImportRequest;

/**
 * Body of {@code PUT /api/v1/use-cases/{slug}/dataset}: imports the dataset from earlier uploads, which it consumes.
 *
 * @param format             CSV (a table with a target column), IDX (images and labels) or TEXT (a text and a label column)
 * @param files              upload ids by role: CSV and TEXT {@code {"table": id}}; IDX {@code {"images": id, "labels": id}}
 * @param targetColumn       CSV: the column to predict; TEXT: the label column
 * @param textColumn         TEXT: the column with the text
 * @param delimiter          {@code ,} (default), {@code ;} or {@code tab}
 * @param validationFraction part of the rows for validation, 0.05 to 0.5 (default 0.15)
 * @param testFraction       part of the rows for the hidden test set, 0.05 to 0.5 (default 0.2)
 * @param seed               seed of the split (default 1)
 * @param missingValues      CSV: {@code keep} (default: empty, NA, NaN, null and the like read as missing, and each model
 *                           imputes them with the training median and a missing flag) or {@code refuse}
 * @param labelNames         optional: by class label as in the data, its name for people, e.g. {@code {"0": "T-shirt/top"}}
 *                           (up to 100 characters each); the EDA shows them
 * @param columnDescriptions optional, CSV: by feature column, what it means, e.g. {@code {"proline": "proline, mg/L"}}
 *                           (up to 500 characters each); the EDA shows them
 */
public record DatasetImport(String format, Map<String, Long> files, String targetColumn, String textColumn, String delimiter,
                            Double validationFraction, Double testFraction, Long seed, String missingValues,
                            Map<String, String> labelNames, Map<String, String> columnDescriptions) {

    ImportRequest request() {
        return new ImportRequest(format, files, targetColumn, textColumn, delimiter, validationFraction, testFraction, seed, missingValues,
                labelNames, columnDescriptions);
    }
}
