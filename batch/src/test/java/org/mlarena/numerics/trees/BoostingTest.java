package org.mlarena.numerics.trees;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BoostingTest {

    @Test
    void fewDistinctValuesGetABinEachAndManyGetQuantiles() {
        float[] few = Binning.thresholds(new float[]{3, 1, 2, 2, 1, 3}, 255);
        assertArrayEquals(new float[]{1.5f, 2.5f}, few, 0f);
        float[] many = new float[10_000];
        for (int i = 0; i < many.length; i++) {
            many[i] = i;
        }
        float[] quantiles = Binning.thresholds(many, 255);
        assertEquals(254, quantiles.length);
        assertEquals(10_000.0 / 255, quantiles[0], 1.0, "the first of 255 equal-count bins");
        Binning binning = new Binning(new float[][]{few});
        assertEquals(0, binning.bin(0, 1f));
        assertEquals(0, binning.bin(0, 1.5f), "a value at a threshold goes to the lower bin");
        assertEquals(1, binning.bin(0, 2f));
        assertEquals(2, binning.bin(0, 99f));
        assertEquals(Binning.MISSING, binning.bin(0, Float.NaN));
        assertEquals(Float.POSITIVE_INFINITY, binning.threshold(0, 2), "after the last bin: every present value");
    }

    /** A step function of x0 (x1 is noise, x2 constant, x3 missing everywhere), with a little noise. */
    private static double target(float x0) {
        return x0 < -0.5 ? -2 : x0 < 0.3 ? 1 : 4;
    }

    private static float[] rows(int n, long seed, double[] y) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[n * 4];
        for (int r = 0; r < n; r++) {
            x[r * 4] = (float) random.nextDouble(-1, 1);
            x[r * 4 + 1] = (float) random.nextDouble();
            x[r * 4 + 2] = 7f;
            x[r * 4 + 3] = Float.NaN;
            y[r] = target(x[r * 4]) + random.nextGaussian() * 0.1;
        }
        return x;
    }

    @Test
    void regressionFindsTheStepsAndIgnoresConstantAndMissingColumns() {
        double[] y = new double[2000];
        float[] x = rows(2000, 1, y);
        double[] vy = new double[500];
        float[] vx = rows(500, 2, vy);
        List<Double> losses = new ArrayList<>();
        BoostedTrees model = Boosting.fit(x, y, 4, 0, vx, vy, Boosting.Settings.defaults(), (round, added, train, validation, ops) -> losses.add(validation));
        double[] predicted = model.predictRaw(vx, 500);
        double squares = 0;
        for (int r = 0; r < 500; r++) {
            squares += (predicted[r] - vy[r]) * (predicted[r] - vy[r]);
        }
        // the noise is 0.1; the bins around the two steps hold both levels (2/255 wide): about 0.17 (scikit-learn alike)
        assertTrue(Math.sqrt(squares / 500) < 0.2, "RMSE near the noise's 0.1: " + Math.sqrt(squares / 500));
        for (Tree tree : model.trees()) {
            for (int node = 0; node < tree.nodes(); node++) {
                assertTrue(tree.isLeaf(node) || tree.feature()[node] <= 1, "no split on the constant or the all-missing column");
            }
            assertTrue(tree.leaves() <= 31);
        }
        assertEquals(model.rounds() * 1, model.trees().size());
        assertTrue(model.operations() > 0);
    }

    @Test
    void earlyStoppingKeepsTheBestRound() {
        double[] y = new double[300];
        float[] x = rows(300, 3, y);
        double[] vy = new double[300];
        float[] vx = rows(300, 4, vy);
        List<Double> losses = new ArrayList<>();
        BoostedTrees model = Boosting.fit(x, y, 4, 0, vx, vy, new Boosting.Settings(0.5, 500, 31, 0, 5, 0, 255, 5, 1e-7),
                (round, added, train, validation, ops) -> losses.add(validation));
        assertTrue(model.roundsRun() < 500, "stopped early after " + model.roundsRun());
        assertEquals(model.roundsRun() - 5, model.rounds(), "five rounds without a better validation loss");
        double bestLoss = losses.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        assertEquals(bestLoss, losses.get(model.rounds() - 1), 0);
        assertEquals(model.rounds(), model.trees().size());
    }

    @Test
    void multiClassGrowsATreePerClassAndRoundAndBinaryOne() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 900;
        float[] x = new float[n * 2];
        double[] three = new double[n];
        double[] two = new double[n];
        for (int r = 0; r < n; r++) {
            x[r * 2] = (float) random.nextDouble(0, 3);
            x[r * 2 + 1] = random.nextInt(10) == 0 ? Float.NaN : (float) random.nextDouble();
            three[r] = Math.floor(x[r * 2]);
            two[r] = Float.isNaN(x[r * 2 + 1]) ? 1 : 0;
        }
        BoostedTrees multi = Boosting.fit(x, three, 2, 3, null, null, new Boosting.Settings(0.1, 20, 31, 3, 20, 0, 255, 0, 0), null);
        assertEquals(3 * 20, multi.trees().size());
        assertEquals(3, multi.outputs());
        double[] logits = multi.predictRaw(x, n);
        int right = 0;
        for (int r = 0; r < n; r++) {
            int argmax = 0;
            for (int k = 1; k < 3; k++) {
                argmax = logits[r * 3 + k] > logits[r * 3 + argmax] ? k : argmax;
            }
            right += argmax == three[r] ? 1 : 0;
        }
        assertTrue(right > 0.97 * n, right + " of " + n);
        assertTrue(multi.trees().stream().allMatch(t -> t.depth() <= 3), "the depth limit holds");

        // the class is whether x1 is missing: the split sends the missing values their own way
        BoostedTrees binary = Boosting.fit(x, two, 2, 2, null, null, new Boosting.Settings(0.3, 10, 31, 0, 20, 0, 255, 0, 0), null);
        assertEquals(1, binary.outputs());
        double[] logOdds = binary.predictRaw(x, n);
        for (int r = 0; r < n; r++) {
            assertEquals(two[r] == 1, logOdds[r] > 0, "row " + r);
        }
    }

    @Test
    void predictionOnRawValuesEqualsPredictionOnBins() {
        double[] y = new double[1000];
        float[] x = rows(1000, 6, y);
        for (int r = 0; r < 1000; r += 7) {
            x[r * 4] = Float.NaN;
        }
        Binning binning = Binning.fit(x, 1000, 4, 255);
        byte[][] bins = binning.apply(x, 1000);
        BoostedTrees model = Boosting.fit(x, y, 4, 0, null, null, new Boosting.Settings(0.1, 5, 31, 0, 20, 0, 255, 0, 0), null);
        for (Tree tree : model.trees()) {
            for (int r = 0; r < 1000; r++) {
                assertEquals(tree.predictBinned(bins, r), tree.predict(x, r * 4), 0, "row " + r);
            }
        }
    }

    /** A table of test resources: feature columns then the target, "nan" where missing. */
    private record Table(float[] x, double[] y, int features, int classes) {

        static Table read(String name) throws java.io.IOException {
            List<String> lines;
            try (var in = BoostingTest.class.getResourceAsStream("/trees/" + name)) {
                lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList();
            }
            int features = lines.get(0).split(",").length - 1;
            float[] x = new float[lines.size() * features];
            double[] y = new double[lines.size()];
            int classes = 0;
            for (int r = 0; r < lines.size(); r++) {
                String[] cells = lines.get(r).split(",");
                for (int f = 0; f < features; f++) {
                    x[r * features + f] = cells[f].equals("nan") ? Float.NaN : Float.parseFloat(cells[f]);
                }
                y[r] = Double.parseDouble(cells[features]);
                classes = Math.max(classes, (int) y[r] + 1);
            }
            return new Table(x, y, features, classes);
        }

        /** The training loss after each of the given rounds, boosting as scikit-learn's defaults do without early stopping. */
        double[] losses(int classes, int... after) {
            double[] losses = new double[after.length];
            Boosting.fit(x, y, features, classes, null, null, new Boosting.Settings(0.1, after[after.length - 1], 31, 0, 20, 0, 255, 0, 0),
                    (round, added, training, validation, ops) -> {
                        for (int i = 0; i < after.length; i++) {
                            losses[i] = after[i] == round ? training : losses[i];
                        }
                        return true;
                    });
            return losses;
        }
    }

    /**
     * The same trees as scikit-learn's {@code HistGradientBoosting*} (1.2.1, Debian's python3-sklearn) on the same rows:
     * the references are its staged training losses, computed by
     * {@code HistGradientBoostingRegressor(early_stopping=False).fit(X, y)} and {@code staged_predict} (half the mean
     * squared error here being the RMSE's square over 2), and {@code HistGradientBoostingClassifier(early_stopping=False,
     * max_iter=50)} with {@code log_loss} of {@code staged_predict_proba}; the tables are the files of the test
     * resources (a step function with noise; iris and breast cancer as float32 with every 13th value of the first
     * column missing).
     */
    @Test
    void boostsAsScikitLearnDoesOnTheSameRows() throws Exception {
        double[] step = Table.read("step.csv").losses(0, 10, 20, 30, 50, 100);
        double[] rmse = {0.8067889692943299, 0.3005125699221262, 0.14619005534850316, 0.10559024910705618, 0.09672739608516145};
        for (int i = 0; i < rmse.length; i++) {
            assertEquals(rmse[i], Math.sqrt(2 * step[i]), 1e-9, "RMSE after round " + new int[]{10, 20, 30, 50, 100}[i]);
        }
        Table iris = Table.read("iris.csv");
        assertArrayEquals(new double[]{0.849421339616, 0.177258613510, 0.012796444291}, iris.losses(3, 1, 10, 50), 1e-11,
                "three classes, missing values: the same log-loss");
        Table cancer = Table.read("breast_cancer.csv");
        double[] binary = cancer.losses(2, 1, 10, 50);
        assertEquals(0.577610803117, binary[0], 1e-11, "two classes, the first round");
        // later rounds drift by a split chosen among gains equal to rounding (sums in another order): within 1 %
        assertEquals(0.241499513666, binary[1], 0.241499513666 * 1e-3);
        assertEquals(0.014958869711, binary[2], 0.014958869711 * 1e-2);
    }

    @Test
    void boostingOnFromAModelGivesTheTreesOfOneUninterruptedRun() {
        double[] y = new double[500];
        float[] x = rows(500, 8, y);
        Boosting.Settings ten = new Boosting.Settings(0.1, 10, 31, 0, 20, 0, 255, 0, 0);
        BoostedTrees whole = Boosting.fit(x, y, 4, 0, null, null, ten, null);
        BoostedTrees firstFive = Boosting.fit(x, y, 4, 0, null, null, new Boosting.Settings(0.1, 5, 31, 0, 20, 0, 255, 0, 0), null);
        List<Integer> rounds = new ArrayList<>();
        BoostedTrees resumed = Boosting.fit(x, y, 4, 0, null, null, ten, (round, added, train, validation, ops) -> {
            assertEquals(1, added.size());
            assertTrue(ops > 0);
            return rounds.add(round);
        }, firstFive);
        assertEquals(List.of(6, 7, 8, 9, 10), rounds);
        assertEquals(whole.trees(), resumed.trees());
        assertArrayEquals(whole.predictRaw(x, 500), resumed.predictRaw(x, 500), 0);
        assertEquals(firstFive.trees(), resumed.firstRounds(5).trees());
    }

    @Test
    void hyperparametersAreReadWithTheirRangesSaid() {
        Boosting.Settings settings = Boosting.settings(Map.of("maxLeaves", "63", "l2", "0.5"), 0.05, 200);
        assertEquals(63, settings.maxLeaves());
        assertEquals(0.5, settings.l2());
        assertEquals(20, settings.minSamplesLeaf(), "the default");
        assertEquals("'maxLeaves' must be a whole number from 2 to 4096, got '1'",
                assertThrows(IllegalArgumentException.class, () -> Boosting.settings(Map.of("maxLeaves", "1"), 0.1, 100)).getMessage());
        assertEquals("'maxBins' must be a whole number from 2 to 255, got 'many'",
                assertThrows(IllegalArgumentException.class, () -> Boosting.settings(Map.of("maxBins", "many"), 0.1, 100)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Boosting.settings(Map.of("leaves", "8"), 0.1, 100)).getMessage()
                .contains("no hyperparameter 'leaves'; it has [maxLeaves, maxDepth, minSamplesLeaf, l2, maxBins]"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Boosting.settings(Map.of(), 2, 100)).getMessage().contains("at most 1"));
    }

    @Test
    void unusableSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Boosting.Settings(0, 100, 31, 0, 20, 0, 255, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new Boosting.Settings(0.1, 100, 1, 0, 20, 0, 255, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> new Boosting.Settings(0.1, 100, 31, 0, 20, 0, 256, 10, 0));
        assertFalse(Boosting.Settings.defaults().maxDepth() > 0, "no depth limit by default");
    }

    /** A node of several blocks: its histogram is the rows' sums (to rounding) and counts (exactly), wherever its rows are. */
    @Test
    void aHistogramSummedInBlocksHoldsTheRowsSums() {
        int rows = 3 * TreeKernels.MIN_BLOCK_ROWS + 17;
        SplittableRandom random = new SplittableRandom(3);
        byte[][] bins = new byte[2][rows];
        float[] gradient = new float[rows];
        float[] hessian = new float[rows];
        int[] index = new int[rows];
        for (int r = 0; r < rows; r++) {
            bins[0][r] = (byte) random.nextInt(4);
            bins[1][r] = random.nextInt(10) == 0 ? (byte) Binning.MISSING : (byte) random.nextInt(3);
            gradient[r] = (float) random.nextGaussian();
            hessian[r] = (float) random.nextDouble();
            index[r] = rows - 1 - r;
        }
        int[] offsets = {0, 5, 9};
        JavaTreeKernels kernels = new JavaTreeKernels();
        kernels.bins(bins, offsets, 31);
        kernels.gradients(gradient, hessian);
        int from = 100;
        JavaTreeKernels.Histogram histogram = kernels.get(kernels.histogram(index, from, rows, false));
        double[] sums = histogram.sums;
        int[] count = histogram.count;
        double[] expected = new double[18];
        int[] expectedCount = new int[9];
        for (int i = from; i < rows; i++) {
            int r = index[i];
            for (int f = 0; f < 2; f++) {
                int code = bins[f][r] & 0xFF;
                int slot = code == Binning.MISSING ? offsets[f + 1] - 1 : offsets[f] + code;
                expected[2 * slot] += gradient[r];
                expected[2 * slot + 1] += hessian[r];
                expectedCount[slot]++;
            }
        }
        assertArrayEquals(expectedCount, count);
        assertArrayEquals(expected, sums, 1e-9);
        assertTrue(count[4] == 0 && count[8] > 0, "feature 0 has no missing values, feature 1 has");
    }
}
