package org.mlarena.dataset.control;

import org.mlarena.dataset.entity.DatasetFormat;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.mlarena.numerics.data.CsvTable;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.data.LabelledImages;
import org.mlarena.numerics.data.TextTable;
import org.mlarena.numerics.nn.ModelZoo.Category;

/** Imports of every format, read back with the batch readers; and every way an upload can be refused. */
class DatasetImporterTest {

    /** The Fashion-MNIST subset the batch module ships (500 test images, gzip); tests run in the module directory. */
    static final Path FASHION_MNIST = Path.of("../batch/src/main/resources/fashion-mnist-subset");

    @TempDir
    Path temp;

    Path uploads;
    Path datasets;

    @BeforeEach
    void directories() throws IOException {
        uploads = Files.createDirectory(temp.resolve("uploads"));
        datasets = Files.createDirectory(temp.resolve("datasets"));
    }

    // ------------------------------------------------------------------------------------------------ CSV

    @Test
    void csvClassificationSplitsEveryClassIntoEverySplit() throws Exception {
        // 40 setosa, 17 versicolor, 3 virginica: even the class of 3 must reach every split
        Path table = upload("iris.csv", irisLike(';'));
        ImportResult result = DatasetImporter.importFiles(Map.of("table", table), csv("species", ';', 7), Category.TABULAR_CLASSIFICATION,
                datasets.resolve("iris"));

        assertEquals(DatasetFormat.CSV, result.format());
        assertEquals(60, result.totalRows());
        assertEquals(12, result.testRows(), "20 % of 60");
        assertEquals(9, result.validationRows(), "15 % of 60");
        assertEquals(39, result.trainRows());
        assertEquals(List.of("x1", "x2"), result.featureNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), result.classNames());
        assertArrayEquals(new int[0], result.imageShape());
        assertEquals(List.of("train.csv/train/false", "validation.csv/validation/false", "test.csv/test/true", "test-features.csv/test/false"),
                result.files().stream().map(f -> f.name() + "/" + f.split() + "/" + f.hidden()).toList());
        assertFilesAreDescribedExactly(datasets.resolve("iris"), result);
        assertEquals(List.of("iris"), listing(datasets), "no temporary directory is left beside it");

        Path dir = datasets.resolve("iris");
        CsvTable original = CsvTable.read(table, "species", CsvTable.TargetKind.CLASSES, ';');
        List<String> readBack = new ArrayList<>();
        int[] expectedRows = {result.trainRows(), result.validationRows(), result.testRows()};
        String[] names = {"train.csv", "validation.csv", "test.csv"};
        for (int s = 0; s < names.length; s++) {
            CsvTable split = CsvTable.read(dir.resolve(names[s]), "species", CsvTable.TargetKind.CLASSES, ',');
            assertEquals(expectedRows[s], split.rows());
            assertEquals(List.of("x1", "x2"), split.featureNames());
            assertEquals(result.classNames(), split.classNames(), names[s] + " has every class");
            readBack.addAll(rows(split));
        }
        assertEquals(sorted(rows(original)), sorted(readBack), "the splits hold exactly the uploaded rows, numbers unchanged");

