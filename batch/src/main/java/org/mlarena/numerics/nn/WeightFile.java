package org.mlarena.numerics.nn;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mlarena.numerics.data.ChecksummedFile;
import org.mlarena.numerics.data.InvalidDataException;

/**
 * The versioned file format of a network's weights, optionally with the optimiser's state (a checkpoint).
 *
 * <pre>
 * "MLARENAW"            8 bytes magic
 * version               int (3; versions 1 and 2 are read too: 1 without preprocessing, read as the identity)
 * architecture          input shape (3 ints), int loss ordinal, int layer count, per layer: int kind, int n, n ints
 *                       (floats as their bits): 1 dense (outputs, ReLU, dropout), 2 convolution (filters, kernel,
 *                       stride, padding, ReLU), 3 max-pooling (size), 4 average pooling (size), 5 global average
 *                       pooling (), 6 activation (function ordinal), 7 dropout (rate), 8 batch normalisation
 *                       (momentum, epsilon), 9 residual block (projection, projection stride, body layers) followed by
 *                       its body's layers, 10 flatten (), 11 embedding bag (dimension, entries), 12 augmentation (shift, flip). Versions 1 and 2: kinds 1 to 3 with 4 ints each (convolution: filters,
 *                       kernel, padding, ReLU)
 * preprocessing         version 2 on: int raw inputs, int columns, per column int kind (1 numeric) and its mean,
 *                       scale, fill (doubles) and missing flag (boolean); the target's mean and scale (doubles)
 * step                  int optimiser steps taken
 * parameters            int P, then P floats
 * layer state           version 3: int S, then S floats (running statistics)
 * optimiser state       int S (0 or 2P), then S floats
 * CRC-32                long, of every byte before it
 * </pre>
 * Big-endian. Written to a temporary file and moved into place, so a crash never leaves half a file.
 */
public final class WeightFile {

    public static final int VERSION = 3;
    private static final byte[] MAGIC = "MLARENAW".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /**
     * What a weight file holds.
     *
     * @param optimizerState the optimiser's two state vectors (2P floats), or empty
     */
    public record Saved(Shape input, List<LayerSpec> layers, Network.Loss loss, Preprocessing preprocessing, int step, float[] parameters,
                        float[] state, float[] optimizerState) {

        /** The epochs these weights have been trained for, at {@code stepsPerEpoch} optimiser steps each. */
        public int epochs(int stepsPerEpoch) {
            return step / stepsPerEpoch;
        }

        /** Copies the weights (and state, if saved and wanted) into a network of the same architecture. */
        public void restoreInto(Network net, boolean withOptimizerState) {
            if (!input.equals(net.input()) || !layers.equals(net.specs()) || loss != net.loss()) {
                throw new IllegalArgumentException("the saved network is " + input + " -> " + layers + " " + loss
                        + " but this one is " + net.input() + " -> " + net.specs() + " " + net.loss());
            }
            net.backend().download();
            float[] mem = net.backend().memory();
            System.arraycopy(parameters, 0, mem, 0, parameters.length);
            System.arraycopy(state, 0, mem, net.stateOffset(), state.length);
            if (withOptimizerState && optimizerState.length > 0) {
                System.arraycopy(optimizerState, 0, mem, 2 * parameters.length, optimizerState.length);
                net.step(step);
            }
            net.backend().upload();
        }

        /**
         * Finetuning: the weights (and running statistics) of this network's leading layers that {@code net} has too, the
         * same layers on the same input, copied into it; the rest of {@code net} keeps its initialisation, and the
         * optimiser's state starts empty. A network with another number of outputs thus takes every layer but the output
         * one; a network a team wrote takes the layers it shares with this one from the start.
         *
         * @return how many leading layers were copied
         */
        public int transplant(Network net) {
            int layers = Network.matchingLeadingLayers(input, this.layers, net.input(), net.specs());
            if (layers == 0) {
                return 0;
            }
            net.backend().download();
            float[] mem = net.backend().memory();
            System.arraycopy(parameters, 0, mem, 0, net.parametersBefore(layers));
            System.arraycopy(state, 0, mem, net.stateOffset(), net.stateBefore(layers));
            net.backend().upload();
            return layers;
        }
    }

    private WeightFile() {
    }

