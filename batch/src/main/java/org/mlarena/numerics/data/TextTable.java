package org.mlarena.numerics.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Labelled texts from CSV or TSV: a text column and a label column, named in the header. Every empty
 * text, missing label or malformed line is reported with its line number.
 *
 * @param texts      the texts, in file order
 * @param labels     the class index of each text
 * @param classNames the class of each index (sorted)
 */
public record TextTable(String source, List<String> texts, int[] labels, List<String> classNames) {

    public int rows() {
        return texts.size();
    }

    public static TextTable read(Path file, String textColumn, String labelColumn, char delimiter) throws InvalidDataException {
        return TextFiles.read(file, (in, source) -> read(in, source, textColumn, labelColumn, delimiter));
    }

    public static TextTable read(Reader reader, String source, String textColumn, String labelColumn, char delimiter)
            throws InvalidDataException, IOException {
        CsvRecords records = new CsvRecords(new BufferedReader(reader), delimiter, source);
        List<String> header = records.header();
        int textIndex = header.indexOf(textColumn);
        int labelIndex = header.indexOf(labelColumn);
        if (textIndex < 0 || labelIndex < 0) {
            throw new InvalidDataException(source + ": needs a text column '" + textColumn + "' and a label column '" + labelColumn
                    + "'; its columns are " + header);
        }
        List<String> problems = new ArrayList<>();
        int total = 0;
        List<String> texts = new ArrayList<>();
        ClassIndex labels = new ClassIndex(source, "column '" + labelColumn + "'");
        List<String> fields;
        while ((fields = records.next()) != null) {
            int line = records.startLine();
            if (fields.size() == 1 && fields.get(0).isBlank()) {
                continue;
            }
            String problem = null;
            if (fields.size() != header.size()) {
                problem = "line " + line + ": has " + fields.size() + " fields but the header has " + header.size()
                        + " (quote texts that contain the delimiter)";
            } else if (fields.get(textIndex).isBlank()) {
                problem = "line " + line + ", column '" + textColumn + "': the text is empty";
            } else if (fields.get(labelIndex).isBlank()) {
                problem = "line " + line + ", column '" + labelColumn + "': the label is missing";
            }
            if (problem != null) {
                total++;
                if (problems.size() < InvalidDataException.MAX_LISTED) {
                    problems.add(problem);
                }
                continue;
            }
            texts.add(fields.get(textIndex));
            labels.add(fields.get(labelIndex).trim(), line);
        }
        if (texts.isEmpty() && total == 0) {
            throw new InvalidDataException(source + ": has a header but no data rows");
        }
        if (total > 0) {
            throw new InvalidDataException(source, problems, total);
        }
        return new TextTable(source, List.copyOf(texts), labels.indices(), labels.names());
    }
}
