package org.mlarena.numerics.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import org.junit.jupiter.api.Test;

class TextTableTest {

    @Test
    void readsTextsAndLabelsFromTsvAndCsv() throws Exception {
        TextTable tsv = TextTable.read(new StringReader("label\ttext\nsport\tThe match ended 2-1\ncooking\tSimmer the sauce\n"),
                "news.tsv", "text", "label", '\t');
        assertEquals(List.of("The match ended 2-1", "Simmer the sauce"), tsv.texts());
        assertEquals(List.of("cooking", "sport"), tsv.classNames());
        assertArrayEquals(new int[]{1, 0}, tsv.labels());
        TextTable csv = TextTable.read(new StringReader("text,label\n\"Hello, world\",greeting\n"), "a.csv", "text", "label", ',');
        assertEquals("Hello, world", csv.texts().get(0));
    }

    @Test
    void problemsAreReportedWithTheirLines() {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> TextTable.read(
                new StringReader("text,label\nfine,a\n,b\nno label,\ntoo,many,fields\n"), "t.csv", "text", "label", ','));
        assertEquals(List.of("line 3, column 'text': the text is empty", "line 4, column 'label': the label is missing",
                "line 5: has 3 fields but the header has 2 (quote texts that contain the delimiter)"), e.problems());
        InvalidDataException columns = assertThrows(InvalidDataException.class,
                () -> TextTable.read(new StringReader("body,y\nx,1\n"), "t.csv", "text", "label", ','));
        assertTrue(columns.getMessage().contains("its columns are [body, y]"), columns.getMessage());
    }

    @Test
    void bagsOfWordsAreStableUnitVectorsThatIgnoreCaseAndAccents() {
        BagOfWords bow = new BagOfWords(64);
        float[] a = new float[64];
        float[] b = new float[64];
        bow.vectorise("Crème brûlée, CRÈME!", a, 0);
        bow.vectorise("creme brulee creme", b, 0);
        assertArrayEquals(a, b);
        double norm = 0;
        for (float v : a) {
            norm += v * v;
        }
        assertEquals(1.0, norm, 1e-6);
        float[] empty = new float[64];
        bow.vectorise("  ,;  ", empty, 0);
        assertArrayEquals(new float[64], empty);
    }
}
