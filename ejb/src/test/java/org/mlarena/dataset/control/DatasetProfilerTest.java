package org.mlarena.dataset.control;

import org.mlarena.dataset.entity.DatasetFormat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlarena.numerics.data.IdxArray;
import org.mlarena.numerics.data.IdxReader;
import org.mlarena.numerics.data.TextTable;
import org.mlarena.numerics.nn.ModelZoo.Category;

/** Profiles of the demo datasets imported for real, checked against values computed here from the split files. */
class DatasetProfilerTest {

    static final Path DEMO = Path.of("src/main/resources/demo");
    static final Path FASHION_MNIST = DatasetImporterTest.FASHION_MNIST;

    @TempDir
    Path temp;

    @Test
    void wineCountsEveryTrainingAndValidationRowAndSummarisesItsFeatures() throws Exception {
        Imported wine = importCsv("wine", "cultivar", Category.TABULAR_CLASSIFICATION);
        JsonObject profile = wine.profile();

        assertEquals("CSV", profile.getString("format"));
        assertEquals("classification", profile.getString("task"));
        assertEquals(wine.result.trainRows(), profile.getJsonObject("splits").getInt("train"));
        assertEquals(wine.result.testRows(), profile.getJsonObject("splits").getInt("test"));
        JsonArray classes = profile.getJsonArray("classes");
        assertEquals(List.of("class_0", "class_1", "class_2"), classes.stream().map(c -> c.asJsonObject().getString("name")).toList());
        assertEquals(wine.result.trainRows(), sum(classes, "train"));
        assertEquals(wine.result.validationRows(), sum(classes, "validation"));
        List<String[]> train = csvRows(wine.dir.resolve("train.csv"));
        long class1 = train.stream().filter(r -> r[13].equals("class_1")).count();
        assertEquals(class1, classes.getJsonObject(1).getInt("train"));
        assertEquals((double) class1 / train.size(), classes.getJsonObject(1).getJsonNumber("share").doubleValue(), 1e-12);

        assertEquals(13, profile.getInt("featuresShown"));
        assertEquals(13, profile.getInt("featuresTotal"));
        JsonObject alcohol = profile.getJsonArray("features").getJsonObject(0);
        assertEquals("alcohol", alcohol.getString("name"));
        assertEquals(train.size(), alcohol.getInt("count"));
        assertEquals(0, alcohol.getInt("missing"));
        double mean = train.stream().mapToDouble(r -> Double.parseDouble(r[0])).average().orElseThrow();
        double min = train.stream().mapToDouble(r -> Double.parseDouble(r[0])).min().orElseThrow();
        assertEquals(mean, alcohol.getJsonNumber("mean").doubleValue(), 1e-12);
        assertEquals(min, alcohol.getJsonNumber("min").doubleValue(), "the value as written, not its float expansion");
        JsonObject histogram = alcohol.getJsonObject("histogram");
        assertEquals(11, histogram.getJsonArray("edges").size());
        assertEquals(train.size(), histogram.getJsonArray("counts").getValuesAs(JsonNumber.class).stream().mapToInt(JsonNumber::intValue).sum());

        JsonObject correlation = profile.getJsonObject("correlation");
        assertEquals(13, correlation.getJsonArray("columns").size(), "classification: the features only");
        assertFalse(correlation.getJsonArray("columns").getValuesAs(jakarta.json.JsonString.class).stream()
                .anyMatch(s -> s.getString().equals("cultivar")));

        JsonArray samples = profile.getJsonArray("samples");
        assertEquals(5, samples.size());
        JsonObject first = samples.getJsonObject(0).getJsonObject("values");
        assertEquals(Double.parseDouble(train.get(0)[0]), first.getJsonNumber("alcohol").doubleValue());
        assertEquals(train.get(0)[13], first.getString("cultivar"));
    }

