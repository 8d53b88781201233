package org.mlarena.numerics.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The category lists of a table's categorical columns ({@link CsvTable#categories()}) as a CSV file of two columns,
 * {@code column,category}, one line per category in the order that numbers them: what a dataset's split files are read
 * with, so that a category has the same number in every split.
 */
public final class CategoryFile {

    private static final List<String> HEADER = List.of("column", "category");

    private CategoryFile() {
    }

    /** Writes the lists of the categorical columns among {@code featureNames}. */
    public static void write(Writer out, List<String> featureNames, List<List<String>> categories) throws IOException {
        line(out, HEADER);
        for (int f = 0; f < featureNames.size(); f++) {
            for (String category : categories.get(f)) {
                line(out, List.of(featureNames.get(f), category));
            }
        }
    }

    private static void line(Writer out, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            out.write(i == 0 ? "" : ",");
            out.write('"');
            out.write(fields.get(i).replace("\"", "\"\""));
            out.write('"');
        }
        out.write("\r\n");
    }

    /**
     * Per feature column its categories, empty for a numeric column; a file that does not exist lists none (a dataset
     * imported before categorical columns were read).
     */
    public static List<List<String>> read(Path file, List<String> featureNames) throws InvalidDataException {
        if (!Files.isRegularFile(file)) {
            return CsvTable.numeric(featureNames.size());
        }
        Map<String, List<String>> lists = TextFiles.read(file, (in, source) -> {
            CsvRecords records = new CsvRecords(new BufferedReader(in), ',', source);
            if (!records.header().equals(HEADER)) {
                throw new InvalidDataException(source + ": the header must be " + HEADER + "; import the dataset again");
            }
            Map<String, List<String>> read = new LinkedHashMap<>();
            List<String> fields;
            while ((fields = records.next()) != null) {
                if (fields.size() != 2 || !featureNames.contains(fields.get(0))) {
                    throw new InvalidDataException(source + ", line " + records.startLine() + ": not a category of one of the columns "
                            + featureNames + "; import the dataset again");
                }
                read.computeIfAbsent(fields.get(0), k -> new ArrayList<>()).add(fields.get(1));
            }
            return read;
        });
        List<List<String>> categories = new ArrayList<>(featureNames.size());
        for (String name : featureNames) {
            categories.add(lists.getOrDefault(name, List.of()));
        }
        return categories;
    }
}
