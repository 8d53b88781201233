package org.mlarena.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The statistics against pandas' and numpy's own values: the fixture {@code statistics/golden-statistics.json}
 * written by {@code ejb/src/test/python/make_statistics_golden.py}. Values agree to a relative 1e-9 (an absolute
 * 1e-12 near 0, where pandas rounds a skewness of symmetric data to exactly 0); counts and NaN exactly.
 */
class StatisticsGoldenTest {

    static final double RELATIVE = 1e-9;
    static final double ABSOLUTE_NEAR_ZERO = 1e-12;

    private static JsonObject fixture;

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = StatisticsGoldenTest.class.getResourceAsStream("/statistics/golden-statistics.json");
                JsonReader reader = Json.createReader(in)) {
            fixture = reader.readObject();
        }
    }

    @TestFactory
    Stream<DynamicTest> columns() {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonValue v : fixture.getJsonArray("columns")) {
            JsonObject c = v.asJsonObject();
            String name = c.getString("name");
            double[] values = doubles(c.getJsonArray("values"));
            tests.add(DynamicTest.dynamicTest(name, () -> {
                ColumnSummary s = ColumnSummary.of(name, values);
                assertEquals(name, s.name());
                assertEquals(c.getInt("count"), s.count());
                assertEquals(c.getInt("missing"), s.missing());
                close(c, "mean", s.mean());
                close(c, "std", s.std());
                close(c, "min", s.min());
                close(c, "q25", s.q25());
                close(c, "median", s.median());
                close(c, "q75", s.q75());
                close(c, "max", s.max());
                close(c, "skew", s.skewness());
                assertEquals(ColumnSummary.DEFAULT_BINS, s.histogram().bins());
                JsonObject histograms = c.getJsonObject("histograms");
                for (String bins : histograms.keySet()) {
                    JsonObject expected = histograms.getJsonObject(bins);
                    Histogram h = Histogram.of(name, values, Integer.parseInt(bins));
                    closeAll(name + " edges of " + bins + " bins", doubles(expected.getJsonArray("edges")), h.edges());
                    long[] counts = expected.getJsonArray("counts").stream()
                            .mapToLong(x -> ((jakarta.json.JsonNumber) x).longValue()).toArray();
                    assertArrayEquals(counts, h.counts(), name + " counts of " + bins + " bins");
                }
            }));
        }
        assertTrue(tests.size() >= 8);
        return tests.stream();
    }

    @Test
    void correlations() {
        JsonObject c = fixture.getJsonObject("correlation");
        Map<String, double[]> table = new LinkedHashMap<>();
        for (JsonValue v : fixture.getJsonArray("columns")) {
            JsonObject column = v.asJsonObject();
            if (c.getJsonArray("columns").contains(Json.createValue(column.getString("name")))) {
                table.put(column.getString("name"), doubles(column.getJsonArray("values")));
            }
        }
        assertEquals(4, table.size());
        for (String method : List.of("pearson", "spearman")) {
            CorrelationMatrix m = method.equals("pearson") ? CorrelationMatrix.pearson(table)
                    : CorrelationMatrix.spearman(table);
            assertEquals(method, m.method());
            assertEquals(List.of("a", "b", "c", "d"), m.columns());
            assertEquals(c.getInt("rows"), m.rows());
            assertEquals(c.getInt("dropped"), m.rowsDropped());
            JsonArray expected = c.getJsonArray(method);
            for (int i = 0; i < 4; i++) {
                closeAll(method + " row " + i, doubles(expected.getJsonArray(i)), m.values()[i]);
            }
        }
    }

    @Test
    void classDistribution() {
        JsonObject c = fixture.getJsonObject("classes");
        int[] labels = c.getJsonArray("labels").stream().mapToInt(x -> ((jakarta.json.JsonNumber) x).intValue())
                .toArray();
        ClassDistribution d = ClassDistribution.of("label", labels, c.getInt("classes"));
        assertArrayEquals(c.getJsonArray("counts").stream().mapToLong(x -> ((jakarta.json.JsonNumber) x).longValue())
                .toArray(), d.counts());
        closeAll("shares", doubles(c.getJsonArray("shares")), d.shares());
        assertEquals(labels.length, d.total());
    }

    @Test
    void images() {
        JsonObject c = fixture.getJsonObject("images");
        double[] p = doubles(c.getJsonArray("pixels"));
        float[] pixels = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            pixels[i] = (float) p[i];
            assertEquals(p[i], pixels[i], 0.0, "fixture pixels are float32 values");
        }
        int[] labels = c.getJsonArray("labels").stream().mapToInt(x -> ((jakarta.json.JsonNumber) x).intValue())
                .toArray();
        ImageStatistics s = ImageStatistics.of(pixels, c.getInt("height"), c.getInt("width"), labels,
                c.getInt("classes"));
        close(c, "mean", s.mean());
        close(c, "std", s.std());
        JsonArray meanImages = c.getJsonArray("meanImages");
        for (int k = 0; k < meanImages.size(); k++) {
            closeAll("mean image of class " + k, doubles(meanImages.getJsonArray(k)), s.meanImages()[k]);
        }
    }

    // ------------------------------------------------------------------------------------------------
    static double[] doubles(JsonArray array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.isNull(i) ? Double.NaN : array.getJsonNumber(i).doubleValue();
        }
        return out;
    }

    private static void close(JsonObject c, String key, double actual) {
        double expected = c.isNull(key) ? Double.NaN : c.getJsonNumber(key).doubleValue();
        assertClose(key, expected, actual);
    }

    private static void closeAll(String what, double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(what + "[" + i + "]", expected[i], actual[i]);
        }
    }

    static void assertClose(String what, double expected, double actual) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            assertEquals(expected, actual, what + ": NaN where the other is not");
            return;
        }
        double tolerance = Math.max(RELATIVE * Math.abs(expected), ABSOLUTE_NEAR_ZERO);
        assertEquals(expected, actual, tolerance, what);
    }
}
