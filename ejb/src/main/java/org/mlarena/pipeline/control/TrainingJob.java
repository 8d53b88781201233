package org.mlarena.pipeline.control;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.numerics.nn.EarlyStopping;
import org.mlarena.numerics.nn.ModelZoo;

/**
 * Everything a training run needs, read from the database in one transaction and detached from it.
 *
 * @param recorded         the learning curve's points so far, by epoch (a resumed run continues after its checkpoint)
 * @param patience         early stopping: epochs without a better validation loss or score before training stops (0 never)
 * @param monitor          what decides the best epoch: "loss", "score" or "last"
 * @param schedule         the learning rate per epoch: "constant" or "cosine"
 * @param standardize      tables: standardise numeric features and regression targets
 * @param featureNames     tables: the feature columns, for describing the preprocessing
 * @param finetuneWeights  the weight file to start from, or null
 * @param budgetLeftFlops  what the team may still spend (Long.MAX_VALUE for template experiments)
 */
public record TrainingJob(long experimentId, String slug, ModelZoo.Category category, String model, Map<String, String> hyperparameters,
                          long seed, int epochs, int batchSize, double learningRate, String optimizer, double weightDecay,
                          Path datasetDirectory, DatasetFormat format, String targetColumn, String textColumn, List<String> classNames,
                          int[] imageShape, int buckets, String metric, List<Recorded> recorded, Path finetuneWeights, int frozenLayers,
                          Long teamId, long budgetLeftFlops, int patience, double minDelta, String monitor, String schedule, boolean standardize,
                          List<String> featureNames) {

    /** One recorded epoch's validation figures. */
    public record Recorded(int epoch, double score, double loss) {
    }

    /**
     * A run from scratch of a plan on an imported dataset, for no team and with no budget: what benchmarks and tests
     * train (the pipeline reads its jobs from the database, {@link PipelineRuns#trainingJob}).
     */
    public static TrainingJob fresh(ModelZoo.Category category, TrainingPlan plan, long seed, Path datasetDirectory, DatasetFormat format,
                                    String targetColumn, String textColumn, List<String> classNames, int[] imageShape,
                                    List<String> featureNames, String metric) {
        return new TrainingJob(0, "", category, plan.model(), plan.hyperparameters(), seed, plan.epochs(), plan.batchSize(),
                plan.learningRate(), plan.optimizerName(), plan.weightDecay(), datasetDirectory, format, targetColumn, textColumn,
                classNames, imageShape, plan.buckets(), metric, List.of(), null, 0, null, Long.MAX_VALUE, plan.patience(), plan.minDelta(),
                plan.monitor(), plan.schedule(), plan.standardize(), featureNames);
    }

    public int epochsRecorded() {
        return recorded.size();
    }

    /** Whether every epoch is the model (no early stopping): no validation figure chose it. */
    public boolean keepsLastEpoch() {
        return EarlyStopping.Monitor.of(monitor) == EarlyStopping.Monitor.LAST;
    }

    /** Whether it trains by full-batch L-BFGS, an iteration per epoch, rather than by batches. */
    public boolean byLbfgs() {
        return TrainingPlan.LBFGS.equals(optimizer);
    }
}
