package org.mlarena.web.rest.submission;

import java.util.List;

import org.mlarena.submission.boundary.SubmissionService;
import org.mlarena.submission.control.PredictionFile;

/**
 * A submission's stored predictions as CSV: {@code row} (the test split's row, from 0, in its stored order),
 * {@code prediction} (the class with the largest output, by name; or the predicted value) and the raw outputs, one
 * column per class ({@code output_<class>}), printed so that they read back as the same float32.
 */
final class PredictionsCsv {

    private PredictionsCsv() {
    }

    static String of(SubmissionService.StoredPredictions stored) {
        PredictionFile.Outputs outputs = stored.outputs();
        List<String> classes = stored.classNames();
        boolean classification = !classes.isEmpty();
        StringBuilder csv = new StringBuilder(outputs.rows() * 16 * (1 + outputs.columns()));
        csv.append("row,prediction");
        if (classification) {
            for (int c = 0; c < outputs.columns(); c++) {
                csv.append(",\"output_").append((c < classes.size() ? classes.get(c) : Integer.toString(c)).replace("\"", "\"\"")).append('"');
            }
        }
        csv.append('\n');
        for (int r = 0; r < outputs.rows(); r++) {
            csv.append(r).append(',');
            if (classification) {
                int best = 0;
                for (int c = 1; c < outputs.columns(); c++) {
                    if (outputs.value(r, c) > outputs.value(r, best)) {
                        best = c;
                    }
                }
                String name = best < classes.size() ? classes.get(best) : Integer.toString(best);
                csv.append('"').append(name.replace("\"", "\"\"")).append('"');
                for (int c = 0; c < outputs.columns(); c++) {
                    csv.append(',').append(outputs.value(r, c));
                }
            } else {
                csv.append(outputs.value(r, 0));
            }
            csv.append('\n');
        }
        return csv.toString();
    }
}
