package org.mlarena.web.faces.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The charts of the EDA tab for images and texts, from profile documents written here. */
class EdaProfileTest {

    private static final String EDGES = "[0,0.1,0.2,0.30000000000000004,0.4,0.5,0.6000000000000001,0.7000000000000001,0.8,0.9,1.0]";

    @Test
    void anImageProfileGivesThePixelHistogramAndTheMeanImagesWithTheirCounts() {
        String pixels = Base64.getEncoder().encodeToString(new byte[]{10, 20, 30, (byte) 200});
        EdaProfile profile = EdaProfile.parse("{\"format\":\"IDX\",\"task\":\"classification\",\"image\":{\"height\":2,\"width\":2,"
                + "\"pixelMean\":0.2,\"pixelStd\":0.3,\"pixelHistogram\":{\"edges\":" + EDGES + ",\"counts\":[1234567,2,3,4,5,6,7,8,9,10],"
                + "\"images\":2000},\"meanImages\":[{\"class\":\"0\",\"images\":6000,\"pixels\":\"" + pixels + "\",\"width\":2,\"height\":2},"
                + "{\"class\":\"1\",\"images\":1,\"pixels\":\"" + pixels + "\",\"width\":2,\"height\":2}]}}");

        EdaProfile.Chart histogram = profile.pixelHistogram();
        assertTrue(histogram.summary().startsWith("Histogram of the pixel intensities, scaled 0 to 1, of the first 2,000 training images: "
                + "0–0.1: 1,234,567 pixels; 0.1–0.2: 2 pixels; 0.2–0.3: 3 pixels;"), histogram.summary());
        assertTrue(histogram.summary().endsWith("0.9–1: 10 pixels."), histogram.summary());
        assertTrue(histogram.chart().contains("\"labels\":[\"0–0.1\",\"0.1–0.2\",\"0.2–0.3\""), histogram.chart());
        assertTrue(histogram.chart().contains("\"data\":[1234567,2,3"), histogram.chart());
        assertFalse(histogram.summary().matches("(?s).*\\d[eE][-+]?\\d.*"), "no E-notation: " + histogram.summary());

        assertEquals(2, profile.meanImages().size());
        EdaProfile.MeanImage zero = profile.meanImages().get(0);
        assertEquals("0", zero.className());
        assertEquals("6,000", zero.images());
        assertTrue(zero.dataUrl().startsWith("data:image/png;base64,"));
        assertEquals(84, zero.shownWidth(), "a 2 × 2 image shown 42 times as large");
        assertEquals(84, zero.shownHeight());
        assertNull(profile.textLengths());
        assertTrue(profile.classWords().isEmpty());
    }

    @Test
    void aTextProfileGivesTheLengthChartAndTheWordsOfEachClass() {
        EdaProfile profile = EdaProfile.parse("{\"format\":\"TEXT\",\"task\":\"classification\",\"text\":{\"vocabulary\":12,"
                + "\"lengthInWords\":{\"name\":\"words per text\",\"count\":5,\"missing\":0,\"mean\":4.6,"
                + "\"histogram\":{\"edges\":[2,2.9,3.8,4.7,5.6,6.5,7.4,8.3,9.2,10.1,11],\"counts\":[1,2,1,0,0,0,0,0,0,1]}},"
                + "\"topWords\":[{\"word\":\"car\",\"count\":3}],"
                + "\"topWordsPerClass\":[{\"class\":\"fruit\",\"texts\":2,\"words\":[{\"word\":\"apple\",\"count\":2},{\"word\":\"red\",\"count\":2}]},"
                + "{\"class\":\"vehicle\",\"texts\":12345,\"words\":[{\"word\":\"car\",\"count\":12345}]}]}}");

        EdaProfile.Chart lengths = profile.textLengths();
        assertEquals("Histogram of the number of words per training text: 2–2.9: 1 text; 2.9–3.8: 2 texts; 3.8–4.7: 1 text; 4.7–5.6: 0 texts;"
                + " 5.6–6.5: 0 texts; 6.5–7.4: 0 texts; 7.4–8.3: 0 texts; 8.3–9.2: 0 texts; 9.2–10.1: 0 texts; 10.1–11: 1 text.", lengths.summary());
        assertEquals(2, profile.classWords().size());
        EdaProfile.ClassWords fruit = profile.classWords().get(0);
        assertEquals("fruit", fruit.className());
        assertEquals("2 training texts", fruit.texts());
        assertEquals(List.of("apple", "red"), fruit.words().stream().map(EdaProfile.WordCount::word).toList());
        EdaProfile.ClassWords vehicle = profile.classWords().get(1);
        assertEquals("12,345 training texts", vehicle.texts());
        assertEquals("12,345", vehicle.words().get(0).countText());
        assertNull(profile.pixelHistogram());
        assertTrue(profile.meanImages().isEmpty());
    }

    @Test
    void anOlderProfileWithoutTheNewPartsStillReads() {
        EdaProfile profile = EdaProfile.parse("{\"format\":\"IDX\",\"image\":{\"height\":28,\"width\":28},\"text\":{\"vocabulary\":3}}");
        assertNull(profile.pixelHistogram());
        assertTrue(profile.meanImages().isEmpty());
        assertNull(profile.textLengths());
        assertTrue(profile.classWords().isEmpty());
    }
}
