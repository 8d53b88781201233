package org.mlarena.submission.control;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;

import org.mlarena.common.DataDirectory;
import org.mlarena.common.Sha256;

/**
 * A submission's raw outputs on the hidden test set, as its scoring computed them (logits per class, or predicted
 * values), kept so that a reproduction can be compared with it to the bit and hosts can download them. The file: the
 * magic "ARPR", rows and columns (int32), then the float32 outputs row-major, big-endian. Its SHA-256 covers exactly
 * those bytes, so two runs that computed the same floats have the same digest.
 */
public final class PredictionFile {

    private static final int MAGIC = 0x41525052; // "ARPR"

    /** The outputs read back: row-major, {@code rows × columns}. */
    public record Outputs(float[] values, int rows, int columns) {

        public float value(int row, int column) {
            return values[row * columns + column];
        }
    }

    /**
     * A reproduction's outputs against the original's.
     *
     * @param identical     every float equal to the bit
     * @param maxDifference the largest absolute difference of one output (0 when identical; infinite when the shapes differ)
     */
    public record Comparison(boolean identical, double maxDifference) {
    }

    private PredictionFile() {
    }

    public static Path of(long submissionId) {
        return DataDirectory.models().resolve("submission-" + submissionId).resolve("predictions.bin");
    }

    /** Writes the outputs (atomically: a crash leaves no half file) and returns their SHA-256, lowercase hex. */
    public static String write(Path file, float[] values, int rows, int columns) throws IOException {
        Files.createDirectories(file.getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        MessageDigest sha256 = Sha256.digest();
        try (OutputStream raw = Files.newOutputStream(partial);
             DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(new DigestOutputStream(raw, sha256), 1 << 16))) {
            out.writeInt(MAGIC);
            out.writeInt(rows);
            out.writeInt(columns);
            for (float v : values) {
                out.writeFloat(v);
            }
        }
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return Sha256.hex(sha256);
    }

    public static Outputs read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC) {
                throw new IOException(file.getFileName() + " is not a predictions file");
            }
            int rows = in.readInt();
            int columns = in.readInt();
            if (rows < 0 || columns < 1 || (long) rows * columns > Integer.MAX_VALUE - 8) {
                throw new IOException(file.getFileName() + " says " + rows + " rows of " + columns + " outputs");
            }
            byte[] bytes = in.readNBytes(rows * columns * Float.BYTES);
            if (bytes.length != rows * columns * Float.BYTES) {
                throw new IOException(file.getFileName() + " is cut short");
            }
            float[] values = new float[rows * columns];
            ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(values);
            return new Outputs(values, rows, columns);
        }
    }

    public static Comparison compare(Outputs original, Outputs again) {
        if (original.rows() != again.rows() || original.columns() != again.columns()) {
            return new Comparison(false, Double.POSITIVE_INFINITY);
        }
        boolean identical = true;
        double max = 0;
        for (int i = 0; i < original.values().length; i++) {
            float a = original.values()[i];
            float b = again.values()[i];
            if (Float.floatToRawIntBits(a) != Float.floatToRawIntBits(b)) {
                identical = false;
                max = Math.max(max, Float.isNaN(a) || Float.isNaN(b) ? Double.POSITIVE_INFINITY : Math.abs((double) a - b));
            }
        }
        return new Comparison(identical, max);
    }
}
