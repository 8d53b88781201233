package org.mlarena.pipeline.control;

import java.nio.file.Path;
import java.util.List;

import org.mlarena.numerics.Numerics;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.nn.Backend;
import org.mlarena.numerics.nn.Preprocessing;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.numerics.nn.WeightFile;
import org.mlarena.numerics.trees.TreeFile;
import org.mlarena.numerics.trees.TreeKernels;

/** A model file as scoring reads it: a network's weights or boosted trees (told by the file's magic bytes). */
public record TrainedModel(WeightFile.Saved network, TreeFile.Saved trees) {

    public static TrainedModel load(Path file) throws InvalidDataException {
        return TreeFile.isTreeFile(file) ? new TrainedModel(null, TreeFile.load(file)) : new TrainedModel(WeightFile.load(file), null);
    }

    public Preprocessing preprocessing() {
        return trees != null ? trees.preprocessing() : network.preprocessing();
    }

    /** What rows must be read with: the model's category lists. */
    public List<List<String>> categories() {
        return preprocessing().categories();
    }

    /**
     * Its outputs for rows as they are stored ({@link Predictions#ofModel}, {@link Predictions#ofTrees}), on the
     * backend's device (trees take their own kernels there).
     */
    public Predictions.Outputs predict(TrainingData rows, Backend backend, int capacity) {
        if (trees == null) {
            return Predictions.ofModel(network, rows, backend, capacity);
        }
        try (TreeKernels kernels = Numerics.treeKernels(backend.device())) {
            return Predictions.ofTrees(trees, rows, kernels);
        }
    }
}