    public static void save(Network net, Preprocessing preprocessing, Path file, boolean withOptimizerState) throws IOException {
        if (preprocessing.outputs() != net.inputs()) {
            throw new IllegalArgumentException("the preprocessing gives " + preprocessing.outputs() + " values but the network takes " + net.inputs());
        }
        net.backend().download();
        float[] mem = net.backend().memory();
        int p = net.parameterCount();
        ChecksummedFile.write(file, out -> {
            out.write(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(net.input().channels());
            out.writeInt(net.input().height());
            out.writeInt(net.input().width());
            out.writeInt(net.loss().ordinal());
            out.writeInt(net.layers());
            for (LayerSpec spec : net.specs()) {
                writeSpec(out, spec);
            }
            preprocessing.write(out);
            out.writeInt(net.step());
            out.writeInt(p);
            writeFloats(out, mem, 0, p);
            out.writeInt(net.stateCount());
            writeFloats(out, mem, net.stateOffset(), net.stateCount());
            int state = withOptimizerState ? 2 * p : 0;
            out.writeInt(state);
            writeFloats(out, mem, 2 * p, state);
        });
    }

    public static Saved load(Path file) throws InvalidDataException {
        return ChecksummedFile.read(file, file.toString(), "; use another checkpoint", in -> {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidDataException(file + ": not an ML Arena weight file (wrong magic bytes)");
            }
            int version = in.readInt();
            if (version < 1 || version > VERSION) {
                throw new InvalidDataException(file + ": weight format version " + version + ", this ML Arena reads versions 1 to " + VERSION);
            }
            Shape input;
            List<LayerSpec> layers = new ArrayList<>();
            Network.Loss loss;
            Preprocessing preprocessing;
            long expected;
            int expectedState;
            try {
                input = new Shape(in.readInt(), in.readInt(), in.readInt());
                int lossOrdinal = in.readInt();
                int count = in.readInt();
                if (lossOrdinal < 0 || lossOrdinal >= Network.Loss.values().length || count < 1 || count > 256) {
                    throw new IllegalArgumentException("loss " + lossOrdinal + ", " + count + " layers");
                }
                loss = Network.Loss.values()[lossOrdinal];
                for (int i = 0; i < count; i++) {
                    layers.add(version < 3 ? readLegacySpec(in) : readSpec(in, 0));
                }
                // the architecture must be buildable, and it fixes the parameter count
                Network net = new Network(input, layers, loss, new CountingBackend(), 1);
                expected = net.parameterCount();
                expectedState = net.stateCount();
                preprocessing = version == 1 ? Preprocessing.none(net.inputs()) : Preprocessing.read(in);
                if (preprocessing.outputs() != net.inputs()) {
                    throw new IllegalArgumentException("the preprocessing gives " + preprocessing.outputs() + " values for " + net.inputs() + " inputs");
                }
            } catch (IllegalArgumentException e) {
                throw new InvalidDataException(file + ": the architecture is invalid (" + e.getMessage() + "); the file is corrupt");
            }
            int step = in.readInt();
            int p = in.readInt();
            if (p != expected) {
                throw new InvalidDataException(file + ": holds " + p + " parameters but its architecture " + layers
                        + " has " + expected + "; the file is corrupt");
            }
            float[] parameters = readFloats(in, p);
            int stateCount = version < 3 ? 0 : in.readInt();
            if (stateCount != expectedState) {
                throw new InvalidDataException(file + ": holds " + stateCount + " state values but its architecture has " + expectedState
                        + "; the file is corrupt");
            }
            float[] layerState = readFloats(in, stateCount);
            int state = in.readInt();
            if (state != 0 && state != 2L * p) {
                throw new InvalidDataException(file + ": optimiser state of " + state + " values for " + p + " parameters; the file is corrupt");
            }
            float[] optimizerState = readFloats(in, state);
            return new Saved(input, List.copyOf(layers), loss, preprocessing, step, parameters, layerState, optimizerState);
        });
    }

    private static void writeSpec(DataOutputStream out, LayerSpec spec) throws IOException {
        if (spec instanceof LayerSpec.Dense d) {
            ints(out, 1, d.outputs(), d.relu() ? 1 : 0, Float.floatToIntBits(d.dropout()));
        } else if (spec instanceof LayerSpec.Conv2d c) {
            ints(out, 2, c.filters(), c.kernel(), c.stride(), c.padding(), c.relu() ? 1 : 0);
        } else if (spec instanceof LayerSpec.MaxPool p) {
            ints(out, 3, p.size());
        } else if (spec instanceof LayerSpec.AvgPool p) {
            ints(out, 4, p.size());
        } else if (spec instanceof LayerSpec.GlobalAvgPool) {
            ints(out, 5);
        } else if (spec instanceof LayerSpec.Activation a) {
            ints(out, 6, a.function().ordinal());
        } else if (spec instanceof LayerSpec.Dropout d) {
            ints(out, 7, Float.floatToIntBits(d.rate()));
        } else if (spec instanceof LayerSpec.BatchNorm b) {
            ints(out, 8, Float.floatToIntBits(b.momentum()), Float.floatToIntBits(b.epsilon()));
        } else if (spec instanceof LayerSpec.Flatten) {
            ints(out, 10);
        } else if (spec instanceof LayerSpec.EmbeddingBag e) {
            ints(out, 11, e.dimension(), e.entries());
        } else if (spec instanceof LayerSpec.Augment a) {
            ints(out, 12, a.shift(), a.flip() ? 1 : 0);
        } else {
            LayerSpec.Residual r = (LayerSpec.Residual) spec;
            ints(out, 9, r.projection() ? 1 : 0, r.projectionStride(), r.body().size());
            for (LayerSpec layer : r.body()) {
                writeSpec(out, layer);
            }
        }
    }

