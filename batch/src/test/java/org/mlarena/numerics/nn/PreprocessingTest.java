package org.mlarena.numerics.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreprocessingTest {

    @TempDir
    Path dir;

    /** Three rows, two columns; the second column misses its middle value. */
    private static final float[] ROWS = {1f, 10f, 2f, Float.NaN, 6f, 30f};

    @Test
    void standardisesWithTheTrainingStatisticsAsStandardScalerDoes() {
        Preprocessing p = Preprocessing.fit(ROWS, 2, null, true);
        Preprocessing.Numeric first = (Preprocessing.Numeric) p.columns().get(0);
        // numpy: np.mean([1,2,6]) = 3, np.std([1,2,6]) (ddof 0) = sqrt(14/3)
        assertEquals(3.0, first.mean(), 1e-12);
        assertEquals(Math.sqrt(14.0 / 3), first.scale(), 1e-12);
        assertEquals(2.0, first.fill(), 0);
        assertTrue(!first.flagged(), "no value of the first column is missing");
        Preprocessing.Numeric second = (Preprocessing.Numeric) p.columns().get(1);
        assertEquals(20.0, second.mean(), 1e-12);
        assertEquals(10.0, second.scale(), 1e-12);
        assertEquals(20.0, second.fill(), 0, "the median of the present values 10 and 30");
        assertTrue(second.flagged());
        assertEquals(3, p.outputs(), "two standardised values and one missing flag per row");
    }

    @Test
    void imputesTheMedianAndFlagsTheMissingValue() {
        Preprocessing p = Preprocessing.fit(ROWS, 2, null, true);
        float[] out = p.apply(ROWS);
        double s = Math.sqrt(14.0 / 3);
        assertArrayEquals(new float[]{
                (float) ((1 - 3) / s), -1f, 0f,
                (float) ((2 - 3) / s), 0f, 1f,
                (float) ((6 - 3) / s), 1f, 0f}, out, 1e-6f);
    }

    @Test
    void aConstantColumnIsCentredNotScaled() {
        Preprocessing p = Preprocessing.fit(new float[]{5f, 5f, 5f}, 1, null, true);
        assertArrayEquals(new float[]{0f, 2f}, p.apply(new float[]{5f, 7f}), 0f);
    }

    @Test
    void regressionTargetsAreStandardisedForTrainingAndPredictionsRestored() {
        float[] targets = {100f, 200f, 300f};
        Preprocessing p = Preprocessing.fit(new float[]{1f, 2f, 3f}, 1, targets, true);
        float[] standardised = p.standardiseTargets(targets);
        double s = Math.sqrt(20000.0 / 3);
        assertArrayEquals(new float[]{(float) (-100 / s), 0f, (float) (100 / s)}, standardised, 1e-6f);
        float[] predictions = standardised.clone();
        p.restoreTargets(predictions);
        assertArrayEquals(targets, predictions, 1e-3f);
        assertEquals(2.0 * s * s, p.targetLoss(2.0), 1e-6, "a mean squared error scales with the square of the deviation");
    }

    @Test
    void withoutStandardisationMissingValuesAreStillImputedAndFlagged() {
        Preprocessing p = Preprocessing.fit(ROWS, 2, new float[]{1f, 2f, 3f}, false);
        assertArrayEquals(new float[]{1f, 10f, 0f, 2f, 20f, 1f, 6f, 30f, 0f}, p.apply(ROWS), 0f);
        assertEquals(0, p.targetMean());
        assertTrue(p.describe(List.of("a", "b")).startsWith("missing values of ['b']"), p.describe(List.of("a", "b")));
        assertTrue(Preprocessing.fit(new float[]{1f, 2f}, 1, null, false).isIdentity(), "nothing to impute, nothing to do");
    }

    @Test
    void aModelWithoutImputationRefusesMissingValues() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Preprocessing.none(2).apply(ROWS));
        assertTrue(e.getMessage().contains("train it again"), e.getMessage());
    }

    @Test
    void theIdentityPassesRowsThroughUnchanged() {
        Preprocessing none = Preprocessing.none(2);
        float[] rows = {1f, 2f, 3f, 4f};
        assertSame(rows, none.apply(rows));
        assertTrue(none.isIdentity());
        assertEquals(0, none.flopsPerSample(1));
    }

    @Test
    void travelsInTheModelFileSoThatTheFileAloneReproducesThePredictions() throws Exception {
        float[] inputs = {1f, 10f, 2f, 20f, 3f, 35f, 4f, 41f, 5f, 50f, 6f, 58f};
        float[] targets = {3f, 5f, 8f, 9f, 12f, 13f};
        Preprocessing p = Preprocessing.fit(inputs, 2, targets, true);
        Network net = Network.dense(new int[]{2, 4, 1}, Network.Loss.MEAN_SQUARED_ERROR, new JavaBackend(), 8);
        net.initialise(7);
        RegressionData train = (RegressionData) p.apply(new RegressionData(inputs, targets, 2, 1), true);
        Trainer.fit(net, train, train, 20, 3, Optimizer.Adam.of(0.01f), 1, null);
        Path file = dir.resolve("model.bin");
        WeightFile.save(net, p, file, false);
        float[] expected = predict(net, p, inputs);

        WeightFile.Saved saved = WeightFile.load(file);
        assertEquals(p, saved.preprocessing());
        Network restored = new Network(saved.input(), saved.layers(), saved.loss(), new JavaBackend(), 8);
        saved.restoreInto(restored, false);
        assertArrayEquals(expected, predict(restored, saved.preprocessing(), inputs), 0f);
        assertTrue(saved.preprocessing().describe(List.of("a", "b")).contains("standardised"));
    }

    @Test
    void oneHotEncodesTheTrainingCategoriesImputesTheMostFrequentAndReadsAnUnseenOneAsNone() {
        // column 0: a size among [L, M, S, XL] (XL never in training); column 1: a number
        List<List<String>> categories = List.of(List.of("L", "M", "S", "XL"), List.of());
        float nan = Float.NaN;
        float[] train = {2, 1f, 1, 2f, 2, 3f, nan, 4f, 0, 5f};
        Preprocessing p = Preprocessing.fit(train, 2, null, true, categories);
        Preprocessing.Categorical size = (Preprocessing.Categorical) p.columns().get(0);
        assertEquals(List.of("L", "M", "S"), size.kept(), "the categories of the training split, in the list's order");
        assertEquals("S", size.fill(), "the most frequent");
        assertTrue(size.flagged());
        assertEquals(3 + 1 + 1, p.outputs(), "three categories, a missing flag, one number");
        assertEquals(categories, p.categories());
        float[] out = p.apply(new float[]{1, 3f, nan, 3f, 3, 3f, -1f, 3f});
        assertArrayEquals(new float[]{
                0, 1, 0, 0, 0,
                0, 0, 1, 1, 0,
                0, 0, 0, 0, 0,
                0, 0, 0, 0, 0}, out, 0f, "M; missing as S and flagged; XL (unseen) as none; a category outside the list as none");
        assertEquals(1 + 2, p.flopsPerSample(0), "a lookup for the category, a subtraction and a division for the number");
        assertTrue(p.describe(List.of("size", "rooms")).contains("1 categorical feature ['size'] one-hot encoded into 3 0/1 inputs"
                + " (categories with an input: ['size' 3 of 4]"), p.describe(List.of("size", "rooms")));
    }

    @Test
    void keepsTheMostFrequentCategoriesUpToTheCap() {
        int categories = Preprocessing.MAX_ONE_HOT + 20;
        List<String> names = new java.util.ArrayList<>();
        for (int i = 0; i < categories; i++) {
            names.add(String.format("c%03d", i));
        }
        // category i appears i + 1 times: the 100 most frequent are c020..c119
        java.util.List<Float> rows = new java.util.ArrayList<>();
        for (int i = 0; i < categories; i++) {
            for (int k = 0; k <= i; k++) {
                rows.add((float) i);
            }
        }
        float[] train = new float[rows.size()];
        for (int i = 0; i < train.length; i++) {
            train[i] = rows.get(i);
        }
        Preprocessing p = Preprocessing.fit(train, 1, null, false, List.of(names));
        Preprocessing.Categorical column = (Preprocessing.Categorical) p.columns().get(0);
        assertEquals(names.subList(20, categories), column.kept());
        assertEquals(Preprocessing.MAX_ONE_HOT, p.outputs());
        assertArrayEquals(new float[Preprocessing.MAX_ONE_HOT], p.apply(new float[]{3f}), 0f, "an infrequent category reads as none");
    }

    @Test
    void aCategoricalModelFileAloneReproducesItsInputs() throws Exception {
        List<List<String>> categories = List.of(List.of("blue", "grün", "red"), List.of());
        float[] train = {0, 1f, 2, 2f, 1, 3f, 2, Float.NaN};
        Preprocessing p = Preprocessing.fit(train, 2, new float[]{1f, 2f, 3f, 4f}, true, categories);
        Network net = Network.dense(new int[]{p.outputs(), 3, 1}, Network.Loss.MEAN_SQUARED_ERROR, new JavaBackend(), 4);
        net.initialise(3);
        Path file = dir.resolve("categorical.bin");
        WeightFile.save(net, p, file, false);
        WeightFile.Saved saved = WeightFile.load(file);
        assertEquals(p, saved.preprocessing());
        assertArrayEquals(p.apply(train), saved.preprocessing().apply(train), 0f);
        Network restored = new Network(saved.input(), saved.layers(), saved.loss(), new JavaBackend(), 4);
        saved.restoreInto(restored, false);
        assertArrayEquals(predict(net, p, train), predict(restored, saved.preprocessing(), train), 0f);
    }

    private static float[] predict(Network net, Preprocessing p, float[] raw) {
        float[] x = p.apply(raw);
        int rows = raw.length / p.inputs();
        net.backend().stageBatch(x, 0, rows, p.outputs(), new float[rows], 0);
        net.forward(rows);
        net.backend().download();
        float[] out = new float[rows];
        System.arraycopy(net.backend().memory(), net.outputOffset(), out, 0, rows);
        p.restoreTargets(out);
        return out;
    }
}