    @Test
    void diabetesSummarisesTheTargetAndCorrelatesItWithTheFeatures() throws Exception {
        Imported diabetes = importCsv("diabetes", "progression", Category.TABULAR_REGRESSION);
        JsonObject profile = diabetes.profile();

        assertEquals("regression", profile.getString("task"));
        assertFalse(profile.containsKey("classes"));
        List<String[]> train = csvRows(diabetes.dir.resolve("train.csv"));
        double[] target = train.stream().mapToDouble(r -> Double.parseDouble(r[10])).toArray();
        JsonObject summary = profile.getJsonObject("target");
        assertEquals("progression", summary.getString("name"));
        assertEquals(target.length, summary.getInt("count"));
        assertEquals(Arrays.stream(target).average().orElseThrow(), summary.getJsonNumber("mean").doubleValue(), 1e-9);
        assertEquals(Arrays.stream(target).min().orElseThrow(), summary.getJsonNumber("min").doubleValue());
        assertEquals(Arrays.stream(target).max().orElseThrow(), summary.getJsonNumber("max").doubleValue());
        double[] sorted = target.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        assertEquals(median, summary.getJsonNumber("median").doubleValue(), 1e-12);

        JsonObject correlation = profile.getJsonObject("correlation");
        assertEquals("pearson", correlation.getString("method"));
        JsonArray columns = correlation.getJsonArray("columns");
        assertEquals(11, columns.size());
        assertEquals("progression", columns.getString(10), "the target last");
        JsonArray values = correlation.getJsonArray("values");
        for (int i = 0; i < 11; i++) {
            assertEquals(1.0, values.getJsonArray(i).getJsonNumber(i).doubleValue(), 1e-12);
            for (int j = 0; j < 11; j++) {
                assertEquals(values.getJsonArray(i).getJsonNumber(j).doubleValue(), values.getJsonArray(j).getJsonNumber(i).doubleValue());
            }
        }
        // bmi and progression: Pearson computed here
        double[] bmi = train.stream().mapToDouble(r -> Double.parseDouble(r[2])).toArray();
        assertEquals(pearson(bmi, target), values.getJsonArray(2).getJsonNumber(10).doubleValue(), 1e-9);
    }