    private static void ints(DataOutputStream out, int kind, int... values) throws IOException {
        out.writeInt(kind);
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static LayerSpec readSpec(DataInputStream in, int depth) throws IOException {
        int kind = in.readInt();
        int n = in.readInt();
        if (n < 0 || n > 8 || depth > 8) {
            throw new IllegalArgumentException("a layer of kind " + kind + " with " + n + " values at depth " + depth);
        }
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = in.readInt();
        }
        int[] expected = {0, 3, 5, 1, 1, 0, 1, 1, 2, 3, 0, 2, 2};
        if (kind < 1 || kind >= expected.length || n != expected[kind]) {
            throw new IllegalArgumentException("unknown layer kind " + kind + " with " + n + " values");
        }
        return switch (kind) {
            case 1 -> new LayerSpec.Dense(v[0], v[1] == 1, Float.intBitsToFloat(v[2]));
            case 2 -> new LayerSpec.Conv2d(v[0], v[1], v[2], v[3], v[4] == 1);
            case 3 -> new LayerSpec.MaxPool(v[0]);
            case 4 -> new LayerSpec.AvgPool(v[0]);
            case 5 -> new LayerSpec.GlobalAvgPool();
            case 6 -> {
                if (v[0] < 0 || v[0] >= ActivationFunction.values().length) {
                    throw new IllegalArgumentException("unknown activation " + v[0]);
                }
                yield new LayerSpec.Activation(ActivationFunction.values()[v[0]]);
            }
            case 7 -> new LayerSpec.Dropout(Float.intBitsToFloat(v[0]));
            case 8 -> new LayerSpec.BatchNorm(Float.intBitsToFloat(v[0]), Float.intBitsToFloat(v[1]));
            case 10 -> new LayerSpec.Flatten();
            case 11 -> new LayerSpec.EmbeddingBag(v[0], v[1]);
            case 12 -> new LayerSpec.Augment(v[0], v[1] == 1);
            default -> {
                if (v[2] < 1 || v[2] > 256) {
                    throw new IllegalArgumentException("a residual block of " + v[2] + " layers");
                }
                List<LayerSpec> body = new ArrayList<>();
                for (int i = 0; i < v[2]; i++) {
                    body.add(readSpec(in, depth + 1));
                }
                yield new LayerSpec.Residual(body, v[0] == 1, v[1]);
            }
        };
    }

    /** Versions 1 and 2: dense, convolution (stride 1) and max-pooling, four ints each. */
    private static LayerSpec readLegacySpec(DataInputStream in) throws IOException {
        int kind = in.readInt();
        int a = in.readInt();
        int b = in.readInt();
        int c = in.readInt();
        int d = in.readInt();
        return switch (kind) {
            case 1 -> new LayerSpec.Dense(a, b == 1, Float.intBitsToFloat(c));
            case 2 -> new LayerSpec.Conv2d(a, b, c, d == 1);
            case 3 -> new LayerSpec.MaxPool(a);
            default -> throw new IllegalArgumentException("unknown layer kind " + kind);
        };
    }

    /** Floats per block that {@link #writeFloats} and {@link #readFloats} convert at once. */
    private static final int BLOCK = 16_384;

    /**
     * The floats as {@link DataOutputStream#writeFloat} writes them (big-endian), a block at a time: one value at a time,
     * saving a model of 2 million parameters with its optimiser state took most of a text model's training time.
     */
    private static void writeFloats(DataOutputStream out, float[] values, int from, int count) throws IOException {
        java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(4 * Math.min(BLOCK, Math.max(1, count)));
        for (int done = 0; done < count; done += BLOCK) {
            int n = Math.min(BLOCK, count - done);
            block.clear();
            block.asFloatBuffer().put(values, from + done, n);
            out.write(block.array(), 0, 4 * n);
        }
    }

    private static float[] readFloats(DataInputStream in, int count) throws IOException {
        float[] values = new float[count];
        byte[] bytes = new byte[4 * Math.min(BLOCK, Math.max(1, count))];
        for (int done = 0; done < count; done += BLOCK) {
            int n = Math.min(BLOCK, count - done);
            in.readFully(bytes, 0, 4 * n);
            java.nio.ByteBuffer.wrap(bytes, 0, 4 * n).asFloatBuffer().get(values, done, n);
        }
        return values;
    }
}
