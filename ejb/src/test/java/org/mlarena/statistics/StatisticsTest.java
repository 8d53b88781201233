package org.mlarena.statistics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Hand-computed cases and bad input. */
class StatisticsTest {

    @Test
    void summaryOfASmallColumn() {
        // pandas.Series([1, 2, 3, 4, nan]).describe(): count 4, mean 2.5, std 1.290994, 25% 1.75, 50% 2.5, 75% 3.25
        ColumnSummary s = ColumnSummary.of("x", new double[] {1, 2, 3, 4, Double.NaN}, 3);
        assertEquals(4, s.count());
        assertEquals(1, s.missing());
        assertEquals(2.5, s.mean());
        assertEquals(Math.sqrt(5.0 / 3), s.std(), 1e-15);
        assertEquals(1, s.min());
        assertEquals(1.75, s.q25());
        assertEquals(2.5, s.median());
        assertEquals(3.25, s.q75());
        assertEquals(4, s.max());
        assertEquals(0.0, s.skewness(), 1e-15);
        assertArrayEquals(new double[] {1, 2, 3, 4}, s.histogram().edges());
        // numpy.histogram([1, 2, 3, 4], 3): [1, 1, 2], the last bin closed on the right
        assertArrayEquals(new long[] {1, 1, 2}, s.histogram().counts());
    }

    @Test
    void skewnessIsAdjustedFisherPearson() {
        // x = 0, 0, 0, 1: mean 1/4, sum (x-m)^3 = 3 (-1/4)^3 + (3/4)^3 = 0.375, s^2 = 0.25
        // G1 = 4 / (3 * 2) * 0.375 / 0.125 = 2
        assertEquals(2.0, ColumnSummary.of("x", new double[] {0, 0, 0, 1}).skewness(), 1e-12);
        assertTrue(Double.isNaN(ColumnSummary.of("x", new double[] {0, 1}).skewness()));
        assertTrue(Double.isNaN(ColumnSummary.of("x", new double[] {5}).std()));
        assertEquals(0.0, ColumnSummary.of("x", new double[] {2, 2, 2}).skewness());
    }

    @Test
    void correlationDropsIncompleteRowsAndSaysSo() {
        Map<String, double[]> table = new LinkedHashMap<>();
        table.put("x", new double[] {1, 2, 3, 4, Double.NaN, 6});
        table.put("y", new double[] {2, 4, 6, 8, 10, Double.NaN});
        table.put("z", new double[] {4, 3, 2, 1, 0, 0});
        CorrelationMatrix p = CorrelationMatrix.pearson(table);
        assertEquals(4, p.rows());
        assertEquals(2, p.rowsDropped());
        assertEquals(1.0, p.get("x", "y"), 1e-12);
        assertEquals(-1.0, p.get("x", "z"), 1e-12);
        assertEquals(1.0, p.get("z", "z"), 1e-12);
        CorrelationMatrix s = CorrelationMatrix.spearman(Map.of("u", new double[] {1, 2, 3, 4},
                "v", new double[] {1, 4, 9, 16}));
        assertEquals(1.0, s.get("u", "v"), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> p.get("x", "w"));
    }

    @Test
    void classDistributionCountsEveryClass() {
        ClassDistribution d = ClassDistribution.of("label", new int[] {0, 2, 2, 2}, 3);
        assertArrayEquals(new long[] {1, 0, 3}, d.counts());
        assertArrayEquals(new double[] {0.25, 0, 0.75}, d.shares());
        assertEquals(4, d.total());
        message(() -> ClassDistribution.of("label", new int[] {0, 3}, 3), "column 'label' row 1 is 3");
        message(() -> ClassDistribution.of("label", new int[0], 3), "column 'label' is empty");
    }

    @Test
    void imageStatistics() {
        // two 1x2 images: [0, 2] of class 1 and [4, 6] of class 1; class 0 has none
        ImageStatistics s = ImageStatistics.of(new float[] {0, 2, 4, 6}, 1, 2, new int[] {1, 1}, 2);
        assertEquals(3.0, s.mean());
        assertEquals(Math.sqrt(5), s.std(), 1e-15);
        assertArrayEquals(new long[] {0, 2}, s.imagesPerClass());
        assertArrayEquals(new double[] {2, 4}, s.meanImages()[1]);
        assertTrue(Double.isNaN(s.meanImages()[0][0]));
        message(() -> ImageStatistics.of(new float[5], 1, 2, new int[] {0, 0}, 1), "pixels have 5 values");
        message(() -> ImageStatistics.of(new float[] {0, Float.NaN}, 1, 2, new int[] {0}, 1), "image 0 pixel 1");
        message(() -> ImageStatistics.of(new float[2], 1, 2, new int[] {1}, 1), "labels row 0 is 1");
    }

    @Test
    void badColumnsAreNamed() {
        message(() -> ColumnSummary.of("age", new double[0]), "column 'age' is empty");
        message(() -> ColumnSummary.of("age", new double[] {Double.NaN, Double.NaN}),
                "column 'age' has only missing values (NaN)");
        message(() -> ColumnSummary.of("age", new double[] {1, Double.POSITIVE_INFINITY}), "column 'age' row 1");
        message(() -> ColumnSummary.of("age", new double[] {1, 2}, 0), "column 'age': a histogram needs at least 1");
        Map<String, double[]> table = new LinkedHashMap<>();
        table.put("height", new double[] {1, 2, 3});
        table.put("weight", new double[] {1, 2});
        message(() -> CorrelationMatrix.pearson(table), "column 'weight' has 2 rows but column 'height' has 3");
        Map<String, double[]> sparse = new LinkedHashMap<>();
        sparse.put("p", new double[] {1, Double.NaN, 3});
        sparse.put("q", new double[] {Double.NaN, 2, 3});
        message(() -> CorrelationMatrix.spearman(sparse), "at least 2 rows without missing values");
        Map<String, double[]> empty = new LinkedHashMap<>();
        empty.put("p", new double[] {1, 2});
        empty.put("q", new double[] {Double.NaN, Double.NaN});
        message(() -> CorrelationMatrix.pearson(empty), "column 'q' has only missing values");
    }

    private static void message(Executable call, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
