package org.mlarena.numerics.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlarena.numerics.data.InvalidDataException;

class WeightFileTest {

    @TempDir
    Path dir;

    private static Network trained() throws Exception {
        ClassificationData data = NetworkTest.fashion("t10k");
        Network net = Network.dense(new int[]{784, 16, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 100);
        net.initialise(4);
        Trainer.fit(net, data, data, 1, 100, Optimizer.Adam.of(1e-3f), 4, null);
        return net;
    }

    @Test
    void aCheckpointRoundTripsWeightsStateAndStepAndTrainingContinuesIdentically() throws Exception {
        ClassificationData data = NetworkTest.fashion("t10k");
        Network original = trained();
        Path file = dir.resolve("checkpoint.weights");
        WeightFile.save(original, Preprocessing.none(original.inputs()), file, true);
        WeightFile.Saved saved = WeightFile.load(file);
        assertEquals(Shape.vector(784), saved.input());
        assertEquals(original.specs(), saved.layers());
        assertEquals(5, saved.step());
        Network restored = Network.dense(new int[]{784, 16, 10}, Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 100);
        restored.initialise(99);
        saved.restoreInto(restored, true);
        int p = original.parameterCount();
        float[] before = original.backend().memory();
        float[] after = restored.backend().memory();
        assertArrayEquals(Arrays.copyOf(before, p), Arrays.copyOf(after, p), "parameters");
        assertArrayEquals(Arrays.copyOfRange(before, 2 * p, 4 * p), Arrays.copyOfRange(after, 2 * p, 4 * p), "both Adam moments");
        // resuming from the checkpoint is the same as never having stopped
        Trainer.fit(original, data, data, 1, 100, Optimizer.Adam.of(1e-3f), 8, null);
        Trainer.fit(restored, data, data, 1, 100, Optimizer.Adam.of(1e-3f), 8, null);
        assertArrayEquals(Arrays.copyOf(original.backend().memory(), p), Arrays.copyOf(restored.backend().memory(), p));
    }

    @Test
    void finetuningKeepsTheHiddenLayersAndReplacesTheOutputLayer() throws Exception {
        Network original = trained();
        Path file = dir.resolve("base.weights");
        WeightFile.save(original, Preprocessing.none(original.inputs()), file, false);
        WeightFile.Saved saved = WeightFile.load(file);
        assertEquals(0, saved.optimizerState().length);
        Network tuned = new Network(saved.input(), List.of(new LayerSpec.Dense(16, true, 0f), new LayerSpec.Dense(3, false, 0f)),
                Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 32);
        tuned.initialise(1);
        assertEquals(1, saved.transplant(tuned), "the hidden layer, not the output layer of another size");
        int hidden = tuned.weightOffset(1);
        assertArrayEquals(Arrays.copyOf(original.backend().memory(), hidden), Arrays.copyOf(tuned.backend().memory(), hidden));
        tuned.freeze(0, true);
        assertTrue(tuned.isFrozen(0));
        assertThrows(IllegalArgumentException.class, () -> saved.restoreInto(tuned, false));
    }

    @Test
    void corruptTruncatedAndForeignFilesAreNamedAsSuch() throws Exception {
        Path file = dir.resolve("w.weights");
        Network net = trained();
        WeightFile.save(net, Preprocessing.none(net.inputs()), file, false);
        byte[] bytes = Files.readAllBytes(file);

        byte[] flipped = bytes.clone();
        flipped[bytes.length / 2] ^= 0x40;
        assertMessage(Files.write(dir.resolve("flipped"), flipped), "is corrupt (checksum");
        assertMessage(Files.write(dir.resolve("short"), Arrays.copyOf(bytes, bytes.length / 3)), "is truncated");
        assertMessage(Files.write(dir.resolve("other"), "PK\u0003\u0004 not weights at all".getBytes()), "not an ML Arena weight file");
        byte[] future = bytes.clone();
        future[11] = 9;
        assertMessage(Files.write(dir.resolve("future"), future), "weight format version 9, this ML Arena reads versions 1 to 3");
        assertMessage(dir.resolve("missing"), "no such file");
    }

    private static void assertMessage(Path file, String expected) {
        InvalidDataException e = assertThrows(InvalidDataException.class, () -> WeightFile.load(file));
        assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in " + e.getMessage());
    }
}
