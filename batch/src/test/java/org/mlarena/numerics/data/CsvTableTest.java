package org.mlarena.numerics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mlarena.numerics.data.CsvTable.TargetKind;

class CsvTableTest {

    private static CsvTable read(String csv, String target, TargetKind kind) throws Exception {
        return CsvTable.read(new StringReader(csv), "houses.csv", target, kind, ',');
    }

    @Test
    void readsFeaturesAndANumericTarget() throws Exception {
        CsvTable table = read("area,rooms,price\n120,4,350000.5\n80,3,210000\n\n", "price", TargetKind.NUMBERS);
        assertEquals(List.of("area", "rooms"), table.featureNames());
        assertEquals(2, table.rows());
        assertArrayEquals(new float[]{120, 4, 80, 3}, table.features());
        assertArrayEquals(new double[]{350000.5, 210000}, table.target());
        assertEquals(List.of(), table.classNames());
    }

    @Test
    void classLabelsBecomeSortedIndicesWhereverTheTargetColumnIs() throws Exception {
        CsvTable table = read("species,petal\nvirginica,5.1\nsetosa,1.4\n\"versicolor\",4.5\nsetosa,1.3\n", "species", TargetKind.CLASSES);
        assertEquals(List.of("setosa", "versicolor", "virginica"), table.classNames());
        assertArrayEquals(new int[]{2, 0, 1, 0}, table.classes());
        assertArrayEquals(new float[]{5.1f, 1.4f, 4.5f, 1.3f}, table.features());
    }

    @Test
    void quotedFieldsMayHoldDelimitersQuotesAndLineBreaks() throws Exception {
        CsvTable table = read("\uFEFFx,label\r\n1.5,\"a, \"\"quoted\"\"\nlabel\"\r\n2,b\r\n", "label", TargetKind.CLASSES);
        assertEquals(List.of("a, \"quoted\"\nlabel", "b"), table.classNames());
        assertArrayEquals(new float[]{1.5f, 2f}, table.features());
    }

