package org.mlarena.pipeline.control;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.numerics.nn.ModelZoo;

/**
 * Everything a training run needs, read from the database in one transaction and detached from it.
 *
 * @param epochsRecorded   epochs already in the learning curve (a resumed run continues after its checkpoint)
 * @param finetuneWeights  the weight file to start from, or null
 * @param budgetLeftFlops  what the team may still spend (Long.MAX_VALUE for template experiments)
 */
public record TrainingJob(long experimentId, String slug, ModelZoo.Category category, String model, Map<String, String> hyperparameters,
                          long seed, int epochs, int batchSize, double learningRate, String optimizer, double weightDecay,
                          Path datasetDirectory, DatasetFormat format, String targetColumn, String textColumn, List<String> classNames,
                          int[] imageShape, int buckets, String metric, int epochsRecorded, Path finetuneWeights, int frozenLayers,
                          Long teamId, long budgetLeftFlops) {
}
