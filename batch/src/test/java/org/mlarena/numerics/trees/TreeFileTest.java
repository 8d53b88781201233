package org.mlarena.numerics.trees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.nn.Preprocessing;

class TreeFileTest {

    @TempDir
    Path dir;

    /** Three classes from a colour (one-hot by the preprocessing) and a number with missing values. */
    private static float[] rows(int n, double[] classes) {
        SplittableRandom random = new SplittableRandom(9);
        float[] x = new float[n * 2];
        for (int r = 0; r < n; r++) {
            int colour = random.nextInt(3);
            x[r * 2] = colour;
            x[r * 2 + 1] = random.nextInt(8) == 0 ? Float.NaN : (float) random.nextDouble();
            classes[r] = colour == 2 && x[r * 2 + 1] > 0.5 ? 0 : colour;
        }
        return x;
    }

    @Test
    void theFileAloneReproducesThePredictionsOfItsPreprocessingAndTrees() throws Exception {
        double[] y = new double[600];
        float[] raw = rows(600, y);
        Preprocessing preprocessing = Preprocessing.fit(raw, 2, null, false, List.of(List.of("blue", "green", "red"), List.of()));
        float[] x = preprocessing.apply(raw);
        BoostedTrees model = Boosting.fit(x, y, preprocessing.outputs(), 3, null, null, new Boosting.Settings(0.1, 15, 31, 0, 10, 0, 255, 0, 0), null);
        Path file = dir.resolve("model.bin");
        TreeFile.save(model, preprocessing, file);
        assertTrue(TreeFile.isTreeFile(file));
        TreeFile.Saved saved = TreeFile.load(file);
        assertEquals(preprocessing, saved.preprocessing());
        assertEquals(model.trees(), saved.model().trees());
        assertArrayEquals(model.baseline(), saved.model().baseline());
        assertEquals(model.rounds(), saved.model().rounds());
        BoostedTrees.Prediction before = model.predict(x, 600);
        BoostedTrees.Prediction after = saved.model().predict(saved.preprocessing().apply(raw), 600);
        assertArrayEquals(before.raw(), after.raw(), 0);
        assertEquals(before.operations(), after.operations());
        assertTrue(after.operations() >= 600L * model.trees().size(), "at least a leaf per row and tree");
        assertTrue(model.bytes() > 29L * model.trees().size());
    }

    @Test
    void aCorruptTruncatedOrForeignFileIsRefusedWithItsName() throws Exception {
        double[] y = new double[200];
        float[] x = rows(200, y);
        BoostedTrees model = Boosting.fit(x, y, 2, 3, null, null, new Boosting.Settings(0.1, 3, 8, 0, 5, 0, 255, 0, 0), null);
        Path file = dir.resolve("model.bin");
        TreeFile.save(model, Preprocessing.none(2), file);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x40;
        Files.write(dir.resolve("flipped.bin"), bytes);
        assertTrue(assertThrows(InvalidDataException.class, () -> TreeFile.load(dir.resolve("flipped.bin"))).getMessage().startsWith("flipped.bin: "));
        Files.write(dir.resolve("short.bin"), java.util.Arrays.copyOf(Files.readAllBytes(file), 100));
        assertTrue(assertThrows(InvalidDataException.class, () -> TreeFile.load(dir.resolve("short.bin"))).getMessage().contains("truncated"));
        Files.writeString(dir.resolve("text.bin"), "MLARENAW and then some text");
        assertFalse(TreeFile.isTreeFile(dir.resolve("text.bin")));
        assertTrue(assertThrows(InvalidDataException.class, () -> TreeFile.load(dir.resolve("text.bin"))).getMessage().contains("wrong magic"));
    }

    @Test
    void edgeCasesPredictSensibly() {
        // a column missing everywhere, a constant column, and a class that a leaf holds alone (200 distinct values: a bin each)
        int n = 200;
        float[] x = new float[n * 3];
        double[] y = new double[n];
        for (int r = 0; r < n; r++) {
            x[r * 3] = Float.NaN;
            x[r * 3 + 1] = 5f;
            x[r * 3 + 2] = r;
            y[r] = r < 50 ? 1 : 0;
        }
        BoostedTrees model = Boosting.fit(x, y, 3, 2, null, null, new Boosting.Settings(0.3, 30, 31, 0, 20, 0, 255, 0, 0), null);
        double[] logOdds = model.predictRaw(x, n);
        for (int r = 0; r < n; r++) {
            assertTrue(Double.isFinite(logOdds[r]), "a pure leaf's value stays finite: row " + r);
            assertEquals(y[r] == 1, logOdds[r] > 0, "row " + r);
        }
        for (Tree tree : model.trees()) {
            for (int node = 0; node < tree.nodes(); node++) {
                assertTrue(tree.isLeaf(node) || tree.feature()[node] == 2, "splits only on the informative column");
            }
        }
        // a missing value where training had none follows the side with more training rows (the zeros)
        assertTrue(model.predictRaw(new float[]{Float.NaN, 5f, Float.NaN}, 1)[0] < 0);
        // a model of one round of a lone leaf: a constant
        BoostedTrees constant = Boosting.fit(new float[]{1f, 1f, 1f}, new double[]{2, 4, 6}, 1, 0, null, null,
                new Boosting.Settings(1, 1, 31, 0, 20, 0, 255, 0, 0), null);
        assertEquals(1, constant.trees().get(0).nodes());
        assertEquals(4.0, constant.predictRaw(new float[]{123f}, 1)[0], 1e-12, "the mean: the baseline and an empty correction");
    }
}
