package org.mlarena.pipeline.control;

import java.nio.file.Path;
import java.util.List;

import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.numerics.nn.ModelZoo;

/** Everything a scoring run needs, detached from the database. */
public record ScoringJob(long submissionId, long experimentId, String slug, ModelZoo.Category category, Path weights,
                         Path datasetDirectory, DatasetFormat format, String targetColumn, String textColumn, List<String> classNames,
                         int[] imageShape, int buckets, String metric, double publicFraction, long splitSeed, Long teamId,
                         Path predictions, Path originalPredictions, long bootstrapSeed) {
}
