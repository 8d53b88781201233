package org.mlarena.numerics.trees;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mlarena.numerics.data.ChecksummedFile;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.nn.Preprocessing;

/**
 * A boosted model's file, beside the networks' weight files and built the same way: magic bytes {@code MLARENAT}, a
 * format version, the preprocessing of the rows, the objective, the baseline, every tree's nodes, and a CRC-32 of all
 * before it; written to a temporary file and moved into place, so a reader never sees half a model.
 */
public final class TreeFile {

    public static final int VERSION = 1;
    private static final byte[] MAGIC = "MLARENAT".getBytes(StandardCharsets.US_ASCII);
    /** More nodes than this in one tree cannot come from a grower (leaves are capped far below). */
    private static final int MAX_NODES = 1 << 20;

    /** A model as read back: the trees and what the rows go through first. */
    public record Saved(Preprocessing preprocessing, BoostedTrees model) {
    }

    private TreeFile() {
    }

    /**
     * Whether a file is a tree model (rather than a network's weights), from its magic bytes; false when it cannot be
     * read (the weight file's reader then says why).
     */
    public static boolean isTreeFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return Arrays.equals(in.readNBytes(MAGIC.length), MAGIC);
        } catch (IOException e) {
            return false;
        }
    }

    public static void save(BoostedTrees model, Preprocessing preprocessing, Path file) throws IOException {
        if (preprocessing.outputs() != model.features()) {
            throw new IllegalArgumentException("the preprocessing gives " + preprocessing.outputs() + " values but the trees take " + model.features());
        }
        ChecksummedFile.write(file, out -> {
            out.write(MAGIC);
            out.writeInt(VERSION);
            preprocessing.write(out);
            out.writeInt(model.objective().ordinal());
            out.writeInt(model.features());
            out.writeInt(model.outputs());
            out.writeInt(model.rounds());
            out.writeInt(model.roundsRun());
            out.writeLong(model.operations());
            for (double b : model.baseline()) {
                out.writeDouble(b);
            }
            out.writeInt(model.trees().size());
            for (Tree tree : model.trees()) {
                out.writeInt(tree.nodes());
                for (int n = 0; n < tree.nodes(); n++) {
                    out.writeInt(tree.feature()[n]);
                    out.writeFloat(tree.threshold()[n]);
                    out.writeInt(tree.bin()[n]);
                    out.writeBoolean(tree.missingLeft()[n]);
                    out.writeInt(tree.left()[n]);
                    out.writeInt(tree.right()[n]);
                    out.writeDouble(tree.value()[n]);
                }
            }
        });
    }

    public static Saved load(Path file) throws InvalidDataException {
        return ChecksummedFile.read(file, file.getFileName().toString(), "", in -> {
            byte[] magic = new byte[MAGIC.length];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidDataException(file.getFileName() + ": not an ML Arena tree model (wrong magic bytes)");
            }
            int version = in.readInt();
            if (version != VERSION) {
                throw new InvalidDataException(file.getFileName() + ": tree format version " + version + ", this ML Arena reads version " + VERSION);
            }
            Saved saved;
            try {
                Preprocessing preprocessing = Preprocessing.read(in);
                int objective = in.readInt();
                if (objective < 0 || objective >= Objective.values().length) {
                    throw new IllegalArgumentException("objective " + objective);
                }
                int features = in.readInt();
                int outputs = in.readInt();
                int rounds = in.readInt();
                int roundsRun = in.readInt();
                long operations = in.readLong();
                if (features != preprocessing.outputs() || outputs < 1 || outputs > 1000 || rounds < 0 || roundsRun < rounds) {
                    throw new IllegalArgumentException(features + " features, " + outputs + " outputs, " + rounds + " of " + roundsRun + " rounds");
                }
                double[] baseline = new double[outputs];
                for (int k = 0; k < outputs; k++) {
                    baseline[k] = in.readDouble();
                }
                int count = in.readInt();
                if (count != rounds * outputs) {
                    throw new IllegalArgumentException(count + " trees for " + rounds + " rounds of " + outputs);
                }
                List<Tree> trees = new ArrayList<>(count);
                for (int t = 0; t < count; t++) {
                    trees.add(readTree(in, features));
                }
                saved = new Saved(preprocessing, new BoostedTrees(Objective.values()[objective], features, outputs, baseline, List.copyOf(trees),
                        rounds, roundsRun, operations));
            } catch (IllegalArgumentException e) {
                throw new InvalidDataException(file.getFileName() + ": the model is invalid (" + e.getMessage() + "); the file is corrupt");
            }
            return saved;
        });
    }

    /** One tree, checked: every child after its parent and inside the tree, every split on a feature there is. */
    private static Tree readTree(DataInputStream in, int features) throws IOException {
        int n = in.readInt();
        if (n < 1 || n > MAX_NODES) {
            throw new IllegalArgumentException("a tree of " + n + " nodes");
        }
        int[] feature = new int[n];
        float[] threshold = new float[n];
        int[] bin = new int[n];
        boolean[] missingLeft = new boolean[n];
        int[] left = new int[n];
        int[] right = new int[n];
        double[] value = new double[n];
        for (int i = 0; i < n; i++) {
            feature[i] = in.readInt();
            threshold[i] = in.readFloat();
            bin[i] = in.readInt();
            missingLeft[i] = in.readBoolean();
            left[i] = in.readInt();
            right[i] = in.readInt();
            value[i] = in.readDouble();
            boolean leaf = left[i] < 0;
            if (leaf ? right[i] >= 0 : feature[i] < 0 || feature[i] >= features || left[i] <= i || right[i] <= i || left[i] >= n || right[i] >= n) {
                throw new IllegalArgumentException("node " + i + " of a tree of " + n + " nodes");
            }
        }
        return new Tree(feature, threshold, bin, missingLeft, left, right, value);
    }
}
