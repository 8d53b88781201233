package org.mlarena.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
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
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.ModelZoo.Category;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.pipeline.control.Evaluation;
import org.mlarena.pipeline.control.ModelFiles;
import org.mlarena.pipeline.control.Predictions;
import org.mlarena.pipeline.control.TrainedModel;
import org.mlarena.pipeline.control.TrainingJob;
import org.mlarena.pipeline.control.TrainingRun;

/**
 * The DEFAULT experiment of every zoo model that fits, on real public tables, as the platform trains it: each table is
 * imported as a host imports it (the platform's split: 60 % training, 20 % validation, 20 % test, seed 7), every model
 * trains with the defaults a participant gets when leaving every setting open (sized to the data, early stopping, the
 * best epoch), and the model file is scored on the test split. bench/python/quality_sklearn.py trains scikit-learn's
 * defaults on the same split files.
 *
 * <pre>QualityBench TABLE_DIR WORK_DIR</pre>
 *
 * What-if runs: {@code -Dquality.tables=wine,fair} picks tables and {@code -Dquality.models=mlp} models; {@code
 * -Dquality.epochs}, {@code .batchSize}, {@code .learningRate}, {@code .optimizer}, {@code .weightDecay}, {@code .patience}, {@code .minDelta}, {@code .monitor},
 * {@code .schedule}, {@code .hidden} (the MLPs' layers) replace a default, {@code .seed} the training's seed (42).
 *
 * Prints, per table and model: {@code quality platform TABLE MODEL accuracy F1 rmse seconds epochs best-epoch}, and per
 * table {@code split TABLE DIRECTORY CLASSIFICATION}.
 */
public final class QualityBench {

    /** A table of quality_tables.py: its file name, target column, and whether it is classification. */
    record Table(String name, String target, boolean classification) {
    }

    static final List<Table> TABLES = List.of(new Table("wine", "cultivar", true), new Table("breast_cancer", "diagnosis", true),
            new Table("iris", "species", true), new Table("digits", "digit", true), new Table("diabetes", "progression", false),
            new Table("grunfeld", "invest", false), new Table("fair", "affair", true),
            // added after the defaults were chosen, as tables the defaults had not seen (bench/README.md)
            new Table("anes96", "vote", true), new Table("randhie", "mdvis", false), new Table("engel", "foodexp", false),
            new Table("macrodata", "unemp", false));

    private QualityBench() {
    }

    /** A setting that a what-if run changes ({@code -Dquality.epochs=...}); null, the default, otherwise. */
    private static Integer integer(String property) {
        String value = System.getProperty(property);
        return value == null ? null : Integer.valueOf(value);
    }

    private static Double number(String property) {
        String value = System.getProperty(property);
        return value == null ? null : Double.valueOf(value);
    }

    public static void main(String[] args) throws Exception {
        Path tables = Path.of(args[0]);
        Path work = Path.of(args[1]);
        for (Table table : TABLES) {
            if (!Files.isRegularFile(tables.resolve(table.name() + ".csv"))
                    || System.getProperty("quality.tables") != null && !List.of(System.getProperty("quality.tables").split(",")).contains(table.name())) {
                continue; // the statsmodels tables, without python3-statsmodels; or not asked for
            }
            Category category = table.classification() ? Category.TABULAR_CLASSIFICATION : Category.TABULAR_REGRESSION;
            ImportSpec spec = new ImportSpec(DatasetFormat.CSV, table.target(), null, ',', 0.2, 0.2, 7);
            Path directory = Files.createDirectories(work).resolve(table.name());
            ImportResult imported = DatasetImporter.importFiles(Map.of(DatasetImporter.TABLE, tables.resolve(table.name() + ".csv")), spec,
                    category, directory);
            System.out.println("split " + table.name() + " " + directory.toAbsolutePath() + " " + table.classification());
            Dataset dataset = new Dataset(null);
            dataset.imported(DatasetFormat.CSV, table.target(), null, new int[]{imported.trainRows(), imported.validationRows(), imported.testRows()},
                    new int[0], imported.featureNames(), imported.classNames(), table.name(), spec.seed(), spec.validationFraction(),
                    spec.testFraction(), table.name(), List.of(), "bench", Instant.now());
            dataset.encoded(imported.categoricalColumns(), imported.inputWidth());
            String metric = table.classification() ? "f1_macro" : "rmse";
            TrainingData test = SplitLoader.load(directory, DatasetFormat.CSV, table.target(), null, imported.classNames(), null, "test", 0);
            for (ModelZoo.Model model : ModelZoo.models(category)) {
                if (model.id().equals(ModelZoo.ARCHITECTURE)
                        || System.getProperty("quality.models") != null && !List.of(System.getProperty("quality.models").split(",")).contains(model.id())) {
                    continue; // a team's own architecture has no default to compare; or not asked for
                }
                Map<String, String> hyper = System.getProperty("quality.hidden") == null || !model.id().startsWith("mlp") ? Map.of()
                        : Map.of("hidden", System.getProperty("quality.hidden"));
                TrainingPlan plan = TrainingPlan.of(category, dataset, new TrainingPlan.Settings(model.id(), hyper, integer("quality.epochs"),
                        integer("quality.batchSize"), number("quality.learningRate"), System.getProperty("quality.optimizer"), number("quality.weightDecay"), integer("quality.patience"),
                        number("quality.minDelta"), System.getProperty("quality.monitor"), System.getProperty("quality.schedule"), null));
                TrainingJob job = TrainingJob.fresh(category, plan, Integer.getInteger("quality.seed", 42), directory, DatasetFormat.CSV, table.target(), null, imported.classNames(), null,
                        imported.featureNames(), metric);
                Path models = Files.createDirectories(work.resolve(table.name() + "-" + model.id()));
                LastEpoch progress = new LastEpoch();
                long start = System.nanoTime();
                TrainingRun.Outcome outcome = new TrainingRun(job, models, progress).run(Numerics.get().newBackend());
                double seconds = (System.nanoTime() - start) / 1e9;
                Predictions.Outputs outputs = TrainedModel.load(ModelFiles.model(models)).predict(test, Numerics.get().newBackend(), 512);
                Evaluation.Figures figures = Evaluation.figures(outputs, test, MetricRegistry.standard().get(metric));
                double rmse = table.classification() ? Double.NaN : figures.score();
                System.out.println(String.format(Locale.ROOT, "quality platform %s %s %.4f %.4f %.4f %.2f %d %d %s", table.name(), model.id(),
                        figures.accuracy() == null ? Double.NaN : figures.accuracy(), figures.f1() == null ? Double.NaN : figures.f1(), rmse,
                        seconds, progress.epoch, progress.best, outcome.status()));
            }
        }
        System.exit(0);
    }
}
