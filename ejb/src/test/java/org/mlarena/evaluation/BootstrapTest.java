package org.mlarena.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    private static final MetricRegistry REGISTRY = MetricRegistry.standard();

    /** Labels of {@code n} samples of 3 classes of which a share {@code correct} is predicted right. */
    static MetricInput.ClassLabels labels(int n, double correct, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] truth = new int[n];
        int[] predicted = new int[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextInt(3);
            predicted[i] = random.nextDouble() < correct ? truth[i] : (truth[i] + 1 + random.nextInt(2)) % 3;
        }
        return new MetricInput.ClassLabels(truth, predicted, 3);
    }

    static MetricInput.RegressionValues regression(int n, double noise, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] truth = new double[n];
        double[] predicted = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = random.nextDouble() * 10;
            predicted[i] = truth[i] + noise * (random.nextDouble() - 0.5);
        }
        return new MetricInput.RegressionValues(truth, predicted);
    }

    @Test
    void quantileIsNumpysLinearDefinition() {
        // numpy.percentile([1, 2, 3, 4], [0, 25, 50, 75, 100]) == [1, 1.75, 2.5, 3.25, 4]
        double[] x = {1, 2, 3, 4};
        assertEquals(1.0, Bootstrap.quantile(x, 0));
        assertEquals(1.75, Bootstrap.quantile(x, 0.25));
        assertEquals(2.5, Bootstrap.quantile(x, 0.5));
        assertEquals(3.25, Bootstrap.quantile(x, 0.75));
        assertEquals(4.0, Bootstrap.quantile(x, 1));
        // numpy.quantile([10, 20, 30, 40, 50], 0.1) == 14.0; numpy.quantile([1, 2, 3], 0.9) == 2.8
        assertEquals(14.0, Bootstrap.quantile(new double[] {10, 20, 30, 40, 50}, 0.1), 1e-12);
        assertEquals(2.8, Bootstrap.quantile(new double[] {1, 2, 3}, 0.9), 1e-12);
        assertEquals(7.0, Bootstrap.quantile(new double[] {7}, 0.3));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.quantile(new double[0], 0.5));
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.quantile(x, 1.5));
    }

    @Test
    void intervalContainsThePointEstimate() {
        Metric mae = REGISTRY.get("mae");
        MetricInput input = regression(400, 2, 1);
        ConfidenceInterval ci = Bootstrap.withSeed(42).interval(mae, input);
        assertEquals(mae.evaluate(input), ci.point());
        assertTrue(ci.lower() < ci.point() && ci.point() < ci.upper(), ci.toString());
        assertEquals(1000, ci.resamples());
        assertEquals(0.95, ci.level());
        assertEquals(42, ci.seed());
        assertEquals(0, ci.undefined());
        assertEquals(1000, ci.defined());
    }

    @Test
    void widthShrinksWithTheSquareRootOfTheSampleSize() {
        Metric accuracy = REGISTRY.get("accuracy");
        ConfidenceInterval small = Bootstrap.withSeed(7).interval(accuracy, labels(400, 0.8, 3));
        ConfidenceInterval large = Bootstrap.withSeed(7).interval(accuracy, labels(6400, 0.8, 3));
        double ratio = small.width() / large.width();
        assertTrue(ratio > 3 && ratio < 5, "width ratio " + ratio + " for 16 times the samples");
        assertTrue(small.contains(small.point()) && large.contains(large.point()));
    }

    @Test
    void sameSeedSameInterval() {
        Metric accuracy = REGISTRY.get("accuracy");
        MetricInput input = labels(300, 0.7, 5);
        ConfidenceInterval a = new Bootstrap(500, 0.9, 11).interval(accuracy, input);
        ConfidenceInterval b = new Bootstrap(500, 0.9, 11).interval(accuracy, input);
        assertEquals(a, b);
        ConfidenceInterval other = new Bootstrap(500, 0.9, 12).interval(accuracy, input);
        assertNotEquals(a, other);
        // a higher level gives a wider interval from the same replicates
        ConfidenceInterval wider = new Bootstrap(500, 0.99, 11).interval(accuracy, input);
        assertTrue(wider.lower() <= a.lower() && wider.upper() >= a.upper());
    }

    @Test
    void undefinedReplicatesAreCountedNotHidden() {
        // one positive among 20: a replicate that misses it has one class only and ROC AUC refuses it
        int n = 20;
        int[] truth = new int[n];
        double[][] p = new double[n][];
        truth[0] = 1;
        for (int i = 0; i < n; i++) {
            double s = i == 0 ? 0.9 : i / 40.0;
            p[i] = new double[] {1 - s, s};
        }
        MetricInput input = new MetricInput.ClassProbabilities(truth, p);
        ConfidenceInterval ci = Bootstrap.withSeed(1).interval(REGISTRY.get("roc_auc"), input);
        // P(row 0 never drawn) = (19/20)^20 ~ 0.36
        assertTrue(ci.undefined() > 250 && ci.undefined() < 470, "undefined " + ci.undefined());
        assertEquals(1.0, ci.point());
        assertEquals(ci.resamples(), ci.defined() + ci.undefined());
        assertEquals(1.0, ci.upper());
    }

    @Test
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new Bootstrap(0, 0.95, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Bootstrap(10, 1, 1));
        assertTrue(e.getMessage().contains("level"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.withSeed(1).interval(REGISTRY.get("confusion_matrix"), labels(10, 0.5, 1)));
    }

    @Test
    void clearlyBetterModelWinsAlmostEveryReplicate() {
        int n = 1000;
        MetricInput.ClassLabels good = labels(n, 0.9, 21);
        SplittableRandom random = new SplittableRandom(99);
        int[] worse = good.predicted().clone();
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < 0.3) {
                worse[i] = (good.truth()[i] + 1) % 3;
            }
        }
        MetricInput.ClassLabels b = new MetricInput.ClassLabels(good.truth(), worse, 3);
        PairedComparison c = Bootstrap.withSeed(3).compare(REGISTRY.get("accuracy"), good, b);
        assertTrue(c.shareABetter() > 0.99, c.toString());
        assertTrue(c.pValue() < 0.01, c.toString());
        assertTrue(c.lower() > 0 && c.pointDifference() > 0.15, c.toString());
        assertEquals(c.shareABetter() + c.pValue(), 1.0, 1e-12);
        // reversed: B better, so A's share is near 0
        PairedComparison reversed = Bootstrap.withSeed(3).compare(REGISTRY.get("accuracy"), b, good);
        assertTrue(reversed.shareABetter() < 0.01 && reversed.upper() < 0, reversed.toString());
    }

    @Test
    void lowerIsBetterMetricsAreOriented() {
        MetricInput.RegressionValues precise = regression(500, 0.5, 8);
        double[] sloppy = precise.truth().clone();
        for (int i = 0; i < sloppy.length; i++) {
            sloppy[i] += (i % 2 == 0 ? 1 : -1) * 2.0;
        }
        PairedComparison c = Bootstrap.withSeed(4).compare(REGISTRY.get("mae"), precise,
                new MetricInput.RegressionValues(precise.truth(), sloppy));
        assertTrue(c.pointDifference() > 1.5 && c.meanDifference() > 1.5, c.toString());
        assertTrue(c.shareABetter() > 0.99);
    }

    @Test
    void identicalPredictionsDifferByNothing() {
        MetricInput.ClassLabels a = labels(200, 0.6, 2);
        MetricInput.ClassLabels b = new MetricInput.ClassLabels(a.truth(), a.predicted().clone(), 3);
        PairedComparison c = Bootstrap.withSeed(5).compare(REGISTRY.get("f1_macro"), a, b);
        assertEquals(0.0, c.pointDifference());
        assertEquals(0.0, c.meanDifference());
        assertEquals(0.0, c.lower());
        assertEquals(0.0, c.upper());
        assertEquals(0.0, c.shareABetter());
        assertEquals(1.0, c.pValue());
        assertEquals(0, c.undefined());
    }

    @Test
    void pairedComparisonNeedsTheSameTruth() {
        MetricInput.ClassLabels a = labels(100, 0.6, 1);
        MetricInput.ClassLabels other = labels(100, 0.6, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.withSeed(1).compare(REGISTRY.get("accuracy"), a, other));
        assertTrue(e.getMessage().contains("different truth"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.withSeed(1).compare(REGISTRY.get("accuracy"), a, labels(50, 0.6, 1)));
        assertThrows(IllegalArgumentException.class,
                () -> Bootstrap.withSeed(1).compare(REGISTRY.get("mae"), a, regression(100, 1, 1)));
    }

    @Test
    void sameSeedSameComparison() {
        MetricInput.ClassLabels a = labels(300, 0.7, 6);
        MetricInput.ClassLabels b = new MetricInput.ClassLabels(a.truth(), labels(300, 0.65, 6).predicted(), 3);
        assertEquals(Bootstrap.withSeed(9).compare(REGISTRY.get("accuracy"), a, b),
                Bootstrap.withSeed(9).compare(REGISTRY.get("accuracy"), a, b));
    }
}