    @Test
    void debianPackagesGivesShortSnippetsAndSortedTopWords() throws Exception {
        ImportSpec spec = new ImportSpec(DatasetFormat.TEXT, "section", "description", ',', 0.15, 0.2, 3);
        ImportResult result = DatasetImporter.importFiles(Map.of("table", DEMO.resolve("debian-packages.csv")), spec,
                Category.TEXT_CLASSIFICATION, temp.resolve("debian"));
        Path dir = temp.resolve("debian");
        JsonObject profile = parse(DatasetProfiler.profile(dir, DatasetFormat.TEXT, "section", "description", result.featureNames(),
                result.classNames(), null, rows(result)));

        assertEquals("TEXT", profile.getString("format"));
        assertEquals(result.trainRows(), sum(profile.getJsonArray("classes"), "train"));
        assertEquals(result.validationRows(), sum(profile.getJsonArray("classes"), "validation"));
        JsonArray samples = profile.getJsonArray("samples");
        Map<String, Integer> perClass = new HashMap<>();
        for (JsonValue sample : samples) {
            String text = sample.asJsonObject().getString("text");
            assertTrue(text.length() <= 200, text);
            perClass.merge(sample.asJsonObject().getString("class"), 1, Integer::sum);
        }
        assertTrue(perClass.values().stream().allMatch(n -> n <= 3), perClass.toString());
        assertTrue(result.classNames().containsAll(perClass.keySet()));

        TextTable train = TextTable.read(dir.resolve("train.csv"), "description", "section", ',');
        assertEquals(train.texts().get(0), samples.getJsonObject(0).getString("text"), "the first text in file order comes first");
        JsonObject text = profile.getJsonObject("text");
        assertEquals(train.rows(), text.getJsonObject("lengthInWords").getInt("count"));
        JsonArray top = text.getJsonArray("topWords");
        assertEquals(20, top.size());
        for (int i = 1; i < top.size(); i++) {
            assertTrue(top.getJsonObject(i - 1).getInt("count") >= top.getJsonObject(i).getInt("count"), "sorted by count");
        }
        String word = top.getJsonObject(0).getString("word");
        long hand = train.texts().stream().flatMap(t -> Arrays.stream(t.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")))
                .filter(word::equals).count();
        assertEquals(hand, top.getJsonObject(0).getInt("count"));
        long vocabulary = train.texts().stream().flatMap(t -> Arrays.stream(t.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{Nd}]+")))
                .filter(w -> !w.isEmpty()).distinct().count();
        assertEquals(vocabulary, text.getInt("vocabulary"));
    }

    @Test
    void snippetsAreCutAt200CharactersWithAnEllipsis() {
        assertEquals("short", DatasetProfiler.snippet("short"));
        String cut = DatasetProfiler.snippet("x".repeat(500));
        assertEquals(200, cut.length());
        assertEquals("x".repeat(199) + "…", cut);
        String emoji = "y".repeat(198) + "😀" + "z".repeat(10);
        assertFalse(Character.isHighSurrogate(DatasetProfiler.snippet(emoji).charAt(DatasetProfiler.snippet(emoji).length() - 2)));
    }

    @Test
    void fashionThumbnailsAreTheFirstTrainingImagesOfEachClassWithoutTheTestLabels() throws Exception {
        ImportSpec spec = new ImportSpec(DatasetFormat.IDX, null, null, ',', 0.15, 0.2, 11);
        ImportResult result = DatasetImporter.importFiles(Map.of("images", FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz"),
                "labels", FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz")), spec, Category.IMAGE_CLASSIFICATION, temp.resolve("fashion"));
        Path dir = temp.resolve("fashion");
        Files.delete(dir.resolve("test-labels.idx"));  // the profile must not need the hidden answers
        JsonObject profile = parse(DatasetProfiler.profile(dir, DatasetFormat.IDX, null, null, result.featureNames(), result.classNames(),
                result.imageShape(), rows(result)));

        JsonArray classes = profile.getJsonArray("classes");
        assertEquals(10, classes.size());
        assertEquals(result.trainRows(), sum(classes, "train"));
        assertEquals(result.validationRows(), sum(classes, "validation"));

        IdxArray images = IdxReader.read(dir.resolve("train-images.idx"));
        IdxArray labels = IdxReader.read(dir.resolve("train-labels.idx"));
        double total = 0;
        for (int p = 0; p < images.size(); p++) {
            total += images.value(p) / 255.0;
        }
        JsonObject image = profile.getJsonObject("image");
        assertEquals(28, image.getInt("height"));
        assertEquals(28, image.getInt("width"));
        assertEquals(1, image.getInt("channels"));
        double mean = image.getJsonNumber("pixelMean").doubleValue();
        assertTrue(mean > 0 && mean < 1, "ImageStatistics sees pixels scaled to [0, 1]");
        assertEquals(total / images.size(), mean, 1e-6);
        assertEquals(result.trainRows() * 784L, image.getJsonObject("pixelHistogram").getJsonArray("counts")
                .getValuesAs(JsonNumber.class).stream().mapToLong(JsonNumber::longValue).sum());

        JsonArray samples = profile.getJsonArray("samples");
        assertEquals(60, samples.size(), "6 for each of the 10 classes");
        JsonObject first = samples.getJsonObject(0);
        byte[] pixels = Base64.getDecoder().decode(first.getString("pixels"));
        assertEquals(first.getInt("width") * first.getInt("height"), pixels.length);
        byte[] expected = new byte[784];
        for (int p = 0; p < 784; p++) {
            expected[p] = (byte) images.value(p);
        }
        assertEquals(Integer.toString((int) labels.value(0)), first.getString("class"));
        assertArrayEquals(expected, pixels, "the first training image, byte for byte");

        // the mean image of the first image's class, over all its training images, computed here at one pixel
        JsonArray means = image.getJsonArray("meanImages");
        assertEquals(10, means.size());
        assertEquals(result.trainRows(), means.stream().mapToInt(m -> m.asJsonObject().getInt("images")).sum());
        int label = (int) labels.value(0);
        JsonObject meanImage = means.getValuesAs(JsonObject.class).stream().filter(m -> m.getString("class").equals(Integer.toString(label)))
                .findFirst().orElseThrow();
        int pixel = 14 * 28 + 14;
        long sum = 0;
        int count = 0;
        for (int i = 0; i < labels.size(); i++) {
            if ((int) labels.value(i) == label) {
                sum += (long) images.value(i * 784 + pixel);
                count++;
            }
        }
        assertEquals(count, meanImage.getInt("images"));
        assertEquals((double) sum / count, Base64.getDecoder().decode(meanImage.getString("pixels"))[pixel] & 0xff, 0.5 + 1e-6, "rounded");
    }

    @Test
    void theMeanImageOfEachClassIsThePixelByPixelMeanOfItsTrainingImages() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("tiny-images"));
        // training: class 0 twice, class 1 three times, interleaved; class 2 only in validation
        writeIdx(dir.resolve("train-images.idx"), new int[]{5, 2, 2}, new int[]{
                0, 10, 20, 30,
                255, 255, 0, 0,
                20, 30, 40, 50,
                255, 0, 255, 0,
                255, 100, 50, 3});
        writeIdx(dir.resolve("train-labels.idx"), new int[]{5}, new int[]{0, 1, 0, 1, 1});
        // validation images must not enter the means
        writeIdx(dir.resolve("validation-images.idx"), new int[]{2, 2, 2}, new int[]{200, 200, 200, 200, 9, 9, 9, 9});
        writeIdx(dir.resolve("validation-labels.idx"), new int[]{2}, new int[]{0, 2});
        // no test files at all: the profile reads neither the test images nor their hidden labels

        JsonObject profile = parse(DatasetProfiler.profile(dir, DatasetFormat.IDX, null, null, null, List.of("0", "1", "2"), new int[]{2, 2},
                new int[]{5, 2, 3}));

        JsonObject image = profile.getJsonObject("image");
        JsonArray means = image.getJsonArray("meanImages");
        assertEquals(2, means.size(), "class 2 has no training image: left out");
        JsonObject zero = means.getJsonObject(0);
        assertEquals("0", zero.getString("class"));
        assertEquals(2, zero.getInt("images"));
        assertEquals(2, zero.getInt("width"));
        assertEquals(2, zero.getInt("height"));
        // (0 + 20) / 2, (10 + 30) / 2, (20 + 40) / 2, (30 + 50) / 2
        assertArrayEquals(new int[]{10, 20, 30, 40}, unsigned(zero.getString("pixels")));
        JsonObject one = means.getJsonObject(1);
        assertEquals("1", one.getString("class"));
        assertEquals(3, one.getInt("images"));
        // 765 / 3 = 255, 355 / 3 = 118.3, 305 / 3 = 101.7, 3 / 3 = 1
        assertArrayEquals(new int[]{255, 118, 102, 1}, unsigned(one.getString("pixels")));

        JsonObject histogram = image.getJsonObject("pixelHistogram");
        assertEquals(5, histogram.getInt("images"));
        assertEquals(20, histogram.getJsonArray("counts").getValuesAs(JsonNumber.class).stream().mapToLong(JsonNumber::longValue).sum(),
                "the 5 training images of 4 pixels, not the validation ones");
        // pixels scaled to [0, 1]: the smallest 0, the largest 255 / 255
        assertEquals(0.0, histogram.getJsonArray("edges").getJsonNumber(0).doubleValue());
        assertEquals(1.0, histogram.getJsonArray("edges").getJsonNumber(DatasetProfiler.BINS).doubleValue(), 1e-6);
        assertEquals(9, histogram.getJsonArray("counts").getJsonNumber(0).longValue(), "0, 10, 20, 0, 0, 20, 0, 0 and 3 are below 25.5");
    }

    @Test
    void theMostFrequentWordsOfEachClassComeFromItsTrainingTextsOnly() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("tiny-texts"));
        Files.writeString(dir.resolve("train.csv"), """
                text,label
                "Red apple, red cherry",fruit
                Fast red car,vehicle
                Green apple,fruit
                Car car BUS,vehicle
                one two three four five six seven eight nine ten eleven,vehicle
                """, UTF_8);
        Files.writeString(dir.resolve("validation.csv"), """
                text,label
                banana banana banana,fruit
                zebra zebra,vehicle
                other words,other
                """, UTF_8);
        Files.writeString(dir.resolve("test.csv"), "text,label\nsecretword secretword secretword,fruit\n", UTF_8);

        String json = DatasetProfiler.profile(dir, DatasetFormat.TEXT, "label", "text", null, List.of("fruit", "other", "vehicle"), null,
                new int[]{5, 3, 1});
        assertFalse(json.contains("secretword"), "the hidden test texts are not read");
        JsonObject text = parse(json).getJsonObject("text");

        JsonArray perClass = text.getJsonArray("topWordsPerClass");
        assertEquals(2, perClass.size(), "'other' has no training text: left out");
        JsonObject fruit = perClass.getJsonObject(0);
        assertEquals("fruit", fruit.getString("class"));
        assertEquals(2, fruit.getInt("texts"));
        // the most frequent first, ties in alphabetical order; banana is only in validation
        assertEquals(List.of("apple 2", "red 2", "cherry 1", "green 1"), words(fruit.getJsonArray("words")));
        JsonObject vehicle = perClass.getJsonObject(1);
        assertEquals("vehicle", vehicle.getString("class"));
        assertEquals(3, vehicle.getInt("texts"));
        assertEquals(List.of("car 3", "bus 1", "eight 1", "eleven 1", "fast 1", "five 1", "four 1", "nine 1", "one 1", "red 1"),
                words(vehicle.getJsonArray("words")), "the first " + DatasetProfiler.TOP_WORDS_PER_CLASS + " of 14");

        assertEquals(List.of("car 3", "red 3", "apple 2"), words(text.getJsonArray("topWords")).subList(0, 3), "overall: both classes");
        JsonObject lengths = text.getJsonObject("lengthInWords");
        assertEquals(5, lengths.getInt("count"));
        assertEquals(4.6, lengths.getJsonNumber("mean").doubleValue(), 1e-12, "(4 + 3 + 2 + 3 + 11) / 5 words");
    }

    @Test
    void theHiddenTestLabelsAppearNowhere() throws Exception {
        Imported wine = importCsv("wine", "cultivar", Category.TABULAR_CLASSIFICATION);
        // a label that only the hidden answers hold: if the profiler read them, it would show or refuse it
        String secret = "hidden_class_only_in_test";
        List<String> test = Files.readAllLines(wine.dir.resolve("test.csv"), UTF_8);
        StringBuilder leaked = new StringBuilder(test.get(0)).append("\r\n");
        for (String line : test.subList(1, test.size())) {
            leaked.append(line, 0, line.lastIndexOf(',') + 1).append(secret).append("\r\n");
        }
        Files.writeString(wine.dir.resolve("test.csv"), leaked, UTF_8);

        String json = DatasetProfiler.profile(wine.dir, DatasetFormat.CSV, "cultivar", null, wine.result.featureNames(),
                wine.result.classNames(), null, rows(wine.result));
        assertFalse(json.contains(secret));
        JsonArray classes = parse(json).getJsonArray("classes");
        assertEquals(wine.result.totalRows() - wine.result.testRows(), sum(classes, "train") + sum(classes, "validation"));
    }

    @Test
    void numbersJsonCannotHoldBecomeNull() throws Exception {
        StringBuilder csv = new StringBuilder("x,constant,y\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i).append(",7,").append(i * 2 + 1).append('\n');
        }
        Path upload = Files.writeString(temp.resolve("constant.csv"), csv);
        ImportResult result = DatasetImporter.importFiles(Map.of("table", upload),
                new ImportSpec(DatasetFormat.CSV, "y", null, ',', 0.15, 0.2, 1), Category.TABULAR_REGRESSION, temp.resolve("constant"));
        JsonObject profile = parse(DatasetProfiler.profile(temp.resolve("constant"), DatasetFormat.CSV, "y", null, result.featureNames(),
                List.of(), null, rows(result)));

        JsonArray values = profile.getJsonObject("correlation").getJsonArray("values");
        assertEquals(JsonValue.NULL, values.getJsonArray(1).get(1), "a constant column has no correlation, even with itself");
        assertEquals(1.0, values.getJsonArray(0).getJsonNumber(2).doubleValue(), 1e-12, "y = 2x + 1");
        JsonObject constant = profile.getJsonArray("features").getJsonObject(1);
        assertEquals(0.0, constant.getJsonNumber("std").doubleValue());
        assertEquals(7.0, constant.getJsonNumber("mean").doubleValue());
    }

    @Test
    void aCategoricalColumnCountsItsCategoriesAndMissingValuesAndStaysOutOfTheCorrelations() throws Exception {
        StringBuilder csv = new StringBuilder("city,rooms,price\n");
        String[] cities = {"Lyon", "Paris", "Paris", "Nice", "Paris", "Lyon", "", "Brest \"Finistère\""};
        for (int i = 0; i < 120; i++) {
            csv.append(cities[i % cities.length].contains("\"") ? "\"Brest \"\"Finistère\"\"\"" : cities[i % cities.length]).append(',')
                    .append(i % 5 + 1).append(',').append(100 + i).append('\n');
        }
        Path upload = Files.writeString(temp.resolve("cities.csv"), csv);
        ImportResult result = DatasetImporter.importFiles(Map.of("table", upload),
                new ImportSpec(DatasetFormat.CSV, "price", null, ',', 0.15, 0.2, 3), Category.TABULAR_REGRESSION, temp.resolve("cities"));
        assertEquals(List.of("city"), result.categoricalColumns());
        JsonObject profile = parse(DatasetProfiler.profile(temp.resolve("cities"), DatasetFormat.CSV, "price", null, result.featureNames(),
                List.of(), null, rows(result)));

        // the expected counts, from the training file as a person would read it
        Map<String, Integer> expected = new java.util.HashMap<>();
        int missing = 0;
        for (String line : Files.readAllLines(temp.resolve("cities").resolve("train.csv"), UTF_8).subList(1, result.trainRows() + 1)) {
            String city = line.substring(0, line.lastIndexOf(',', line.lastIndexOf(',') - 1)).replace("\"\"", "\"");
            city = city.startsWith("\"") ? city.substring(1, city.length() - 1) : city;
            if (city.isEmpty()) {
                missing++;
            } else {
                expected.merge(city, 1, Integer::sum);
            }
        }
        JsonObject city = profile.getJsonArray("features").getJsonObject(0);
        assertEquals("categorical", city.getString("kind"));
        assertEquals(missing, city.getInt("missing"));
        assertEquals(result.trainRows() - missing, city.getInt("count"));
        assertEquals(4, city.getInt("categories"));
        JsonArray top = city.getJsonArray("top");
        assertEquals("Paris", top.getJsonObject(0).getString("category"), "the most frequent first");
        for (JsonValue entry : top) {
            assertEquals(expected.get(entry.asJsonObject().getString("category")), entry.asJsonObject().getInt("count"));
        }
        assertEquals(List.of("rooms", "price"), profile.getJsonObject("correlation").getJsonArray("columns").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList(), "only numeric columns are correlated");
        JsonObject sample = profile.getJsonArray("samples").getJsonObject(0).getJsonObject("values");
        assertTrue(sample.get("city").getValueType() == JsonValue.ValueType.STRING || sample.isNull("city"), sample.toString());
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private record Imported(ImportResult result, Path dir, String target) {
        JsonObject profile() throws Exception {
            return parse(DatasetProfiler.profile(dir, DatasetFormat.CSV, target, null, result.featureNames(), result.classNames(), null,
                    rows(result)));
        }
    }

    private Imported importCsv(String name, String target, Category category) throws Exception {
        ImportSpec spec = new ImportSpec(DatasetFormat.CSV, target, null, ',', 0.15, 0.2, 7);
        Path dir = temp.resolve(name);
        ImportResult result = DatasetImporter.importFiles(Map.of("table", DEMO.resolve(name + ".csv")), spec, category, dir);
        return new Imported(result, dir, target);
    }

    /** An unsigned-byte IDX file of these dimensions and values. */
    private static void writeIdx(Path file, int[] dimensions, int[] values) throws IOException {
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(Files.newOutputStream(file))) {
            out.write(new byte[]{0, 0, 0x08, (byte) dimensions.length});
            for (int dimension : dimensions) {
                out.writeInt(dimension);
            }
            for (int value : values) {
                out.write(value);
            }
        }
    }

    /** Base64 grey bytes as the values 0 to 255. */
    private static int[] unsigned(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64);
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xff;
        }
        return values;
    }

    /** "word count" for each entry of a list of words with their counts. */
    private static List<String> words(JsonArray words) {
        return words.getValuesAs(JsonObject.class).stream().map(w -> w.getString("word") + " " + w.getInt("count")).toList();
    }

    private static int[] rows(ImportResult result) {
        return new int[]{result.trainRows(), result.validationRows(), result.testRows()};
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    private static int sum(JsonArray classes, String split) {
        return classes.stream().mapToInt(c -> c.asJsonObject().getInt(split)).sum();
    }

    /** The data rows of a canonical numeric CSV file (no quotes in them). */
    private static List<String[]> csvRows(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, UTF_8);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(l -> l.split(",")).toList();
    }

    private static double pearson(double[] x, double[] y) {
        double mx = Arrays.stream(x).average().orElseThrow();
        double my = Arrays.stream(y).average().orElseThrow();
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
