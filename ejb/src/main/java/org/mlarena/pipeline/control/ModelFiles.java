package org.mlarena.pipeline.control;

import java.nio.file.Path;

import org.mlarena.common.DataDirectory;

/**
 * Where an experiment's files live under the data directory: the last checkpoint (weights and optimiser state, whose
 * step count tells the epoch), and the model that submissions are scored with (the best epoch's weights).
 */
public final class ModelFiles {

    private ModelFiles() {
    }

    public static Path directory(long experimentId) {
        return DataDirectory.models().resolve("experiment-" + experimentId);
    }

    public static Path checkpoint(Path directory) {
        return directory.resolve("checkpoint.bin");
    }

    public static Path model(Path directory) {
        return directory.resolve("model.bin");
    }

    public static Path model(long experimentId) {
        return model(directory(experimentId));
    }
}