    @Test
    void everyProblemIsReportedWithItsLineAndColumn() {
        String csv = "area,rooms,price\n"
                + "120,4,350000\n"      // line 2 fine
                + "abc,4,1\n"           // line 3 not a number
                + "90,,2\n"             // line 4 missing
                + "NaN,1,3\n"           // line 5 NaN
                + "1,2\n"               // line 6 short
                + "1,2,cheap\n"         // line 7 target not a number
                + "1,2,\n";             // line 8 target missing
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> read(csv, "price", TargetKind.NUMBERS));
        assertEquals(List.of(
                "line 3, column 'area': 'abc' is not a number, and this column holds numbers; correct it, or leave it empty to have it imputed",
                "line 4, column 'rooms': the value is missing; fill it in, remove the row, or import the table keeping missing values (they are then imputed)",
                "line 5, column 'area': the value is missing; fill it in, remove the row, or import the table keeping missing values (they are then imputed)",
                "line 6: has 2 fields but the header has 3",
                "line 7, column 'price': 'cheap' is not a finite number, and this target must be one",
                "line 8, column 'price': the target is missing; every row needs one"), e.problems());
        assertTrue(e.getMessage().startsWith("houses.csv: 6 problems:"), e.getMessage());
    }

    @Test
    void aMissingTargetColumnNamesTheColumnsThereAre() {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> read("a,b\n1,2\n", "price", TargetKind.NUMBERS));
        assertEquals("houses.csv: has no column 'price' to predict; its columns are [a, b]", e.getMessage());
    }

    @Test
    void emptyFilesHeaderOnlyFilesAndBrokenQuotesAreRefused() {
        assertTrue(assertThrows(InvalidDataException.class, () -> read("", "y", TargetKind.NUMBERS)).getMessage().contains("is empty"));
        assertTrue(assertThrows(InvalidDataException.class, () -> read("x,y\n", "y", TargetKind.NUMBERS)).getMessage().contains("no data rows"));
        assertTrue(assertThrows(InvalidDataException.class, () -> read("x,y\n1,\"open\n", "y", TargetKind.CLASSES))
                .getMessage().contains("line 2: a quoted field is never closed"));
        assertTrue(assertThrows(InvalidDataException.class, () -> read("x,x,y\n1,2,3\n", "y", TargetKind.NUMBERS))
                .getMessage().contains("the name 'x' is used twice"));
    }

    @Test
    void manyProblemsAreCountedButOnlyTheFirstTwentyListed() {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 50; i++) {
            csv.append(i == 0 ? "1,1\n" : "1,1,1\n");
        }
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> read(csv.toString(), "y", TargetKind.NUMBERS));
        assertEquals(20, e.problems().size());
        assertTrue(e.getMessage().contains("49 problems") && e.getMessage().endsWith("… and 29 more"), e.getMessage());
    }

    @Test
    void aTargetWithTooManyClassesIsRefusedAtTheFirstOneTooMany() {
        StringBuilder ids = new StringBuilder("x,id\n");
        for (int i = 0; i < 100_000; i++) {
            ids.append(i % 7).append(",row").append(i).append('\n');
        }
        InvalidDataException text = assertThrows(InvalidDataException.class, () -> read(ids.toString(), "id", TargetKind.CLASSES));
        assertTrue(text.getMessage().contains("more than " + ClassIndex.MAX_CLASSES + " distinct values (by line 1002)"), text.getMessage());
        assertTrue(text.getMessage().contains("identifier"), text.getMessage());
        StringBuilder numbers = new StringBuilder("x,y\n");
        for (int i = 0; i < 2_000; i++) {
            numbers.append(i % 7).append(',').append(i * 0.37).append('\n');
        }
        InvalidDataException numeric = assertThrows(InvalidDataException.class, () -> read(numbers.toString(), "y", TargetKind.CLASSES));
        assertTrue(numeric.getMessage().contains("looks like a regression target"), numeric.getMessage());
    }

    @Test
    void controlCharactersAreRefusedWithTheirLine() {
        InvalidDataException nul = assertThrows(InvalidDataException.class,
                () -> read("x,kind\n1,a\n2,b\u0000c\n", "kind", TargetKind.CLASSES));
        assertTrue(nul.getMessage().contains("line 3, position 4: the control character U+0000 is not text"), nul.getMessage());
    }

    @Test
    void keptMissingValuesReadAsNaNWhateverTheirMarker() throws Exception {
        CsvTable t = CsvTable.read(new StringReader("a,b,y\n1,,x\nNA,2,y\nnull,NaN,x\n4,5,y\n"), "t.csv", "y", TargetKind.CLASSES, ',', true);
        float[] f = t.features();
        assertEquals(1f, f[0]);
        assertTrue(Float.isNaN(f[1]) && Float.isNaN(f[2]) && Float.isNaN(f[4]) && Float.isNaN(f[5]));
        assertEquals(5f, f[7]);
        InvalidDataException target = assertThrows(InvalidDataException.class,
                () -> CsvTable.read(new StringReader("a,y\n1,\n2,3\n"), "t.csv", "y", TargetKind.NUMBERS, ',', true));
        assertTrue(target.getMessage().contains("the target is missing"), target.getMessage());
    }

    @Test
    void anEmptyColumnIsOneProblemSaidOnceAndATextInANumericColumnOnePerLine() {
        StringBuilder csv = new StringBuilder("colour,empty,size,y\n");
        for (int i = 0; i < 30; i++) {
            csv.append(i % 2 == 0 ? "red" : "blue").append(",,").append(i == 3 ? "big" : Integer.toString(i)).append(",1\n");
        }
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> CsvTable.read(new StringReader(csv.toString()), "t.csv", "y", TargetKind.NUMBERS, ',', true));
        assertEquals(List.of("column 'empty': empty in all 30 rows; remove the column",
                "line 5, column 'size': 'big' is not a number, and this column holds numbers; correct it, or leave it empty to have it imputed"),
                e.problems());
    }

    @Test
    void aColumnOfTextsIsCategoricalWithItsNumbersAsCategoriesAndItsMissingValuesKept() throws Exception {
        String csv = "colour,size,y\nred,1,a\nblue,2,b\n,3,a\nred,4,b\n10,5,a\ngreen,6,b\n10.0,7,a\n";
        CsvTable t = CsvTable.read(new StringReader(csv), "t.csv", "y", TargetKind.CLASSES, ',', true);
        assertEquals(List.of(List.of("10", "blue", "green", "red"), List.of()), t.categories());
        assertTrue(t.isCategorical(0) && !t.isCategorical(1));
        float[] f = t.features();
        float[] colour = {f[0], f[2], f[4], f[6], f[8], f[10], f[12]};
        assertEquals(3f, colour[0]);
        assertEquals(1f, colour[1]);
        assertTrue(Float.isNaN(colour[2]));
        assertEquals(3f, colour[3]);
        assertEquals(0f, colour[4], "a number in a categorical column is a category");
        assertEquals(2f, colour[5]);
        assertEquals(0f, colour[6], "10 and 10.0 are one category");
        assertEquals(7f, f[13]);

        InvalidDataException refused = assertThrows(InvalidDataException.class,
                () -> CsvTable.read(new StringReader(csv), "t.csv", "y", TargetKind.CLASSES, ',', false));
        assertEquals(List.of("line 4, column 'colour': the value is missing; fill it in, remove the row, or import the table keeping missing"
                + " values (they are then imputed)"), refused.problems(), "a categorical column's missing values are still refused on request");
    }

    @Test
    void givenCategoriesNumberTheValuesAndAnUnknownOneReadsAsUnknown() throws Exception {
        String csv = "colour,size,y\nred,1,0.5\npurple,2,1\n,3,2\n10.0,4,3\n";
        CsvTable t = CsvTable.read(new StringReader(csv), "t.csv", "y", TargetKind.NUMBERS, ',', true,
                List.of(List.of("10", "blue", "red"), List.of()));
        assertEquals(List.of(List.of("10", "blue", "red"), List.of()), t.categories());
        float[] f = t.features();
        assertEquals(2f, f[0]);
        assertEquals(CsvTable.UNKNOWN_CATEGORY, f[2]);
        assertTrue(Float.isNaN(f[4]));
        assertEquals(0f, f[6]);
        InvalidDataException wrongWidth = assertThrows(InvalidDataException.class, () -> CsvTable.read(new StringReader(csv), "t.csv", "y",
                TargetKind.NUMBERS, ',', true, List.of(List.of())));
        assertTrue(wrongWidth.getMessage().contains("has 2 feature columns but the dataset has 1"), wrongWidth.getMessage());
        InvalidDataException text = assertThrows(InvalidDataException.class, () -> CsvTable.read(new StringReader(csv), "t.csv", "y",
                TargetKind.NUMBERS, ',', true, CsvTable.numeric(2)));
        assertTrue(text.getMessage().contains("line 2, column 'colour': 'red' is not a number"), text.getMessage());
    }

    @Test
    void aColumnOfTooManyTextsIsRefusedAtTheFirstOneTooMany() {
        StringBuilder csv = new StringBuilder("name,y\n");
        for (int i = 0; i < 5000; i++) {
            csv.append("person ").append(i).append(",").append(i % 2).append('\n');
        }
        InvalidDataException e = assertThrows(InvalidDataException.class,
                () -> CsvTable.read(new StringReader(csv.toString()), "t.csv", "y", TargetKind.CLASSES, ',', true));
        assertEquals("t.csv: column 'name': more than 1000 distinct texts (by line 1002), and a category column takes at most 1000."
                + " Is it an identifier or free text? Remove the column (free text belongs in a TEXT use case)", e.getMessage());
    }
}
