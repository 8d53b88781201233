package org.mlarena.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ScoreSplitTest {

    @Test
    void publicShareIsCloseToTheFraction() {
        int[] pub = new ScoreSplit(2026, 0.3).publicRows(10_000);
        assertTrue(pub.length >= 2850 && pub.length <= 3150, "public rows: " + pub.length);
    }

    @Test
    void deterministicAndIndependentOfOrder() {
        ScoreSplit a = new ScoreSplit(17, 0.4);
        ScoreSplit b = new ScoreSplit(17, 0.4);
        assertArrayEquals(a.publicRows(5000), b.publicRows(5000));
        boolean[] forward = new boolean[1000];
        for (int i = 0; i < 1000; i++) {
            forward[i] = a.isPublic(i);
        }
        for (int i = 999; i >= 0; i--) {
            assertEquals(forward[i], b.isPublic(i));
        }
        // the first rows split the same whatever the test set's size
        assertArrayEquals(a.publicRows(100), Arrays.stream(a.publicRows(5000)).filter(i -> i < 100).toArray());
        assertFalse(Arrays.equals(a.publicRows(1000), new ScoreSplit(18, 0.4).publicRows(1000)));
    }

    @Test
    void partsAreDisjointAndComplete() {
        ScoreSplit split = new ScoreSplit(-5, 0.25);
        int n = 3000;
        int[] pub = split.publicRows(n);
        int[] priv = split.privateRows(n);
        assertEquals(n, pub.length + priv.length);
        int[] all = new int[n];
        System.arraycopy(pub, 0, all, 0, pub.length);
        System.arraycopy(priv, 0, all, pub.length, priv.length);
        Arrays.sort(all);
        for (int i = 0; i < n; i++) {
            assertEquals(i, all[i]);
        }
    }

    @Test
    void refusesFractionsOutsideTheOpenInterval() {
        for (double f : new double[] {0, 1, -0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ScoreSplit(1, f));
            assertTrue(e.getMessage().contains("public fraction must be strictly between 0 and 1"), e.getMessage());
        }
    }

    @Test
    void scoresEachPart() {
        MetricInput.ClassLabels input = BootstrapTest.labels(2000, 0.7, 4);
        Metric accuracy = MetricRegistry.standard().get("accuracy");
        ScoreSplit split = new ScoreSplit(3, 0.5);
        assertEquals(accuracy.evaluate(input.resample(split.publicRows(2000))), split.scorePublic(accuracy, input));
        assertEquals(accuracy.evaluate(input.resample(split.privateRows(2000))), split.scorePrivate(accuracy, input));
        int correctPublic = 0;
        int[] pub = split.publicRows(2000);
        for (int i : pub) {
            correctPublic += input.truth()[i] == input.predicted()[i] ? 1 : 0;
        }
        assertEquals((double) correctPublic / pub.length, split.scorePublic(accuracy, input), 1e-15);
        // one row with a small fraction may leave a part empty: said, not an odd metric error
        MetricInput.ClassLabels one = new MetricInput.ClassLabels(new int[] {0}, new int[] {0}, 2);
        ScoreSplit tiny = new ScoreSplit(3, 0.5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> {
                    tiny.scorePublic(accuracy, one);
                    tiny.scorePrivate(accuracy, one);
                });
        assertTrue(e.getMessage().contains("part of 1 rows is empty"), e.getMessage());
    }

    @Test
    void theCommitmentIsTheSha256OfTheSeedsDecimalText() {
        // python3 -c "import hashlib; print(hashlib.sha256(b'-7919').hexdigest())"
        assertEquals("dc19a776e99102fb9dae2de9dd4e7aff721d420e98e583a13ae7deb1db9d22af", ScoreSplit.commitment(-7919));
        assertFalse(ScoreSplit.commitment(1).equals(ScoreSplit.commitment(2)));
    }
}
