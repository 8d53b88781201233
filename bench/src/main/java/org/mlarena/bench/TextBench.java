package org.mlarena.bench;

import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mlarena.dataset.control.DatasetImporter;
import org.mlarena.dataset.control.ImportResult;
import org.mlarena.dataset.control.ImportSpec;
import org.mlarena.dataset.control.SplitLoader;
import org.mlarena.dataset.entity.Dataset;
import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.numerics.Numerics;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.ModelZoo.Category;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.pipeline.control.Evaluation;
import org.mlarena.pipeline.control.ModelFiles;
import org.mlarena.pipeline.control.TrainedModel;
import org.mlarena.pipeline.control.TrainingJob;
import org.mlarena.pipeline.control.TrainingRun;

/**
 * Text models on the demo's debian-sections data (2,204 package descriptions, 6 sections), imported as the demo imports
 * it (60 / 15 / 25 %, seed 7), each trained as the pipeline trains it (early stopping, the best epoch) with several
 * seeds, scored on the test split: the bag-of-words softmax and MLP as the demo's template experiments train them, the
 * softmax with more buckets, and the {@code text-embedding-bag} template. Writes each bucket count's bag-of-words vectors
 * of each split (the platform's hashing, sparse) for bench/python/text_sklearn.py, which trains scikit-learn's
 * LogisticRegression on exactly those, and bench/python/text_torch.py, the template's PyTorch twin.
 *
 * <pre>TextBench CSV WORK_DIR [seeds]</pre>
 *
 * Prints {@code text platform NAME BUCKETS SEED ACCURACY SECONDS EPOCHS BEST} per run, and {@code features BUCKETS SPLIT FILE}.
 */
public final class TextBench {

    /** A model as a team would train it: the zoo model or the template, its hyperparameters, its learning rate (null: the default). */
    record Candidate(String name, String model, Map<String, String> hyperparameters, int buckets, Double learningRate) {
    }

    private TextBench() {
    }

    public static void main(String[] args) throws Exception {
        Path csv = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        int seeds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        ImportSpec spec = new ImportSpec(DatasetFormat.TEXT, "section", "description", ',', 0.15, 0.25, 7);
        Path directory = work.resolve("dataset");
        ImportResult imported = DatasetImporter.importFiles(Map.of(DatasetImporter.TABLE, csv), spec, Category.TEXT_CLASSIFICATION, directory);
        Dataset dataset = new Dataset(null);
        dataset.imported(DatasetFormat.TEXT, "section", "description", new int[]{imported.trainRows(), imported.validationRows(), imported.testRows()},
                new int[0], imported.featureNames(), imported.classNames(), "debian", spec.seed(), spec.validationFraction(), spec.testFraction(),
                "debian", List.of(), "bench", Instant.now());
        String bag = ModelZoo.TEMPLATES.stream().filter(t -> t.id().equals("text-embedding-bag")).findFirst().orElseThrow().json();
        List<Candidate> candidates = List.of(
                new Candidate("softmax-regression", "softmax-regression", Map.of(), TrainingPlan.DEFAULT_BUCKETS, null),
                new Candidate("mlp-128", "mlp", Map.of("hidden", "128"), TrainingPlan.DEFAULT_BUCKETS, null),
                new Candidate("text-embedding-bag", ModelZoo.ARCHITECTURE, Map.of(ModelZoo.ARCHITECTURE, bag), TrainingPlan.DEFAULT_BUCKETS, 0.003),
                new Candidate("softmax-regression", "softmax-regression", Map.of(), 16384, null),
                new Candidate("text-embedding-bag", ModelZoo.ARCHITECTURE, Map.of(ModelZoo.ARCHITECTURE, bag), 16384, 0.003));
        for (int buckets : candidates.stream().mapToInt(Candidate::buckets).distinct().toArray()) {
            for (String split : List.of("train", "validation", "test")) {
                Path file = work.resolve("bag-" + buckets + "-" + split + ".txt");
                write((ClassificationData) load(directory, imported, split, buckets), file);
                System.out.println("features " + buckets + " " + split + " " + file.toAbsolutePath());
            }
        }
        for (Candidate candidate : candidates) {
            // what-if runs: -Dtext.only=text-embedding-bag-16384 trains that candidate alone
            if (System.getProperty("text.only") != null && !System.getProperty("text.only").equals(candidate.name() + "-" + candidate.buckets())) {
                continue;
            }
            Map<String, String> hyperparameters = new LinkedHashMap<>(candidate.hyperparameters());
            hyperparameters.put(TrainingPlan.BUCKETS, Integer.toString(candidate.buckets()));
            TrainingPlan plan = TrainingPlan.of(Category.TEXT_CLASSIFICATION, dataset, new TrainingPlan.Settings(candidate.model(), hyperparameters,
                    null, null, candidate.learningRate(), null, null));
            TrainingData test = load(directory, imported, "test", candidate.buckets());
            for (int seed = 1; seed <= seeds; seed++) {
                TrainingJob job = TrainingJob.fresh(Category.TEXT_CLASSIFICATION, plan, seed, directory, DatasetFormat.TEXT, "section", "description",
                        imported.classNames(), null, imported.featureNames(), "accuracy");
                Path models = Files.createDirectories(work.resolve(candidate.name() + "-" + candidate.buckets() + "-" + seed));
                LastEpoch progress = new LastEpoch();
                long start = System.nanoTime();
                new TrainingRun(job, models, progress).run(Numerics.get().newBackend());
                double seconds = (System.nanoTime() - start) / 1e9;
                Evaluation.Figures figures = Evaluation.figures(TrainedModel.load(ModelFiles.model(models)).predict(test, Numerics.get().newBackend(), 512),
                        test, MetricRegistry.standard().get("accuracy"));
                System.out.println(String.format(Locale.ROOT, "text platform %s %d %d %.4f %.2f %d %d", candidate.name(), candidate.buckets(), seed,
                        figures.accuracy(), seconds, progress.epoch, progress.best));
            }
        }
        System.exit(0);
    }

    private static TrainingData load(Path directory, ImportResult imported, String split, int buckets) throws Exception {
        return SplitLoader.load(directory, DatasetFormat.TEXT, "section", "description", imported.classNames(), null, split, buckets);
    }

    /** One line per row: its class, then "bucket:value" of every nonzero value. */
    private static void write(ClassificationData data, Path file) throws Exception {
        try (BufferedWriter out = Files.newBufferedWriter(file)) {
            for (int r = 0; r < data.rows(); r++) {
                List<String> values = new ArrayList<>();
                values.add(Integer.toString(data.labels()[r]));
                for (int j = 0; j < data.features(); j++) {
                    float v = data.inputs()[r * data.features() + j];
                    if (v != 0f) {
                        values.add(j + ":" + v);
                    }
                }
                out.write(String.join(" ", values));
                out.newLine();
            }
        }
    }
}
