package org.mlarena.pipeline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlarena.dataset.control.ImportedDatasets;
import org.mlarena.dataset.control.ImportedDatasets.Imported;
import org.mlarena.evaluation.Direction;
import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.experiment.entity.ExperimentStatus;
import org.mlarena.numerics.Numerics;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.RegressionData;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.platform.control.DemoTemplates;
import org.mlarena.platform.control.DemoTemplates.Template;

/**
 * Every template experiment of the demo, trained as the pipeline trains it (its defaults sized to the data, early
 * stopping, the best epoch) on its use case's data imported as the demo imports it, beats the trivial baseline on the
 * hidden test split by a clear margin: the majority class of the training split (by 0.2 of the metric), or the
 * training mean for regression (an RMSE at most 85 % of the baseline's).
 */
class TemplatesBeatBaselineTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void theSubsetOfFashionMnist() {
        System.setProperty(DemoTemplates.FASHION_MNIST, "subset");
    }

    @AfterAll
    static void clear() {
        System.clearProperty(DemoTemplates.FASHION_MNIST);
    }

    static List<Object[]> templates() {
        return DemoTemplates.all().stream().flatMap(t -> t.experiments().stream().map(s -> new Object[]{t.slug(), s.model(), t, s})).toList();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("templates")
    void beatsTheTrivialBaseline(String slug, String model, Template template, TrainingPlan.Settings settings) throws Exception {
        Map<String, Path> files = new LinkedHashMap<>();
        template.files().forEach((role, source) -> files.put(role, source.startsWith("classpath:fashion-mnist-subset/")
                ? ImportedDatasets.FASHION_MNIST.resolve(source.substring(source.indexOf('/') + 1))
                : ImportedDatasets.DEMO.resolve(source.substring(source.indexOf('/') + 1))));
        Path data = java.nio.file.Files.createDirectories(dir.resolve(slug + "-" + model));
        Imported imported = new Imported(data.resolve("dataset"), template.spec(),
                org.mlarena.dataset.control.DatasetImporter.importFiles(files, template.spec(), template.category(), data.resolve("dataset")));
        TrainingPlan plan = TrainingPlan.of(template.category(), Runs.entity(imported), settings);
        TrainingJob job = Runs.job(imported, template.category(), plan, template.metric(), List.of());
        TrainingRun.Outcome outcome = new TrainingRun(job, data.resolve("model"), new Runs.Recorder()).run(Numerics.get().newBackend());
        assertEquals(ExperimentStatus.COMPLETED, outcome.status(), String.valueOf(outcome.reason()));

        Metric metric = MetricRegistry.standard().get(template.metric());
        TrainedModel saved = TrainedModel.load(ModelFiles.model(data.resolve("model")));
        TrainingData raw = org.mlarena.dataset.control.SplitLoader.load(job.datasetDirectory(), job.format(), job.targetColumn(), job.textColumn(),
                job.classNames(), job.imageShape(), "test", job.buckets(), saved.categories());
        double score = Evaluation.figures(saved.predict(raw, Numerics.get().newBackend(), 256), raw, metric).score();
        double baseline = Evaluation.figures(baseline(imported.load("train"), raw), raw, metric).score();
        System.out.printf(java.util.Locale.ROOT, "template %s %s: test %s %.4f, baseline %.4f%n", slug, model, metric.id(), score, baseline);
        if (metric.direction() == Direction.LOWER_IS_BETTER) {
            assertTrue(score <= 0.85 * baseline, slug + " " + model + ": " + metric.id() + " " + score + " against the baseline's " + baseline);
        } else {
            assertTrue(score >= baseline + 0.2, slug + " " + model + ": " + metric.id() + " " + score + " against the baseline's " + baseline);
        }
    }

    /** The majority class of the training split for every row (as logits), or the training mean. */
    private static Predictions.Outputs baseline(TrainingData train, TrainingData test) {
        if (train instanceof ClassificationData c) {
            int[] counts = new int[c.classes()];
            Arrays.stream(c.labels()).forEach(label -> counts[label]++);
            int majority = 0;
            for (int k = 1; k < counts.length; k++) {
                majority = counts[k] > counts[majority] ? k : majority;
            }
            float[] logits = new float[test.rows() * c.classes()];
            for (int r = 0; r < test.rows(); r++) {
                logits[r * c.classes() + majority] = 1f;
            }
            return new Predictions.Outputs(logits, test.rows(), c.classes(), 0);
        }
        float[] targets = ((RegressionData) train).targets();
        double mean = 0;
        for (float t : targets) {
            mean += t;
        }
        float[] values = new float[test.rows()];
        Arrays.fill(values, (float) (mean / targets.length));
        return new Predictions.Outputs(values, test.rows(), 1, 0);
    }
}
