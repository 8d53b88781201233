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
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/**
 * The EDA profile of a dataset (the JSON document of {@code DatasetProfiler}) as the Exploratory Data Analysis tab
 * shows it: simple records, and the image samples as small PNG data URLs. Parts a format does not have are empty.
 */
public record EdaProfile(String format, String task, String hiddenTest, List<Split> splits, List<ClassCount> classes, Summary target,
                         List<Summary> features, int featuresShown, int featuresTotal, ImageShape image, TextStatistics text,
                         List<String> sampleColumns, List<List<String>> sampleRows, List<Thumbnail> thumbnails, List<Snippet> snippets)
        implements Serializable {

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

    /** The summary of one numeric column; a null figure had no value (e.g. the deviation of a single value). */
    public record Summary(String name, long count, long missing, Double mean, Double std, Double min, Double q25, Double median, Double q75,
                          Double max, Double skewness) implements Serializable {
    }

    public record ImageShape(int height, int width, int channels, Double pixelMean, Double pixelStd) implements Serializable {
    }

    public record TextStatistics(long vocabulary, Summary lengthInWords, List<WordCount> topWords) implements Serializable {
    }

    public record WordCount(String word, long count) implements Serializable {
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
        TextStatistics text = null;
        if (p.get("text") instanceof JsonObject t) {
            text = new TextStatistics(longOf(t.get("vocabulary")), t.get("lengthInWords") instanceof JsonObject l ? summary(l) : null,
                    objects(t, "topWords").stream().map(w -> new WordCount(w.getString("word", ""), longOf(w.get("count")))).toList());
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
        return new EdaProfile(format, p.getString("task", ""), p.getString("hiddenTest", ""), List.copyOf(splits), classes, target, features,
                p.getInt("featuresShown", features.size()), p.getInt("featuresTotal", features.size()), image, text, List.copyOf(sampleColumns),
                List.copyOf(sampleRows), List.copyOf(thumbnails), List.copyOf(snippets));
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
        return new Summary(s.getString("name", ""), longOf(s.get("count")), longOf(s.get("missing")), number(s, "mean"), number(s, "std"),
                number(s, "min"), number(s, "q25"), number(s, "median"), number(s, "q75"), number(s, "max"), number(s, "skewness"));
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
