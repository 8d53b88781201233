package org.mlarena.numerics.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Splits CSV text into records (RFC 4180), keeping the line number where each record starts. */
final class CsvRecords {

    private final BufferedReader in;
    private final char delimiter;
    private final String source;
    private int line;
    private int startLine;

    CsvRecords(BufferedReader in, char delimiter, String source) {
        this.in = in;
        this.source = source;
        this.delimiter = delimiter;
    }

    /** The line (1-based) where the last record returned started. */
    int startLine() {
        return startLine;
    }

    /** The header: the first record, trimmed; an empty file is refused. */
    List<String> header() throws IOException, InvalidDataException {
        List<String> header = next();
        if (header == null || header.stream().allMatch(String::isBlank)) {
            throw new InvalidDataException(source + ": is empty; the first line must name the columns");
        }
        return header.stream().map(String::trim).toList();
    }

    /** The next record's fields, or null at the end. A quoted field may span lines. */
    List<String> next() throws IOException, InvalidDataException {
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        line++;
        startLine = line;
        if (line == 1 && !text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1); // byte-order mark
        }
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i == text.length()) {
                if (!quoted) {
                    break;
                }
                String more = in.readLine();
                if (more == null) {
                    throw new InvalidDataException(source + ", line " + startLine + ": a quoted field is never closed (a missing \")");
                }
                line++;
                field.append('\n');
                text = more;
                i = 0;
                continue;
            }
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t' && c != delimiter) || c == 0x7F) {
                // a NUL or an escape is no text: a binary file, or a broken export (and PostgreSQL stores no NUL)
                throw new InvalidDataException(source + ", line " + line + ", position " + (i + 1) + ": the control character U+"
                        + String.format("%04X", (int) c) + " is not text; export the file again as plain UTF-8 text");
            }
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank()) {
                quoted = true;
                field.setLength(0);
            } else if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
            i++;
        }
        fields.add(field.toString());
        return fields;
    }
}
