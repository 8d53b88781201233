package org.mlarena.pipeline.control;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.mlarena.dataset.control.ImportedDatasets.Imported;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.numerics.data.InvalidDataException;
import org.mlarena.numerics.nn.JavaBackend;
import org.mlarena.numerics.nn.ModelZoo.Category;

/** Training runs as the batch job makes them, on imported data, with their figures kept in memory. */
final class Runs {

    private Runs() {
    }

    /** The entity a host's import would record. */
    static Dataset entity(Imported d) {
        return entity(d, d.result().trainRows());
    }

    /** The same, as if the training split had {@code trainRows} rows (what the plan sizes its defaults by). */
    static Dataset entity(Imported d, int trainRows) {
        Dataset dataset = new Dataset(null);
        dataset.imported(d.spec().format(), d.spec().targetColumn(), d.spec().textColumn(),
                new int[]{trainRows, d.result().validationRows(), d.result().testRows()}, d.result().imageShape(),
                d.result().featureNames(), d.result().classNames(), d.directory().getFileName().toString(), d.spec().seed(),
                d.spec().validationFraction(), d.spec().testFraction(), "test", List.of(), "test", Instant.EPOCH);
        dataset.encoded(d.result().categoricalColumns(), d.result().inputWidth());
        return dataset;
    }

    static TrainingJob job(Imported d, Category category, TrainingPlan plan, String metric, List<TrainingJob.Recorded> recorded) {
        TrainingJob job = TrainingJob.fresh(category, plan, 42, d.directory(), d.spec().format(), d.spec().targetColumn(), d.spec().textColumn(),
                d.result().classNames(), d.spec().format() == DatasetFormat.IDX ? d.result().imageShape() : null, d.result().featureNames(), metric);
        return new TrainingJob(1, "test", category, job.model(), job.hyperparameters(), job.seed(), job.epochs(), job.batchSize(),
                job.learningRate(), job.optimizer(), job.weightDecay(), job.datasetDirectory(), job.format(), job.targetColumn(),
                job.textColumn(), job.classNames(), job.imageShape(), job.buckets(), metric, recorded, null, 0, null, Long.MAX_VALUE,
                job.patience(), job.minDelta(), job.monitor(), job.schedule(), job.standardize(), job.featureNames());
    }

    /** One recorded epoch. */
    record Epoch(int epoch, double trainingLoss, Evaluation.Figures validation, int bestEpoch) {
    }

    /** Records the epochs; asks to stop before epoch {@code stopBefore}, or throws there ("crashes") if {@code crash}. */
    static class Recorder implements TrainingRun.Progress {

        final List<Epoch> epochs = new ArrayList<>();
        String preprocessing;
        int sizedParameters;
        long sizedBytes;
        private final int stopBefore;
        private final boolean crash;

        Recorder(int stopBefore, boolean crash) {
            this.stopBefore = stopBefore;
            this.crash = crash;
        }

        Recorder() {
            this(Integer.MAX_VALUE, false);
        }

        @Override
        public boolean stopRequested() {
            return epochs.size() + 1 >= stopBefore;
        }

        @Override
        public long budgetLeft() {
            return Long.MAX_VALUE;
        }

        @Override
        public void started(String device, String preprocessing) {
            this.preprocessing = preprocessing;
        }

        @Override
        public void epochDone(int epoch, double trainingLoss, Evaluation.Figures validation, long flops, double seconds, int bestEpoch) {
            if (crash && epoch + 1 >= stopBefore) {
                throw new IllegalStateException("crash after epoch " + epoch);
            }
            epochs.removeIf(e -> e.epoch() >= epoch);
            epochs.add(new Epoch(epoch, trainingLoss, validation, bestEpoch));
        }

        @Override
        public void sized(int parameters, long bytes, long inferenceFlopsPerSample) {
            sizedParameters = parameters;
            sizedBytes = bytes;
        }

        List<TrainingJob.Recorded> recorded() {
            return epochs.stream().map(e -> new TrainingJob.Recorded(e.epoch(), e.validation().score(), e.validation().loss())).toList();
        }
    }

    static TrainingRun.Outcome run(TrainingJob job, Path directory, TrainingRun.Progress progress) throws IOException, InvalidDataException {
        return new TrainingRun(job, directory, progress).run(new JavaBackend());
    }
}
