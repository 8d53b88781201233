package org.mlarena.submission.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PredictionFileTest {

    @TempDir
    Path dir;

    private static final float[] OUTPUTS = {0.5f, -1.25f, 3e-8f, Float.MIN_VALUE, -0.0f, 7f};

    @Test
    void theOutputsReadBackToTheBitAndTheDigestIsTheFiles() throws Exception {
        Path file = dir.resolve("submission-1/predictions.bin");
        String sha256 = PredictionFile.write(file, OUTPUTS, 3, 2);
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))), sha256,
                "anyone can check the digest with sha256sum");
        PredictionFile.Outputs read = PredictionFile.read(file);
        assertEquals(3, read.rows());
        assertEquals(2, read.columns());
        assertArrayEquals(OUTPUTS, read.values());
        assertEquals(-1.25f, read.value(0, 1));
        assertFalse(Files.exists(file.resolveSibling("predictions.bin.partial")), "written atomically: no partial file stays");
        assertEquals(sha256, PredictionFile.write(dir.resolve("again.bin"), OUTPUTS.clone(), 3, 2), "the same floats, the same digest");
    }

    @Test
    void aComparisonFindsTheLastBitAndTheLargestDifference() {
        PredictionFile.Outputs original = new PredictionFile.Outputs(OUTPUTS, 3, 2);
        PredictionFile.Comparison same = PredictionFile.compare(original, new PredictionFile.Outputs(OUTPUTS.clone(), 3, 2));
        assertTrue(same.identical());
        assertEquals(0, same.maxDifference());

        float[] other = OUTPUTS.clone();
        other[0] = Math.nextUp(other[0]);
        other[5] = 7.001f;
        PredictionFile.Comparison differs = PredictionFile.compare(original, new PredictionFile.Outputs(other, 3, 2));
        assertFalse(differs.identical());
        assertEquals(7.001f - 7f, differs.maxDifference(), 1e-9);

        float[] signed = OUTPUTS.clone();
        signed[4] = 0.0f;
        assertFalse(PredictionFile.compare(original, new PredictionFile.Outputs(signed, 3, 2)).identical(), "-0 and +0 differ in their bits");
        PredictionFile.Comparison shape = PredictionFile.compare(original, new PredictionFile.Outputs(OUTPUTS, 2, 3));
        assertFalse(shape.identical());
        assertEquals(Double.POSITIVE_INFINITY, shape.maxDifference());
    }

    @Test
    void aFileThatIsNotOneOrCutShortIsRefused() throws IOException {
        Path notOne = dir.resolve("x.bin");
        Files.writeString(notOne, "row,prediction\n");
        assertThrows(IOException.class, () -> PredictionFile.read(notOne));
        Path file = dir.resolve("cut.bin");
        PredictionFile.write(file, OUTPUTS, 3, 2);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
        IOException e = assertThrows(IOException.class, () -> PredictionFile.read(file));
        assertNotEquals(-1, e.getMessage().indexOf("cut short"), e.getMessage());
    }
}
