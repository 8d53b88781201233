package org.mlarena.dataset.control;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.dataset.control.ImportSpec;
import org.mlarena.numerics.data.BagOfWords;
import org.mlarena.numerics.data.CsvTable;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.data.LabelledImages;
import org.mlarena.numerics.data.TextTable;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.ModelZoo.Category;
import org.mlarena.numerics.nn.RegressionData;

/** Every format read back from a real import, class numbering by the dataset's list, and every refusal with its place. */
class SplitLoaderTest {

    private static final List<String> SPLITS = List.of("train", "validation", "test");

    @TempDir
    Path temp;

    @Test
    void csvClassificationGivesEveryRowWithTheDatasetsClassOfIt() throws Exception {
        ImportedDatasets.Imported wine = ImportedDatasets.wine(temp);
        int[] rows = {wine.result().trainRows(), wine.result().validationRows(), wine.result().testRows()};
        for (int s = 0; s < 3; s++) {
            ClassificationData data = assertInstanceOf(ClassificationData.class, wine.load(SPLITS.get(s)));
            CsvTable file = CsvTable.read(wine.directory().resolve(SPLITS.get(s) + ".csv"), "cultivar", CsvTable.TargetKind.CLASSES, ',');
            assertEquals(rows[s], data.rows(), SPLITS.get(s));
            assertEquals(13, data.features());
            assertEquals(3, data.classes());
            assertArrayEquals(file.features(), data.inputs(), SPLITS.get(s) + ": the feature columns as they are");
            for (int row = 0; row < data.rows(); row++) {
                assertEquals(file.classNames().get(file.classes()[row]), wine.result().classNames().get(data.labels()[row]), "row " + row);
            }
        }
    }

    @Test
    void classIndicesFollowTheGivenClassListEvenWhereASplitLacksAClass() throws Exception {
        // 'a' has one row: the import keeps it in training, so validation holds only 'b' and 'c'
        StringBuilder table = new StringBuilder("x1,x2,kind\n0.5,1.5,a\n");
        for (int i = 0; i < 24; i++) {
            table.append(i).append(',').append(i * 0.25).append(',').append(i % 2 == 0 ? "b" : "c").append('\n');
        }
        Path upload = Files.writeString(temp.resolve("kinds.csv"), table);
        ImportedDatasets.Imported kinds = ImportedDatasets.table(upload, new ImportSpec(DatasetFormat.CSV, "kind", null, ',', 0.2, 0.2, 9),
                Category.TABULAR_CLASSIFICATION, temp.resolve("kinds"));
        Path validationFile = kinds.directory().resolve("validation.csv");
        CsvTable file = CsvTable.read(validationFile, "kind", CsvTable.TargetKind.CLASSES, ',');
        assertEquals(List.of("b", "c"), file.classNames(), "the premise: validation lacks 'a', so the reader numbers b 0 and c 1");

        ClassificationData sorted = (ClassificationData) kinds.load("validation");
        ClassificationData reversed = (ClassificationData) kinds.load("validation", List.of("c", "b", "a"));
        assertEquals(3, sorted.classes());
        assertEquals(3, reversed.classes());
        for (int row = 0; row < file.rows(); row++) {
            String kind = file.classNames().get(file.classes()[row]);
            assertEquals(kind.equals("b") ? 1 : 2, sorted.labels()[row], "row " + row + " (" + kind + ") in the list [a, b, c]");
            assertEquals(kind.equals("b") ? 1 : 0, reversed.labels()[row], "row " + row + " (" + kind + ") in the list [c, b, a]");
        }
    }

    @Test
    void regressionGivesTheTargetAsOneOutput() throws Exception {
        ImportedDatasets.Imported diabetes = ImportedDatasets.diabetes(temp);
        RegressionData test = assertInstanceOf(RegressionData.class, diabetes.load("test"));
        CsvTable file = CsvTable.read(diabetes.directory().resolve("test.csv"), "progression", CsvTable.TargetKind.NUMBERS, ',');
        assertEquals(diabetes.result().testRows(), test.rows());
        assertEquals(1, test.outputs());
        assertEquals(10, test.features());
        assertArrayEquals(file.features(), test.inputs());
        for (int row = 0; row < test.rows(); row++) {
            assertEquals((float) file.target()[row], test.targets()[row], "row " + row);
        }
    }