        List<String> test = Files.readAllLines(dir.resolve("test.csv"), UTF_8);
        List<String> features = Files.readAllLines(dir.resolve("test-features.csv"), UTF_8);
        assertEquals("x1,x2,species", test.get(0));
        assertEquals(test.size(), features.size());
        for (int i = 0; i < test.size(); i++) {
            assertEquals(test.get(i).substring(0, test.get(i).lastIndexOf(',')), features.get(i), "test-features is test without the target");
        }
        assertTrue(Files.readString(dir.resolve("train.csv"), UTF_8).contains("\r\n"), "RFC 4180 records end with CRLF");
    }

    @Test
    void theSameSeedGivesTheSameFilesAndAnotherSeedAnotherSplit() throws Exception {
        Path table = upload("iris.csv", irisLike(','));
        List<String> first = sha256s(DatasetImporter.importFiles(Map.of("table", table), csv("species", ',', 42),
                Category.TABULAR_CLASSIFICATION, datasets.resolve("a")));
        List<String> again = sha256s(DatasetImporter.importFiles(Map.of("table", table), csv("species", ',', 42),
                Category.TABULAR_CLASSIFICATION, datasets.resolve("b")));
        List<String> other = sha256s(DatasetImporter.importFiles(Map.of("table", table), csv("species", ',', 43),
                Category.TABULAR_CLASSIFICATION, datasets.resolve("c")));
        assertEquals(first, again);
        for (int i = 0; i < first.size(); i++) {
            assertNotEquals(first.get(i), other.get(i), "file " + i + " differs with another seed");
        }
    }

    @Test
    void csvRegressionKeepsNumbersExactly() throws Exception {
        StringBuilder csv = new StringBuilder("price,rooms,area\n");
        Random random = new Random(3);
        for (int i = 0; i < 37; i++) {
            csv.append(random.nextGaussian() * 1e5).append(',').append(1 + random.nextInt(6)).append(',')
                    .append(random.nextFloat() * 1e-3f).append('\n');
        }
        Path table = upload("houses.csv", csv.toString());
        ImportResult result = DatasetImporter.importFiles(Map.of("table", table), csv(" price ", ',', 1), Category.TABULAR_REGRESSION,
                datasets.resolve("houses"));

        assertEquals(List.of(), result.classNames(), "regression has no classes");
        assertEquals(List.of("rooms", "area"), result.featureNames());
        assertEquals(37, result.totalRows());
        assertEquals(7, result.testRows());
        assertEquals(6, result.validationRows());
        List<String> readBack = new ArrayList<>();
        for (String name : List.of("train.csv", "validation.csv", "test.csv")) {
            readBack.addAll(rows(CsvTable.read(datasets.resolve("houses").resolve(name), "price", CsvTable.TargetKind.NUMBERS, ',')));
        }
        assertEquals(sorted(rows(CsvTable.read(table, "price", CsvTable.TargetKind.NUMBERS, ','))), sorted(readBack));
        assertFilesAreDescribedExactly(datasets.resolve("houses"), result);
    }

    // ------------------------------------------------------------------------------------------------ TEXT

    @Test
    void textSurvivesQuotesDelimitersAndLineBreaks() throws Exception {
        List<String> texts = new ArrayList<>(List.of("He said \"great\", then left", "two\nlines, and a comma", "tab\tinside",
                "  leading and trailing spaces  ", "\"quoted from the start\"", "naïve café ☕", "semi;colon"));
        while (texts.size() < 24) {
            texts.add("plain review number " + texts.size());
        }
        StringBuilder tsv = new StringBuilder("id\treview\tsentiment\n");
        for (int i = 0; i < texts.size(); i++) {
            tsv.append(i).append('\t').append('"').append(texts.get(i).replace("\"", "\"\"")).append('"').append('\t')
                    .append(i % 3 == 0 ? "negative" : i % 3 == 1 ? "positive" : "neutral").append('\n');
        }
        Path table = upload("reviews.tsv", tsv.toString());
        ImportSpec spec = new ImportSpec(DatasetFormat.TEXT, "sentiment", "review", '\t', 0.2, 0.2, 5);
        ImportResult result = DatasetImporter.importFiles(Map.of("table", table), spec, Category.TEXT_CLASSIFICATION, datasets.resolve("reviews"));

        assertEquals(List.of("review"), result.featureNames());
        assertEquals(List.of("negative", "positive", "neutral").stream().sorted().toList(), result.classNames());
        assertEquals(24, result.totalRows());
        Path dir = datasets.resolve("reviews");
        List<String> readBack = new ArrayList<>();
        for (String name : List.of("train.csv", "validation.csv", "test.csv")) {
            TextTable split = TextTable.read(dir.resolve(name), "review", "sentiment", ',');
            assertEquals(result.classNames(), split.classNames(), name + " has every class");
            readBack.addAll(rows(split));
        }
        assertEquals(sorted(rows(TextTable.read(table, "review", "sentiment", '\t'))), sorted(readBack));
        assertTrue(readBack.stream().anyMatch(r -> r.startsWith("two\nlines, and a comma|")), "the line break survives");
        assertEquals("review,sentiment", Files.readAllLines(dir.resolve("train.csv"), UTF_8).get(0), "only the text and label columns");
        assertTrue(Files.readString(dir.resolve("test-features.csv"), UTF_8).startsWith("review\r\n"));
        assertFilesAreDescribedExactly(dir, result);
    }

    // ------------------------------------------------------------------------------------------------ IDX

    @Test
    void idxFromTheGzippedFashionMnistSubset() throws Exception {
        Path images = FASHION_MNIST.resolve("t10k-images-idx3-ubyte.gz");
        Path labels = FASHION_MNIST.resolve("t10k-labels-idx1-ubyte.gz");
        ImportResult result = DatasetImporter.importFiles(Map.of("images", images, "labels", labels), idx(11), Category.IMAGE_CLASSIFICATION,
                datasets.resolve("fashion"));

        assertEquals(DatasetFormat.IDX, result.format());
        assertArrayEquals(new int[]{28, 28}, result.imageShape());
        assertEquals(List.of(), result.featureNames());
        assertEquals(IntStream.range(0, 10).mapToObj(Integer::toString).toList(), result.classNames());
        assertEquals(500, result.totalRows());
        assertEquals(100, result.testRows());
        assertEquals(75, result.validationRows());
        assertEquals(List.of("train-images.idx/false", "train-labels.idx/false", "validation-images.idx/false", "validation-labels.idx/false",
                "test-images.idx/false", "test-labels.idx/true"), result.files().stream().map(f -> f.name() + "/" + f.hidden()).toList());
        assertFilesAreDescribedExactly(datasets.resolve("fashion"), result);

        Path dir = datasets.resolve("fashion");
        List<String> readBack = new ArrayList<>();
        for (String split : List.of("train", "validation", "test")) {
            Path splitImages = dir.resolve(split + "-images.idx");
            assertEquals(0, Files.readAllBytes(splitImages)[0], "written uncompressed");
            LabelledImages read = LabelledImages.readIdx(splitImages, dir.resolve(split + "-labels.idx"));
            assertEquals(10, Arrays.stream(read.labels()).distinct().count(), split + " has every class");
            readBack.addAll(rows(read));
        }
        assertEquals(sorted(rows(LabelledImages.readIdx(images, labels))), sorted(readBack), "the splits hold exactly the uploaded images");
    }

    @Test
    void idxUncompressedWithAnyLabelTypeBecomesUnsignedBytes() throws Exception {
        byte[] pixels = new byte[30 * 4 * 3];
        new Random(9).nextBytes(pixels);
        Path images = idxFile("images.idx", false, 0x08, new int[]{30, 4, 3}, out -> out.write(pixels));
        Path labels = idxFile("labels.idx", false, 0x0C, new int[]{30}, out -> {
            for (int i = 0; i < 30; i++) {
                out.writeInt(i % 3);
            }
        });
        ImportResult result = DatasetImporter.importFiles(Map.of("images", images, "labels", labels), idx(1), Category.IMAGE_CLASSIFICATION,
                datasets.resolve("tiny"));
        assertArrayEquals(new int[]{4, 3}, result.imageShape());
        assertEquals(List.of("0", "1", "2"), result.classNames());
        List<String> readBack = new ArrayList<>();
        for (String split : List.of("train", "validation", "test")) {
            byte[] labelFile = Files.readAllBytes(datasets.resolve("tiny").resolve(split + "-labels.idx"));
            assertEquals(0x08, labelFile[2], "labels are written as unsigned bytes");
            readBack.addAll(rows(LabelledImages.readIdx(datasets.resolve("tiny").resolve(split + "-images.idx"),
                    datasets.resolve("tiny").resolve(split + "-labels.idx"))));
        }
        assertEquals(sorted(rows(LabelledImages.readIdx(images, labels))), sorted(readBack));
    }

    @Test
    void categoriesAreWrittenAsTheirTextsAndListedForAllSplits() throws Exception {
        StringBuilder table = new StringBuilder("size,colour,weight,label\n");
        String[] sizes = {"S", "M", "L", "XL", "10"};
        for (int i = 0; i < 60; i++) {
            table.append(sizes[i % 5]).append(',').append(i % 4 == 0 ? "" : i % 2 == 0 ? "red, dark" : "blue").append(',').append(i * 0.5)
                    .append(',').append(i % 3).append('\n');
        }
        table = new StringBuilder(table.toString().replace("red, dark", "\"red, dark\""));
        Path dir = temp.resolve("sizes");
        ImportResult result = DatasetImporter.importFiles(Map.of("table", upload("sizes.csv", table.toString())),
                new ImportSpec(DatasetFormat.CSV, "label", null, ',', 0.2, 0.2, 9), Category.TABULAR_CLASSIFICATION, dir);
        assertEquals(List.of("size", "colour"), result.categoricalColumns());
        assertEquals(5 + 2 + 1 + 1, result.inputWidth(), "five sizes, two colours and a missing flag, the weight");
        assertTrue(result.files().stream().anyMatch(f -> f.name().equals(DatasetImporter.CATEGORIES) && f.split().equals(DatasetImporter.ALL) && !f.hidden()));
        assertEquals(List.of(List.of("10", "L", "M", "S", "XL"), List.of("blue", "red, dark"), List.of()),
                SplitLoader.categories(dir, result.featureNames()));
        // every split reads back with the same numbers, its texts as the upload had them
        int rows = 0;
        for (String split : List.of("train", "validation", "test")) {
            CsvTable read = CsvTable.read(dir.resolve(split + ".csv"), "label", CsvTable.TargetKind.CLASSES, ',', true,
                    SplitLoader.categories(dir, result.featureNames()));
            rows += read.rows();
            for (int r = 0; r < read.rows(); r++) {
                float colour = read.features()[r * 3 + 1];
                assertTrue(Float.isNaN(colour) || colour == 0f || colour == 1f);
            }
        }
        assertEquals(60, rows);
        assertTrue(Files.readString(dir.resolve("train.csv"), UTF_8).contains("\"red, dark\""), "a category with a comma is quoted");
    }

    // ------------------------------------------------------------------------------------------------ refusals

    @Test
    void aNumericTargetInAClassificationUseCaseIsSaidToLookLikeRegression() throws Exception {
        StringBuilder measured = new StringBuilder("x,price\n");
        for (int i = 0; i < 40; i++) {
            measured.append(i).append(',').append(100 + i % 8 * 2.5).append('\n');
        }
        InvalidDataException e = assertRefused(Map.of("table", upload("prices.csv", measured.toString())),
                new ImportSpec(DatasetFormat.CSV, "price", null, ',', 0.2, 0.2, 1), Category.TABULAR_CLASSIFICATION);
        assertEquals("table: column 'price': looks like a regression target: 8 distinct numbers (e.g. 100.0, 102.5, 105.0) for 40 rows."
                + " Host the use case as tabular regression; if they are class codes, write them as whole numbers or names.", e.getMessage());
        StringBuilder codes = new StringBuilder("x,digit\n");
        for (int i = 0; i < 40; i++) {
            codes.append(i).append(',').append(i % 10).append('\n');
        }
        assertEquals(10, DatasetImporter.importFiles(Map.of("table", upload("codes.csv", codes.toString())),
                new ImportSpec(DatasetFormat.CSV, "digit", null, ',', 0.2, 0.2, 1), Category.TABULAR_CLASSIFICATION, temp.resolve("codes"))
                .classNames().size(), "whole numbers are class codes");
        assertTrue(DatasetImporter.looksLikeRegression(java.util.stream.IntStream.range(0, 60).mapToObj(Integer::toString).toList(), 200),
                "60 whole numbers for 200 rows");
        assertFalse(DatasetImporter.looksLikeRegression(java.util.stream.IntStream.range(0, 60).mapToObj(Integer::toString).toList(), 600));
    }

    @Test
    void everyBadValueIsReportedWithItsLineAndColumn() throws Exception {
        String table = "x,y,label\n1,2,a\n3,4,b\n5,6,a\nabc,8,b\n9,10,a\n11,,b\n" + "1,2,a\n".repeat(10);
        ImportSpec refuseMissing = new ImportSpec(DatasetFormat.CSV, "label", null, ',', 0.2, 0.2, 1, false);
        InvalidDataException e = assertRefused(Map.of("table", upload("bad.csv", table)), refuseMissing, Category.TABULAR_CLASSIFICATION);
        assertEquals(2, e.problems().size(), e.getMessage());
        assertTrue(e.problems().get(0).startsWith("line 5, column 'x': 'abc' is not a number, and this column holds numbers"), e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("line 7, column 'y': the value is missing"), e.problems().get(1));
        assertTrue(e.getMessage().startsWith("table: 2 problems"), "names the upload, not its path on the server: " + e.getMessage());
    }

    @Test
    void aMissingTargetColumnIsNamedWithTheColumnsThereAre() throws Exception {
        InvalidDataException e = assertRefused(Map.of("table", upload("t.csv", irisLike(','))), csv("class", ',', 1),
                Category.TABULAR_CLASSIFICATION);
        assertTrue(e.getMessage().contains("has no column 'class' to predict; its columns are [x1, species, x2]"), e.getMessage());
    }

    @Test
    void theFormatMustFitTheCategory() throws Exception {
        Path table = upload("t.csv", irisLike(','));
        InvalidDataException image = assertRefused(Map.of("table", table), csv("species", ',', 1), Category.IMAGE_CLASSIFICATION);
        assertTrue(image.getMessage().contains("A use case of category IMAGE_CLASSIFICATION imports IDX") && image.getMessage().contains("not CSV"),
                image.getMessage());
        InvalidDataException text = assertRefused(Map.of("table", table), new ImportSpec(DatasetFormat.TEXT, "species", "x1", ',', 0.1, 0.1, 1),
                Category.TABULAR_REGRESSION);
        assertTrue(text.getMessage().contains("with the format CSV"), text.getMessage());
        InvalidDataException keys = assertRefused(Map.of("images", table), csv("species", ',', 1), Category.TABULAR_CLASSIFICATION);
        assertTrue(keys.getMessage().contains("needs exactly the files [table], got [images]"), keys.getMessage());
    }

    @Test
    void tooFewRowsOrOneClassAreRefusedWithTheCounts() throws Exception {
        InvalidDataException few = assertRefused(Map.of("table", upload("few.csv", "x,label\n" + "1,a\n2,b\n".repeat(3) + "3,a\n")),
                csv("label", ',', 1), Category.TABULAR_CLASSIFICATION);
        assertEquals("table: has 7 rows; an import needs at least 10 so that the training, validation and test splits each get some. Add rows.",
                few.getMessage());
        InvalidDataException oneClass = assertRefused(Map.of("table", upload("one.csv", "x,label\n" + "1,same\n".repeat(12))),
                csv("label", ',', 1), Category.TABULAR_CLASSIFICATION);
        assertTrue(oneClass.getMessage().contains("column 'label': every row has the class 'same'; classification needs at least 2 classes"),
                oneClass.getMessage());
        InvalidDataException singletons = assertRefused(Map.of("table", upload("singletons.csv",
                "x,label\n" + IntStream.range(0, 10).mapToObj(i -> i + ",c" + i + "\n").collect(Collectors.joining()))),
                csv("label", ',', 1), Category.TABULAR_CLASSIFICATION);
        assertEquals("table: the validation and test splits would get no rows: the 10 rows fall into 10 classes, of which 0 have"
                + " the 3 rows a class needs to be in every split. Add rows to the small classes.", singletons.getMessage());
        InvalidDataException scores = assertRefused(Map.of("table", upload("scores.csv",
                "x,progression\n" + IntStream.range(0, 60).mapToObj(i -> i + "," + (25 + i * 3) + "\n").collect(Collectors.joining()))),
                csv("progression", ',', 1), Category.TABULAR_CLASSIFICATION);
        assertTrue(scores.getMessage().contains("looks like a regression target: 60 distinct numbers (e.g. 100, 103, 106) for 60 rows."
                + " Host the use case as tabular regression"), scores.getMessage());
        InvalidDataException notUtf8 = assertRefused(Map.of("table", Files.write(uploads.resolve("latin1.csv"),
                "x,label\n1,caf\u00e9\n".getBytes(ISO_8859_1))), csv("label", ',', 1), Category.TABULAR_CLASSIFICATION);
        assertTrue(notUtf8.getMessage().contains("is not UTF-8 text"), notUtf8.getMessage());
    }

    @Test
    void idxImagesAndLabelsMustMatch() throws Exception {
        Path images = idxFile("images.idx.gz", true, 0x08, new int[]{12, 2, 2}, out -> out.write(new byte[48]));
        Path elevenLabels = idxFile("labels.idx", false, 0x08, new int[]{11}, out -> out.write(new byte[]{0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0}));
        InvalidDataException unequal = assertRefused(Map.of("images", images, "labels", elevenLabels), idx(1), Category.IMAGE_CLASSIFICATION);
        assertEquals("images has 12 images but labels has 11 labels; they must hold the same images in the same order, one label each",
                unequal.getMessage());

        Path badLabels = idxFile("bad-labels.idx", false, 0x0B, new int[]{12}, out -> {
            for (int i = 0; i < 12; i++) {
                out.writeShort(i == 2 ? 300 : i == 5 ? -1 : i % 2);
            }
        });
        InvalidDataException outOfRange = assertRefused(Map.of("images", images, "labels", badLabels), idx(1), Category.IMAGE_CLASSIFICATION);
        assertEquals(List.of("labels: label 2 (byte offset 12) is 300; labels must be whole numbers from 0 to 255",
                "labels: label 5 (byte offset 18) is -1; labels must be whole numbers from 0 to 255"), outOfRange.problems());

        InvalidDataException swapped = assertRefused(Map.of("images", elevenLabels, "labels", images), idx(1), Category.IMAGE_CLASSIFICATION);
        assertTrue(swapped.problems().contains("images: an images file has 3 dimensions (count, rows, columns), this one has 1;"
                + " are the images and labels files swapped?"), swapped.getMessage());

        Path truncated = idxFile("truncated.idx", false, 0x08, new int[]{12}, out -> out.write(new byte[5]));
        InvalidDataException both = assertRefused(Map.of("images", uploads.resolve("absent.idx"), "labels", truncated), idx(1),
                Category.IMAGE_CLASSIFICATION);
        assertEquals(2, both.problems().size(), "both files' problems at once: " + both.getMessage());
        assertTrue(both.problems().get(1).startsWith("labels: truncated"), both.getMessage());
    }

    @Test
    void anExistingTargetDirectoryIsLeftAlone() throws Exception {
        Path existing = Files.createDirectory(datasets.resolve("taken"));
        Files.writeString(existing.resolve("keep.txt"), "earlier import");
        assertThrows(FileAlreadyExistsException.class, () -> DatasetImporter.importFiles(Map.of("table", upload("t.csv", irisLike(','))),
                csv("species", ',', 1), Category.TABULAR_CLASSIFICATION, existing));
        assertEquals(List.of("keep.txt"), listing(existing));
        assertEquals(List.of("taken"), listing(datasets));
    }

    @Test
    void specsThatCannotWorkAreRefusedWithReasons() {
        assertSpecRefused("The validation fraction must be from 0.05 to 0.5, got 0.7.",
                () -> new ImportSpec(DatasetFormat.CSV, "y", null, ',', 0.7, 0.1, 1));
        assertSpecRefused("must be below 0.9", () -> new ImportSpec(DatasetFormat.CSV, "y", null, ',', 0.45, 0.45, 1));
        assertSpecRefused("The test fraction must be from 0.05 to 0.5, got NaN.", () -> new ImportSpec(DatasetFormat.CSV, "y", null, ',', 0.1, Double.NaN, 1));
        assertSpecRefused("The delimiter must be ',', ';' or a tab, got '|'.", () -> new ImportSpec(DatasetFormat.CSV, "y", null, '|', 0.1, 0.1, 1));
        assertSpecRefused("A CSV import needs the name of the target column", () -> new ImportSpec(DatasetFormat.CSV, " ", null, ',', 0.1, 0.1, 1));
        assertSpecRefused("needs the name of the column that holds the texts", () -> new ImportSpec(DatasetFormat.TEXT, "label", null, ',', 0.1, 0.1, 1));
        assertSpecRefused("name two different columns", () -> new ImportSpec(DatasetFormat.TEXT, "t", "t", ',', 0.1, 0.1, 1));
        assertSpecRefused("Say the format", () -> new ImportSpec(null, "y", null, ',', 0.1, 0.1, 1));
        assertEquals("price", new ImportSpec(DatasetFormat.CSV, " price ", "", ',', 0.1, 0.1, 1).targetColumn());
        assertEquals(null, new ImportSpec(DatasetFormat.IDX, null, null, ',', 0.1, 0.1, 1).targetColumn(), "IDX needs no columns");
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static ImportSpec csv(String target, char delimiter, long seed) {
        return new ImportSpec(DatasetFormat.CSV, target, null, delimiter, 0.15, 0.2, seed);
    }

    private static ImportSpec idx(long seed) {
        return new ImportSpec(DatasetFormat.IDX, null, null, ',', 0.15, 0.2, seed);
    }

    /** 40 setosa, 17 versicolor, 3 virginica; the target between the features; awkward floats. */
    private static String irisLike(char delimiter) {
        StringBuilder csv = new StringBuilder("x1" + delimiter + "species" + delimiter + "x2\n");
        Random random = new Random(1);
        for (int i = 0; i < 60; i++) {
            String species = i < 40 ? "setosa" : i < 57 ? "versicolor" : "virginica";
            csv.append(random.nextFloat() * 10).append(delimiter).append(species).append(delimiter).append(i * 0.1).append('\n');
        }
        return csv.toString();
    }

    private Path upload(String name, String content) throws IOException {
        return Files.writeString(uploads.resolve(name), content, UTF_8);
    }

    interface IdxBody {
        void write(DataOutputStream out) throws IOException;
    }

    private Path idxFile(String name, boolean gzip, int type, int[] dimensions, IdxBody body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(new byte[]{0, 0, (byte) type, (byte) dimensions.length});
            for (int d : dimensions) {
                out.writeInt(d);
            }
            body.write(out);
        }
        Path file = uploads.resolve(name);
        try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
            out.write(bytes.toByteArray());
        }
        return file;
    }

    /** Refused with every problem, and nothing written: no target directory, no temporary one. */
    private InvalidDataException assertRefused(Map<String, Path> files, ImportSpec spec, Category category) throws IOException {
        Path target = datasets.resolve("refused");
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> DatasetImporter.importFiles(files, spec, category, target));
        assertFalse(Files.exists(target));
        assertEquals(List.of(), listing(datasets), "nothing left behind");
        assertFalse(e.problems().isEmpty());
        return e;
    }

    private static void assertSpecRefused(String expected, Executable making) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, making);
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
    }

    private static void assertFilesAreDescribedExactly(Path dir, ImportResult result) throws Exception {
        assertEquals(new TreeSet<>(result.files().stream().map(StoredFile::name).toList()), new TreeSet<>(listing(dir)));
        for (StoredFile file : result.files()) {
            byte[] content = Files.readAllBytes(dir.resolve(file.name()));
            assertEquals(content.length, file.bytes(), file.name());
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content)), file.sha256(), file.name());
        }
    }

    private static List<String> sha256s(ImportResult result) {
        return result.files().stream().map(StoredFile::sha256).toList();
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static List<String> sorted(List<String> rows) {
        return rows.stream().sorted().toList();
    }

    /** Each row as text, exact: the float features, then the class or the number. */
    private static List<String> rows(CsvTable table) {
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < table.rows(); r++) {
            float[] features = Arrays.copyOfRange(table.features(), r * table.columns(), (r + 1) * table.columns());
            String target = table.classNames().isEmpty() ? Double.toString(table.target()[r]) : table.classNames().get((int) table.target()[r]);
            rows.add(Arrays.toString(features) + "|" + target);
        }
        return rows;
    }

    private static List<String> rows(TextTable table) {
        return IntStream.range(0, table.rows()).mapToObj(r -> table.texts().get(r) + "|" + table.classNames().get(table.labels()[r])).toList();
    }

    private static List<String> rows(LabelledImages images) {
        int size = images.pixelsPerImage();
        return IntStream.range(0, images.count())
                .mapToObj(i -> Arrays.toString(Arrays.copyOfRange(images.pixels(), i * size, (i + 1) * size)) + "|" + images.labels()[i]).toList();
    }
}
