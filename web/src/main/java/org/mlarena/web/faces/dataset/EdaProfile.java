package org.mlarena.web.faces.dataset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.imageio.ImageIO;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.mlarena.web.faces.Display;

/**
 * The EDA profile of a dataset (the JSON document of {@code DatasetProfiler}) as the Exploratory Data Analysis tab
 * shows it: simple records, and the image samples as small PNG data URLs. Parts a format does not have are empty
 * (or null: the charts of the pixel intensities and of the text lengths).
 */
public record EdaProfile(String format, String task, String hiddenTest, List<Split> splits, List<ClassCount> classes, Summary target,
                         List<Summary> features, int featuresShown, int featuresTotal, ImageShape image, TextStatistics text,
                         List<String> sampleColumns, List<List<String>> sampleRows, List<Thumbnail> thumbnails, List<Snippet> snippets,
                         List<Histogram> histograms, Correlation correlation, Chart pixelHistogram, List<MeanImage> meanImages,
                         Chart textLengths, List<ClassWords> classWords)
        implements Serializable {

    /**
     * A bar chart (Chart.js configuration) with the summary a screen reader reads instead of it, and that tests read:
     * every bin with its count, numbers grouped, never in E-notation.
     */
    public record Chart(String chart, String summary) implements Serializable {
    }

    /**
     * The mean of a class's training images, pixel by pixel, as a {@code data:image/png;base64,...} URL; {@code images}
     * says how many, for people ("6,000").
     */
    public record MeanImage(String className, String dataUrl, int width, int height, String images) implements Serializable {

        /** The width shown: at least 84 CSS pixels (3 per pixel of a 28 × 28 image), in whole multiples of the width. */
        public int shownWidth() {
            return width * scale();
        }

        public int shownHeight() {
            return height * scale();
        }

        private int scale() {
            return Math.max(1, (84 + width - 1) / Math.max(1, width));
        }
    }

    /** The most frequent words of one class's training texts, with their counts. */
    public record ClassWords(String className, String texts, List<WordCount> words) implements Serializable {
    }

    /** The distribution of one numeric column as a Chart.js bar chart (the profile's bins on the training split). */
    public record Histogram(String name, String chart) implements Serializable {
    }

    /** The correlation matrix of the numeric features, each cell coloured by its value (red positive, blue negative). */
    public record Correlation(String method, long rows, List<String> columns, List<List<Cell>> values) implements Serializable {
    }

    /** One cell of the heat map. */
    public record Cell(String text, String style, String title) implements Serializable {
    }

    /** The sample images of one class. */
    public record ClassImages(String className, List<Thumbnail> images) implements Serializable {
    }

    /** The sample images grouped by class, classes in the order of their first image. */
    public List<ClassImages> imagesByClass() {
        java.util.Map<String, List<Thumbnail>> byClass = new java.util.LinkedHashMap<>();
        thumbnails.forEach(t -> byClass.computeIfAbsent(t.className(), c -> new ArrayList<>()).add(t));
        return byClass.entrySet().stream().map(e -> new ClassImages(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    /** Rows of one split: train, validation or test. */
    public record Split(String name, long rows) implements Serializable {
    }

    /** A class with its rows in training and validation and its share of training. */
    public record ClassCount(String name, long train, long validation, Double share) implements Serializable {

        /** The share in percent, for the width of its bar (0 when unknown). */
        public double sharePercent() {
            return share == null ? 0 : share * 100;
        }
    }

    /**
     * The summary of one column; a null figure had no value (e.g. the deviation of a single value). A categorical column
     * has its number of categories and the most frequent with their rows instead of the numeric figures.
     */
    public record Summary(String name, long count, long missing, Double mean, Double std, Double min, Double q25, Double median, Double q75,
                          Double max, Double skewness, Long categories, String topCategories) implements Serializable {
    }

    public record ImageShape(int height, int width, int channels, Double pixelMean, Double pixelStd) implements Serializable {
    }

    public record TextStatistics(long vocabulary, Summary lengthInWords, List<WordCount> topWords) implements Serializable {
    }

    public record WordCount(String word, long count) implements Serializable {

        /** The count with thousands separators. */
        public String countText() {
            return Display.count(count);
        }
    }

    /** A sample image of a class, as a {@code data:image/png;base64,...} URL. */
    public record Thumbnail(String className, String dataUrl, int width, int height) implements Serializable {
    }

    /** The start of a sample text of a class. */
    public record Snippet(String className, String text) implements Serializable {
    }

    /** The numeric summaries to list: the target (regression), the features shown, the words per text. */
    public List<Summary> summaries() {
        List<Summary> all = new ArrayList<>();
        if (target != null) {
            all.add(target);
        }
        all.addAll(features);
        if (text != null && text.lengthInWords() != null) {
            all.add(text.lengthInWords());
        }
        return all;
    }

    /** Whether a column listed is categorical (the table then shows its categories). */
    public boolean hasCategories() {
        return features.stream().anyMatch(f -> f.categories() != null);
    }

    /** Reads the profile document. */
    public static EdaProfile parse(String json) {
        JsonObject p;
        try (JsonReader reader = Json.createReader(new StringReader(json))) {
            p = reader.readObject();
        }
        String format = p.getString("format", "");
        List<Split> splits = new ArrayList<>();
        JsonObject splitRows = p.getJsonObject("splits");
        if (splitRows != null) {
            splitRows.forEach((name, rows) -> splits.add(new Split(name, longOf(rows))));
        }
        List<ClassCount> classes = objects(p, "classes").stream()
                .map(c -> new ClassCount(c.getString("name", ""), longOf(c.get("train")), longOf(c.get("validation")), number(c, "share")))
                .toList();
        Summary target = p.get("target") instanceof JsonObject t ? summary(t) : null;
        List<Summary> features = objects(p, "features").stream().map(EdaProfile::summary).toList();

        ImageShape image = null;
        if (p.get("image") instanceof JsonObject i) {
            image = new ImageShape(i.getInt("height", 0), i.getInt("width", 0), i.getInt("channels", 1), number(i, "pixelMean"), number(i, "pixelStd"));
        }
        Chart pixelHistogram = null;
        List<MeanImage> meanImages = new ArrayList<>();
        if (p.get("image") instanceof JsonObject i) {
            if (i.get("pixelHistogram") instanceof JsonObject h) {
                long images = longOf(h.get("images"));
                pixelHistogram = chart(h, "Pixel intensity (0 to 1)", "pixels",
                        "Histogram of the pixel intensities, scaled 0 to 1, of " + (images == 1 ? "the first training image" : "the first "
                                + Display.count(images) + " training images")).orElse(null);
            }
            for (JsonObject mean : objects(i, "meanImages")) {
                int width = mean.getInt("width", 0);
                int height = mean.getInt("height", 0);
                meanImages.add(new MeanImage(mean.getString("class", ""), png(mean.getString("pixels", ""), width, height), width, height,
                        Display.count(longOf(mean.get("images")))));
            }
        }
        TextStatistics text = null;
        Chart textLengths = null;
        List<ClassWords> classWords = new ArrayList<>();
        if (p.get("text") instanceof JsonObject t) {
            text = new TextStatistics(longOf(t.get("vocabulary")), t.get("lengthInWords") instanceof JsonObject l ? summary(l) : null,
                    words(t.get("topWords")));
            if (t.get("lengthInWords") instanceof JsonObject l && l.get("histogram") instanceof JsonObject h) {
                textLengths = chart(h, "Words per text", "texts", "Histogram of the number of words per training text").orElse(null);
            }
            for (JsonObject c : objects(t, "topWordsPerClass")) {
                long texts = longOf(c.get("texts"));
                classWords.add(new ClassWords(c.getString("class", ""),
                        Display.count(texts) + (texts == 1 ? " training text" : " training texts"), words(c.get("words"))));
            }
        }

        List<String> sampleColumns = new ArrayList<>();
        List<List<String>> sampleRows = new ArrayList<>();
        List<Thumbnail> thumbnails = new ArrayList<>();
        List<Snippet> snippets = new ArrayList<>();
        for (JsonObject sample : objects(p, "samples")) {
            if (sample.get("values") instanceof JsonObject values) {
                if (sampleColumns.isEmpty()) {
                    sampleColumns.addAll(values.keySet());
                }
                sampleRows.add(sampleColumns.stream().map(column -> plain(values.get(column))).toList());
            } else if (sample.containsKey("pixels")) {
                int width = sample.getInt("width", 0);
                int height = sample.getInt("height", 0);
                thumbnails.add(new Thumbnail(sample.getString("class", ""), png(sample.getString("pixels"), width, height), width, height));
            } else if (sample.containsKey("text")) {
                snippets.add(new Snippet(sample.getString("class", ""), sample.getString("text", "")));
            }
        }
        List<Histogram> histograms = new ArrayList<>();
        if (p.get("target") instanceof JsonObject t) {
            histogram(t).ifPresent(histograms::add);
        }
        objects(p, "features").forEach(f -> histogram(f).ifPresent(histograms::add));
        return new EdaProfile(format, p.getString("task", ""), p.getString("hiddenTest", ""), List.copyOf(splits), classes, target, features,
                p.getInt("featuresShown", features.size()), p.getInt("featuresTotal", features.size()), image, text, List.copyOf(sampleColumns),
                List.copyOf(sampleRows), List.copyOf(thumbnails), List.copyOf(snippets), List.copyOf(histograms),
                p.get("correlation") instanceof JsonObject c ? correlation(c) : null, pixelHistogram, List.copyOf(meanImages), textLengths,
                List.copyOf(classWords));
    }

    private static List<WordCount> words(JsonValue words) {
        return words instanceof JsonArray array
                ? array.getValuesAs(JsonObject.class).stream().map(w -> new WordCount(w.getString("word", ""), longOf(w.get("count")))).toList()
                : List.of();
    }

    /**
     * A bar chart of a histogram ({@code edges} and {@code counts}) with its axes named, and its summary: the
     * {@code description}, then every bin with its count of {@code unit} (a plural in "s", singular for 1).
     */
    private static java.util.Optional<Chart> chart(JsonObject histogram, String xTitle, String unit, String description) {
        if (!(histogram.get("edges") instanceof JsonArray edges && histogram.get("counts") instanceof JsonArray counts
                && edges.size() == counts.size() + 1 && !counts.isEmpty())) {
            return java.util.Optional.empty();
        }
        var labels = Json.createArrayBuilder();
        var data = Json.createArrayBuilder();
        StringBuilder summary = new StringBuilder(description).append(": ");
        for (int i = 0; i < counts.size(); i++) {
            if (!(edges.get(i) instanceof JsonNumber from && edges.get(i + 1) instanceof JsonNumber to)) {
                return java.util.Optional.empty();
            }
            String bin = bin(from.doubleValue(), to.doubleValue());
            long count = counts.getJsonNumber(i).longValue();
            labels.add(bin);
            data.add(count);
            summary.append(i == 0 ? "" : "; ").append(bin).append(": ").append(Display.count(count)).append(' ')
                    .append(count == 1 ? unit.substring(0, unit.length() - 1) : unit);
        }
        return java.util.Optional.of(new Chart(barChart(labels, data, unit, null, xTitle, unit), summary.append('.').toString()));
    }

    /** A bar chart of a numeric column's histogram, or of a categorical column's most frequent categories. */
    private static java.util.Optional<Histogram> histogram(JsonObject column) {
        var labels = Json.createArrayBuilder();
        var data = Json.createArrayBuilder();
        if (column.get("top") instanceof JsonArray top && !top.isEmpty()) {
            for (JsonObject category : top.getValuesAs(JsonObject.class)) {
                labels.add(category.getString("category", ""));
                data.add(longOf(category.get("count")));
            }
        } else if (column.get("histogram") instanceof JsonObject h && h.get("edges") instanceof JsonArray edges
                && h.get("counts") instanceof JsonArray counts && edges.size() == counts.size() + 1) {
            for (int i = 0; i < counts.size(); i++) {
                labels.add(bin(edges.getJsonNumber(i).doubleValue(), edges.getJsonNumber(i + 1).doubleValue()));
                data.add(counts.getJsonNumber(i).longValue());
            }
        } else {
            return java.util.Optional.empty();
        }
        String name = column.getString("name", "");
        return java.util.Optional.of(new Histogram(name, barChart(labels, data, "rows", name, null, null)));
    }

    /**
     * A Chart.js bar chart whose bars touch (a histogram), without a legend: its bars counted in {@code unit}, with a
     * {@code title} above and the axes' titles where given (null: none).
     */
    private static String barChart(JsonArrayBuilder labels, JsonArrayBuilder data, String unit, String title, String xTitle, String yTitle) {
        JsonObjectBuilder plugins = Json.createObjectBuilder().add("legend", Json.createObjectBuilder().add("display", false));
        if (title != null) {
            plugins.add("title", axisTitle(title));
        }
        JsonObjectBuilder x = Json.createObjectBuilder();
        if (xTitle != null) {
            x.add("title", axisTitle(xTitle));
        }
        x.add("ticks", Json.createObjectBuilder().add("maxRotation", 60).add("font", Json.createObjectBuilder().add("size", 9)));
        JsonObjectBuilder scales = Json.createObjectBuilder().add("x", x);
        if (yTitle != null) {
            scales.add("y", Json.createObjectBuilder().add("title", axisTitle(yTitle)));
        }
        return Json.createObjectBuilder()
                .add("type", "bar")
                .add("data", Json.createObjectBuilder().add("labels", labels).add("datasets", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("label", unit).add("data", data).add("backgroundColor", "#4c6ef5")
                                .add("barPercentage", 1.0).add("categoryPercentage", 1.0))))
                .add("options", Json.createObjectBuilder().add("animation", false).add("maintainAspectRatio", false)
                        .add("plugins", plugins).add("scales", scales))
                .build().toString();
    }

    private static JsonObjectBuilder axisTitle(String text) {
        return Json.createObjectBuilder().add("display", true).add("text", text);
    }

    /** A histogram bin's label, its edges to three significant digits. */
    private static String bin(double from, double to) {
        return shortNumber(from) + "–" + shortNumber(to);
    }

    private static Correlation correlation(JsonObject c) {
        List<String> columns = c.get("columns") instanceof JsonArray a ? a.getValuesAs(JsonString.class).stream().map(JsonString::getString).toList()
                : List.of();
        List<List<Cell>> rows = new ArrayList<>();
        if (c.get("values") instanceof JsonArray values) {
            for (int r = 0; r < values.size(); r++) {
                JsonArray row = values.getJsonArray(r);
                List<Cell> cells = new ArrayList<>();
                for (int k = 0; k < row.size(); k++) {
                    JsonValue v = row.get(k);
                    String pair = (r < columns.size() ? columns.get(r) : "") + " × " + (k < columns.size() ? columns.get(k) : "");
                    if (v instanceof JsonNumber n) {
                        double value = n.doubleValue();
                        // red for positive, blue for negative, the stronger the more opaque; at most 70 % opaque, so that the dark
                        // text of every cell keeps a contrast of 4.5:1 (WCAG AA; no text colour does on the fully opaque middle tones)
                        String colour = value >= 0 ? "220, 38, 38" : "37, 99, 235";
                        String style = String.format(java.util.Locale.ROOT, "background-color: rgba(%s, %.2f);", colour, 0.7 * Math.min(1, Math.abs(value)));
                        cells.add(new Cell(String.format(java.util.Locale.ROOT, "%.2f", value), style,
                                pair + ": " + String.format(java.util.Locale.ROOT, "%.3f", value)));
                    } else {
                        cells.add(new Cell("", "", pair + ": undefined (a constant column)"));
                    }
                }
                rows.add(List.copyOf(cells));
            }
        }
        return new Correlation(c.getString("method", "pearson"), longOf(c.get("rows")), columns, List.copyOf(rows));
    }

    private static String shortNumber(double value) {
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }

    /** Grey bytes, one per pixel in rows, as a PNG data URL. */
    static String png(String base64Grey, int width, int height) {
        byte[] grey = Base64.getDecoder().decode(base64Grey);
        if (width <= 0 || height <= 0 || grey.length != width * height) {
            throw new IllegalArgumentException("a sample of " + grey.length + " pixels is not an image of " + width + "×" + height);
        }
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        image.getRaster().setDataElements(0, 0, width, height, grey);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode a sample image as PNG", e);
        }
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(out.toByteArray());
    }

    private static Summary summary(JsonObject s) {
        String top = null;
        if (s.get("top") instanceof JsonArray categories) {
            top = categories.getValuesAs(JsonObject.class).stream().map(c -> c.getString("category", "") + " (" + longOf(c.get("count")) + ")")
                    .collect(java.util.stream.Collectors.joining(", "));
        }
        return new Summary(s.getString("name", ""), longOf(s.get("count")), longOf(s.get("missing")), number(s, "mean"), number(s, "std"),
                number(s, "min"), number(s, "q25"), number(s, "median"), number(s, "q75"), number(s, "max"), number(s, "skewness"),
                s.get("categories") instanceof JsonNumber n ? n.longValue() : null, top);
    }

    private static List<JsonObject> objects(JsonObject parent, String name) {
        return parent.get(name) instanceof JsonArray array
                ? array.stream().filter(JsonObject.class::isInstance).map(JsonObject.class::cast).toList()
                : List.of();
    }

    private static Double number(JsonObject object, String name) {
        return object.get(name) instanceof JsonNumber n ? n.doubleValue() : null;
    }

    private static long longOf(JsonValue value) {
        return value instanceof JsonNumber n ? n.longValue() : 0;
    }

    private static String plain(JsonValue value) {
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return "";
        }
        return value instanceof JsonString s ? s.getString() : value.toString();
    }
}