    @Test
    void textBecomesBagOfWordsVectorsOfTheGivenSize() throws Exception {
        ImportedDatasets.Imported debian = ImportedDatasets.debianPackages(temp);
        ClassificationData test = assertInstanceOf(ClassificationData.class, debian.load("test"));
        TextTable file = TextTable.read(debian.directory().resolve("test.csv"), "description", "section", ',');
        assertEquals(debian.result().testRows(), test.rows());
        assertEquals(ImportedDatasets.TEXT_BUCKETS, test.features());
        assertEquals(debian.result().classNames().size(), test.classes());
        assertArrayEquals(new BagOfWords(ImportedDatasets.TEXT_BUCKETS).vectorise(file.texts()), test.inputs());
        for (int row = 0; row < test.rows(); row++) {
            assertEquals(file.classNames().get(file.labels()[row]), debian.result().classNames().get(test.labels()[row]), "row " + row);
        }
    }

    @Test
    void idxGivesPixelsScaledAsLabelledImagesScalesThem() throws Exception {
        ImportedDatasets.Imported fashion = ImportedDatasets.fashion(temp);
        int[] rows = {fashion.result().trainRows(), fashion.result().validationRows(), fashion.result().testRows()};
        for (int s = 0; s < 3; s++) {
            String split = SPLITS.get(s);
            ClassificationData data = assertInstanceOf(ClassificationData.class, fashion.load(split));
            LabelledImages file = LabelledImages.readIdx(fashion.directory().resolve(split + "-images.idx"),
                    fashion.directory().resolve(split + "-labels.idx"));
            assertEquals(rows[s], data.rows(), split);
            assertEquals(784, data.features());
            assertEquals(10, data.classes());
            assertArrayEquals(file.pixels(), data.inputs(), split);
            assertArrayEquals(file.labels(), data.labels(), split + ": the classes are named by their numbers, so the indices stay");
        }
        InvalidDataException shape = assertThrows(InvalidDataException.class, () -> SplitLoader.load(fashion.directory(), DatasetFormat.IDX,
                null, null, fashion.result().classNames(), new int[]{32, 32}, "test", 0));
        assertTrue(shape.getMessage().contains("28 × 28 pixels but the dataset's are 32 × 32"), shape.getMessage());
    }

    @Test
    void aLabelOutsideTheClassListIsRefusedWithItsFileLineAndValue() throws Exception {
        ImportedDatasets.Imported wine = ImportedDatasets.wine(temp);
        Files.writeString(wine.directory().resolve("test.csv"), "13.0,1.7,2.4,15.6,127,2.8,3.06,0.28,2.29,5.64,1.04,3.92,1065,class_9\r\n",
                UTF_8, StandardOpenOption.APPEND);
        InvalidDataException csv = assertThrows(InvalidDataException.class, () -> wine.load("test"));
        int line = wine.result().testRows() + 2; // the header, then the test rows, then the one appended
        assertEquals("test.csv: 1 problem:\n  line " + line + ", column 'cultivar': 'class_9' is not one of the dataset's classes"
                + " [class_0, class_1, class_2]", csv.getMessage());

        // a text over two lines and a blank line come before the unknown label: lines are counted as the readers count them
        Path texts = Files.createDirectory(temp.resolve("reviews"));
        Files.writeString(texts.resolve("validation.csv"), "review,sentiment\r\ngood film,positive\r\n\"two\r\nlines\",negative\r\n\r\n"
                + "loved it,enthusiastic\r\nmeh,bored\r\n", UTF_8);
        InvalidDataException text = assertThrows(InvalidDataException.class, () -> SplitLoader.load(texts, DatasetFormat.TEXT, "sentiment",
                "review", List.of("negative", "positive"), null, "validation", 64));
        assertEquals(List.of("line 6, column 'sentiment': 'enthusiastic' is not one of the dataset's classes [negative, positive]",
                "line 7, column 'sentiment': 'bored' is not one of the dataset's classes [negative, positive]"), text.problems());
        assertTrue(text.getMessage().startsWith("validation.csv: 2 problems"), text.getMessage());

        ImportedDatasets.Imported fashion = ImportedDatasets.fashion(temp);
        Path labels = fashion.directory().resolve("test-labels.idx");
        byte[] bytes = Files.readAllBytes(labels);
        bytes[8 + 3] = 12; // after the 8-byte header of a one-dimensional IDX file
        Files.write(labels, bytes);
        InvalidDataException idx = assertThrows(InvalidDataException.class, () -> fashion.load("test"));
        assertEquals(List.of("label 3 (byte offset 11): 12 is not one of the dataset's classes [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"), idx.problems());
        assertTrue(idx.getMessage().startsWith("test-labels.idx: "), idx.getMessage());
    }

