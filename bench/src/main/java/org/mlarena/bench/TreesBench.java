package org.mlarena.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.mlarena.dataset.control.DatasetImporter;
import org.mlarena.dataset.control.ImportResult;
import org.mlarena.dataset.control.ImportSpec;
import org.mlarena.dataset.control.SplitLoader;
import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.numerics.ComputeDevice;
import org.mlarena.numerics.DevicePreference;
import org.mlarena.numerics.Numerics;
import org.mlarena.numerics.trees.JavaTreeKernels;
import org.mlarena.numerics.trees.TreeKernels;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.ModelZoo.Category;
import org.mlarena.numerics.nn.RegressionData;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.numerics.trees.BoostedTrees;
import org.mlarena.numerics.trees.Boosting;

/**
 * Gradient boosting ({@code numerics.trees}) on real tables split as the platform splits them (60 % training, 20 %
 * validation, 20 % test, seed 7): 100 rounds without early stopping (the work scikit-learn's defaults do with
 * {@code early_stopping=False}), then the defaults with early stopping on the validation split; each run with the
 * histograms in plain Java (one thread) and, when there is an OpenCL device, on it. Per table and run:
 * {@code trees KERNELS TABLE MODE SCORE SECONDS ROUNDS}, KERNELS {@code java} or {@code opencl}, the score being accuracy
 * (classification) or RMSE; {@code same-trees TABLE MODE yes|no} (the device's trees against Java's); and
 * {@code split TABLE DIRECTORY CLASSIFICATION}. bench/python/trees_sklearn.py fits scikit-learn on the same files.
 *
 * <pre>TreesBench TABLE_DIR WORK_DIR</pre>
 *
 * What-if runs: {@code -Dtrees.tables=fashion -Dtrees.rounds=10 -Dtrees.repeats=1}.
 */
public final class TreesBench {

    record Table(String name, String target, boolean classification) {
    }

    static final List<Table> TABLES = List.of(new Table("wine", "cultivar", true), new Table("diabetes", "progression", false),
            new Table("randhie", "mdvis", false), new Table("fashion", "item", true));

    private TreesBench() {
    }

    private static ComputeDevice device;

    public static void main(String[] args) throws Exception {
        device = Numerics.select(DevicePreference.AUTO).device();
        System.out.println("device " + device.describe());
        Path tables = Path.of(args[0]);
        Path work = Files.createDirectories(Path.of(args[1]));
        for (Table table : TABLES) {
            if (!Files.isRegularFile(tables.resolve(table.name() + ".csv"))
                    || System.getProperty("trees.tables") != null && !List.of(System.getProperty("trees.tables").split(",")).contains(table.name())) {
                continue;
            }
            Category category = table.classification() ? Category.TABULAR_CLASSIFICATION : Category.TABULAR_REGRESSION;
            ImportSpec spec = new ImportSpec(DatasetFormat.CSV, table.target(), null, ',', 0.2, 0.2, 7);
            Path directory = work.resolve(table.name());
            ImportResult imported = DatasetImporter.importFiles(Map.of(DatasetImporter.TABLE, tables.resolve(table.name() + ".csv")), spec,
                    category, directory);
            System.out.println("split " + table.name() + " " + directory.toAbsolutePath() + " " + table.classification());
            TrainingData train = load(directory, table, imported, "train");
            TrainingData validation = load(directory, table, imported, "validation");
            TrainingData test = load(directory, table, imported, "test");
            int classes = table.classification() ? imported.classNames().size() : 0;
            Boosting.Settings defaults = Boosting.Settings.defaults();
            int rounds = Integer.getInteger("trees.rounds", 100);
            Boosting.Settings hundred = new Boosting.Settings(defaults.learningRate(), rounds, defaults.maxLeaves(), defaults.maxDepth(),
                    defaults.minSamplesLeaf(), defaults.l2(), defaults.maxBins(), 0, 0);
            // three runs of a small table (the first pays for the JIT), one of a large one (minutes each)
            int repeats = Integer.getInteger("trees.repeats", train.rows() > 10_000 && train.features() > 100 ? 1 : 3);
            for (int repeat = 0; repeat < repeats; repeat++) {
                run(table, rounds + "-rounds", train, null, test, classes, hundred);
            }
            if (rounds == 100) {
                run(table, "early-stopping", train, validation, test, classes, defaults);
            }
        }
    }

    private static void run(Table table, String mode, TrainingData train, TrainingData validation, TrainingData test, int classes,
                            Boosting.Settings settings) {
        BoostedTrees java = run(table, mode, "java", new JavaTreeKernels(), train, validation, test, classes, settings);
        if (device.isOpenCl()) {
            try (TreeKernels kernels = Numerics.treeKernels(device)) {
                BoostedTrees opencl = run(table, mode, "opencl", kernels, train, validation, test, classes, settings);
                System.out.println("same-trees " + table.name() + " " + mode + " " + (opencl.trees().equals(java.trees()) ? "yes" : "no"));
            }
        }
    }

    private static BoostedTrees run(Table table, String mode, String name, TreeKernels kernels, TrainingData train, TrainingData validation,
                                    TrainingData test, int classes, Boosting.Settings settings) {
        long start = System.nanoTime();
        BoostedTrees model = Boosting.fit(train.inputs(), train.targetValues(), train.features(), classes, validation == null ? null : validation.inputs(),
                validation == null ? null : validation.targetValues(), settings, null, null, kernels);
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] raw = model.predictRaw(test.inputs(), test.rows());
        double[] truth = test.targetValues();
        double score;
        if (classes == 0) {
            double squares = 0;
            for (int r = 0; r < truth.length; r++) {
                squares += (raw[r] - truth[r]) * (raw[r] - truth[r]);
            }
            score = Math.sqrt(squares / truth.length);
        } else {
            int right = 0;
            int outputs = model.outputs();
            for (int r = 0; r < truth.length; r++) {
                int predicted;
                if (outputs == 1) {
                    predicted = raw[r] > 0 ? 1 : 0;
                } else {
                    predicted = 0;
                    for (int k = 1; k < outputs; k++) {
                        predicted = raw[r * outputs + k] > raw[r * outputs + predicted] ? k : predicted;
                    }
                }
                right += predicted == truth[r] ? 1 : 0;
            }
            score = (double) right / truth.length;
        }
        System.out.printf(Locale.ROOT, "trees %s %s %s %.4f %.3f %d%n", name, table.name(), mode, score, seconds, model.rounds());
        return model;
    }

    private static TrainingData load(Path directory, Table table, ImportResult imported, String split) throws Exception {
        return SplitLoader.load(directory, DatasetFormat.CSV, table.target(), null, imported.classNames(), null, split, 0);
    }

}
