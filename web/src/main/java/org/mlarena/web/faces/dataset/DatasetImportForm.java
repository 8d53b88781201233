package org.mlarena.web.faces.dataset;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mlarena.dataset.boundary.ImportRequest;
import org.mlarena.dataset.entity.Upload;

/**
 * The host page's dataset import: the files uploaded so far, by the role they play in the import, and the settings of
 * the import as the host typed them. The boundary checks the settings; this form only says which files are missing.
 */
public class DatasetImportForm implements Serializable {

    private static final long serialVersionUID = 1L;

    /** An upload waiting for the import. */
    public record Uploaded(String role, long id, String fileName, long bytes, String sha256) implements Serializable {

        static Uploaded of(String role, Upload upload) {
            return new Uploaded(role, upload.getId(), upload.getFileName(), upload.getBytes(), upload.getSha256());
        }
    }

    private String format = "CSV";
    private String targetColumn;
    private String textColumn;
    private String delimiter = ",";
    private Double validationFraction = 0.15;
    private Double testFraction = 0.2;
    private Long seed = 1L;
    private boolean keepMissing = true;
    /** One per line, "label = name"; and "column = meaning". */
    private String labelNames;
    private String columnDescriptions;
    private final Map<String, Uploaded> uploads = new LinkedHashMap<>();

    /** The roles of the files a format needs: IDX images and labels, CSV and TEXT one table. */
    public List<String> roles() {
        return "IDX".equals(format) ? List.of("images", "labels") : List.of("table");
    }

    public void uploaded(String role, Upload upload) {
        uploads.put(role, Uploaded.of(role, upload));
    }

    /** The uploads the chosen format uses, in the order of its roles. */
    public List<Uploaded> getUploads() {
        return roles().stream().filter(uploads::containsKey).map(uploads::get).toList();
    }

    /** The roles still without an upload. */
    public List<String> missing() {
        return roles().stream().filter(r -> !uploads.containsKey(r)).toList();
    }

    /** After an import, which consumed the uploads. */
    public void imported() {
        uploads.clear();
    }

    public ImportRequest request() {
        Map<String, Long> files = new LinkedHashMap<>();
        getUploads().forEach(u -> files.put(u.role(), u.id()));
        return new ImportRequest(format, files, targetColumn, textColumn, delimiter, validationFraction, testFraction, seed, keepMissing ? "keep" : "refuse",
                pairs(labelNames), pairs(columnDescriptions));
    }

    /**
     * "key = value" lines as a map (the first '=' separates them; blank lines are skipped). A line without '=' keeps
     * the line as its key and an empty value, which the import refuses with the line named.
     */
    static Map<String, String> pairs(String lines) {
        Map<String, String> pairs = new LinkedHashMap<>();
        if (lines == null) {
            return pairs;
        }
        for (String line : lines.split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            int equals = line.indexOf('=');
            pairs.put((equals < 0 ? line : line.substring(0, equals)).strip(), equals < 0 ? "" : line.substring(equals + 1).strip());
        }
        return pairs;
    }

    public String getFormat() {
        return format;
    }

    public void setFormat(String format) {
        this.format = format;
    }

    public String getTargetColumn() {
        return targetColumn;
    }

    public void setTargetColumn(String targetColumn) {
        this.targetColumn = targetColumn;
    }

    public String getTextColumn() {
        return textColumn;
    }

    public void setTextColumn(String textColumn) {
        this.textColumn = textColumn;
    }

    public String getDelimiter() {
        return delimiter;
    }

    public void setDelimiter(String delimiter) {
        this.delimiter = delimiter;
    }

    public Double getValidationFraction() {
        return validationFraction;
    }

    public void setValidationFraction(Double validationFraction) {
        this.validationFraction = validationFraction;
    }

    public Double getTestFraction() {
        return testFraction;
    }

    public void setTestFraction(Double testFraction) {
        this.testFraction = testFraction;
    }

    public String getLabelNames() {
        return labelNames;
    }

    public void setLabelNames(String labelNames) {
        this.labelNames = labelNames;
    }

    public String getColumnDescriptions() {
        return columnDescriptions;
    }

    public void setColumnDescriptions(String columnDescriptions) {
        this.columnDescriptions = columnDescriptions;
    }

    public boolean isKeepMissing() {
        return keepMissing;
    }

    public void setKeepMissing(boolean keepMissing) {
        this.keepMissing = keepMissing;
    }

    public Long getSeed() {
        return seed;
    }

    public void setSeed(Long seed) {
        this.seed = seed;
    }
}
