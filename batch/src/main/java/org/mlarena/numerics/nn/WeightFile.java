package org.mlarena.numerics.nn;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

import org.mlarena.numerics.data.InvalidDataException;

/**
 * The versioned file format of a network's weights, optionally with the optimiser's state (a checkpoint).
 *
 * <pre>
 * "MLARENAW"            8 bytes magic
 * version               int (1)
 * architecture          int kind (1 = dense), int loss ordinal, int layer-size count, the sizes
 * step                  int optimiser steps taken
 * parameters            int P, then P floats
 * optimiser state       int S (0 or 2P), then S floats
 * CRC-32                long, of every byte before it
 * </pre>
 * Big-endian. Written to a temporary file and moved into place, so a crash never leaves half a file.
 */
public final class WeightFile {

    public static final int VERSION = 1;
    private static final byte[] MAGIC = "MLARENAW".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int DENSE = 1;

    /**
     * What a weight file holds.
     *
     * @param optimizerState the optimiser's two state vectors (2P floats), or empty
     */
    public record Saved(int[] sizes, DenseNetwork.Loss loss, int step, float[] parameters, float[] optimizerState) {

        /** Copies the weights (and state, if saved and wanted) into a network of the same architecture. */
        public void restoreInto(DenseNetwork net, boolean withOptimizerState) {
            if (!Arrays.equals(sizes, net.sizes()) || loss != net.loss()) {
                throw new IllegalArgumentException("the saved network is " + Arrays.toString(sizes) + " " + loss
                        + " but this one is " + Arrays.toString(net.sizes()) + " " + net.loss());
            }
            net.backend().download();
            float[] mem = net.backend().memory();
            System.arraycopy(parameters, 0, mem, 0, parameters.length);
            if (withOptimizerState && optimizerState.length > 0) {
                System.arraycopy(optimizerState, 0, mem, 2 * parameters.length, optimizerState.length);
                net.step(step);
            }
            net.backend().upload();
        }

        /**
         * Finetuning: every layer but the output one from these weights, the output layer new (for
         * {@code classes} outputs) and initialised from the seed; optimiser state starts empty.
         */
        public DenseNetwork finetune(int classes, Backend backend, int capacity, long seed) {
            int[] newSizes = sizes.clone();
            newSizes[newSizes.length - 1] = classes;
            DenseNetwork net = new DenseNetwork(newSizes, loss, backend, capacity);
            net.initialise(seed);
            float[] mem = backend.memory();
            int kept = net.weightOffset(net.layers() - 1); // every parameter before the output layer
            System.arraycopy(parameters, 0, mem, 0, kept);
            backend.upload();
            return net;
        }
    }

    private WeightFile() {
    }

    public static void save(DenseNetwork net, Path file, boolean withOptimizerState) throws IOException {
        net.backend().download();
        float[] mem = net.backend().memory();
        int p = net.parameterCount();
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        CRC32 crc = new CRC32();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(temporary), 1 << 16);
             CheckedOutputStream checked = new CheckedOutputStream(raw, crc);
             DataOutputStream out = new DataOutputStream(checked)) {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(DENSE);
            out.writeInt(net.loss().ordinal());
            int[] sizes = net.sizes();
            out.writeInt(sizes.length);
            for (int s : sizes) {
                out.writeInt(s);
            }
            out.writeInt(net.step());
            out.writeInt(p);
            for (int i = 0; i < p; i++) {
                out.writeFloat(mem[i]);
            }
            int state = withOptimizerState ? 2 * p : 0;
            out.writeInt(state);
            for (int i = 0; i < state; i++) {
                out.writeFloat(mem[2 * p + i]);
            }
            out.flush();
            new DataOutputStream(raw).writeLong(crc.getValue());
        }
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    public static Saved load(Path file) throws InvalidDataException {
        CRC32 crc = new CRC32();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
             CheckedInputStream checked = new CheckedInputStream(raw, crc);
             DataInputStream in = new DataInputStream(checked)) {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidDataException(file + ": not an ML Arena weight file (wrong magic bytes)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InvalidDataException(file + ": weight format version " + version + ", this ML Arena reads version " + VERSION);
            }
            int kind = in.readInt();
            int lossOrdinal = in.readInt();
            int count = in.readInt();
            if (kind != DENSE || lossOrdinal < 0 || lossOrdinal >= DenseNetwork.Loss.values().length || count < 2 || count > 64) {
                throw new InvalidDataException(file + ": the architecture header is invalid (kind " + kind + ", loss " + lossOrdinal
                        + ", " + count + " layer sizes); the file is corrupt");
            }
            int[] sizes = new int[count];
            long expected = 0;
            for (int i = 0; i < count; i++) {
                sizes[i] = in.readInt();
                if (sizes[i] < 1) {
                    throw new InvalidDataException(file + ": layer size " + sizes[i] + " is invalid; the file is corrupt");
                }
                if (i > 0) {
                    expected += (long) sizes[i - 1] * sizes[i] + sizes[i];
                }
            }
            int step = in.readInt();
            int p = in.readInt();
            if (p != expected) {
                throw new InvalidDataException(file + ": holds " + p + " parameters but its architecture " + Arrays.toString(sizes)
                        + " has " + expected + "; the file is corrupt");
            }
            float[] parameters = readFloats(in, p);
            int state = in.readInt();
            if (state != 0 && state != 2L * p) {
                throw new InvalidDataException(file + ": optimiser state of " + state + " values for " + p + " parameters; the file is corrupt");
            }
            float[] optimizerState = readFloats(in, state);
            long computed = crc.getValue();
            long stored = new DataInputStream(raw).readLong();
            if (stored != computed) {
                throw new InvalidDataException(file + ": is corrupt (checksum " + Long.toHexString(stored) + " stored, "
                        + Long.toHexString(computed) + " computed); use another checkpoint");
            }
            if (raw.read() >= 0) {
                throw new InvalidDataException(file + ": has bytes after its checksum; the file is corrupt");
            }
            return new Saved(sizes, DenseNetwork.Loss.values()[lossOrdinal], step, parameters, optimizerState);
        } catch (NoSuchFileException e) {
            throw new InvalidDataException(file + ": no such file");
        } catch (EOFException e) {
            throw new InvalidDataException(file + ": is truncated; the file is corrupt or still being written");
        } catch (IOException e) {
            throw new InvalidDataException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] values = new float[count];
        for (int i = 0; i < count; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }
}
