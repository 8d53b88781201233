package org.mlarena.pipeline.control;

import java.nio.file.Path;

import org.mlarena.common.DataDirectory;

/**
 * Where an experiment's files live under the data directory: the checkpoint of the last finished epoch (weights and
 * optimiser state, whose step count tells the epoch), and the final model that submissions are scored with.
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    public static Path directory(long experimentId) {
        return DataDirectory.models().resolve("experiment-" + experimentId);
    }

    public static Path checkpoint(long experimentId) {
        return directory(experimentId).resolve("checkpoint.bin");
    }

    public static Path model(long experimentId) {
        return directory(experimentId).resolve("model.bin");
    }
}