    @Test
    void missingFilesAndArgumentsThatDescribeNoDatasetAreRefused() throws Exception {
        Path empty = Files.createDirectory(temp.resolve("empty"));
        InvalidDataException missing = assertThrows(InvalidDataException.class, () -> SplitLoader.load(empty, DatasetFormat.CSV, "y", null,
                List.of(), null, "train", 0));
        assertEquals("train.csv: missing from the dataset's directory 'empty'; the import is incomplete or its files were removed:"
                + " import the dataset again", missing.getMessage());
        InvalidDataException images = assertThrows(InvalidDataException.class, () -> SplitLoader.load(empty, DatasetFormat.IDX, null, null,
                List.of("0", "1"), null, "validation", 0));
        assertTrue(images.getMessage().startsWith("validation-images.idx: "), images.getMessage());

        Files.writeString(empty.resolve("train.csv"), "x,y\n1,2\n3,oops\n", UTF_8);
        InvalidDataException number = assertThrows(InvalidDataException.class, () -> SplitLoader.load(empty, DatasetFormat.CSV, "y", null,
                List.of(), null, "train", 0));
        assertTrue(number.getMessage().contains("line 3, column 'y': 'oops' is not a finite number"), number.getMessage());
        Files.writeString(empty.resolve("train.csv"), "x,y\n1,2\n1e39,3\n", UTF_8);
        InvalidDataException huge = assertThrows(InvalidDataException.class, () -> SplitLoader.load(empty, DatasetFormat.CSV, "y", null,
                List.of(), null, "train", 0));
        assertEquals(List.of("line 3, column 'x': the value is too large for single precision (beyond ±3.4e38); rescale it"), huge.problems());

        IllegalArgumentException split = assertThrows(IllegalArgumentException.class, () -> SplitLoader.load(empty, DatasetFormat.CSV, "y", null,
                List.of(), null, "holdout", 0));
        assertEquals("the split is \"train\", \"validation\" or \"test\", got \"holdout\"", split.getMessage());
        IllegalArgumentException noClasses = assertThrows(IllegalArgumentException.class, () -> SplitLoader.load(empty, DatasetFormat.TEXT,
                "label", "text", List.of(), null, "train", 64));
        assertEquals("TEXT datasets are for classification, but the class list is empty", noClasses.getMessage());
    }

    @Test
    void recordLinesSkipTheHeaderAndBlankLinesAndFollowQuotedLineBreaks() throws Exception {
        Path file = Files.writeString(temp.resolve("lines.csv"), "a,b\n1,\"x\ny\"\n\n  \n\"\",\n\" \"\n3,\"say \"\"hi\"\"\"\n", UTF_8);
        // record 1 spans lines 2-3; lines 4, 5 and 7 (a quoted blank) are blank; "",  on line 6 has two fields
        assertArrayEquals(new int[]{2, 6, 8}, SplitLoader.recordLines(file));
        assertArrayEquals(IntStream.rangeClosed(2, 4).toArray(), SplitLoader.recordLines(Files.writeString(temp.resolve("plain.csv"),
                "h\r\n1\r\n2\r\n3\r\n", UTF_8)));
    }
}
