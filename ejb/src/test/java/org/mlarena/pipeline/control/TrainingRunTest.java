package org.mlarena.pipeline.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlarena.common.InvalidInputException;
import org.mlarena.dataset.control.ImportedDatasets;
import org.mlarena.dataset.control.ImportedDatasets.Imported;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.experiment.entity.ExperimentStatus;
import org.mlarena.numerics.nn.EarlyStopping;
import org.mlarena.numerics.nn.JavaBackend;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.ModelZoo.Category;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.numerics.nn.WeightFile;

/** The training loop of the batch job on real imports: defaults, the best epoch, early stopping, checkpoints and resumes. */
class TrainingRunTest {

    @TempDir
    Path dir;

    @AfterEach
    void checkpointsAsConfigured() {
        System.clearProperty(TrainingRun.CHECKPOINT_SECONDS);
    }

    private static TrainingPlan plan(Imported d, Category category, String model, Integer epochs, Integer patience) {
        return TrainingPlan.of(category, Runs.entity(d),
                new TrainingPlan.Settings(model, Map.of(), epochs, null, null, null, null, patience, null, null, null, null));
    }

    @Test
    void theModelFileHoldsTheBestEpochAndAloneReproducesItsValidationFigures() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        // Adam: its epochs' validation figures go up and down, so the best is not the last (L-BFGS keeps the last: below)
        TrainingPlan plan = TrainingPlan.of(Category.TABULAR_CLASSIFICATION, Runs.entity(wine),
                new TrainingPlan.Settings("softmax-regression", Map.of(), 60, null, null, "adam", null, 0, null, null, null, null));
        TrainingJob job = Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of());
        Runs.Recorder recorder = new Runs.Recorder();
        TrainingRun.Outcome outcome = Runs.run(job, dir.resolve("run"), recorder);

        assertEquals(ExperimentStatus.COMPLETED, outcome.status());
        assertEquals(60, recorder.epochs.size(), "patience 0: every epoch trains");
        EarlyStopping replay = new EarlyStopping(0, 0, EarlyStopping.Monitor.LOSS, true);
        recorder.epochs.forEach(e -> replay.observe(e.epoch(), e.validation().score(), e.validation().loss()));
        int best = replay.bestEpoch();
        assertEquals(best, recorder.epochs.get(59).bestEpoch());
        assertTrue(recorder.preprocessing.contains("13 numeric features standardised"), recorder.preprocessing);

        WeightFile.Saved model = WeightFile.load(ModelFiles.model(dir.resolve("run")));
        TrainingData validation = model.preprocessing().apply(wine.load("validation"), false);
        try (Network net = new Network(model.input(), model.layers(), model.loss(), new JavaBackend(), 64)) {
            model.restoreInto(net, false);
            Evaluation.Figures figures = Evaluation.figures(Predictions.outputs(net, validation), validation,
                    MetricRegistry.standard().get("f1_macro"));
            Evaluation.Figures recorded = recorder.epochs.get(best - 1).validation();
            assertEquals(recorded.score(), figures.score(), 1e-12);
            assertEquals(recorded.loss(), figures.loss(), 1e-6);
        }
    }

    @Test
    void anArchitectureATeamWroteTrainsAsTheZoosModelsDoAndItsMistakesNameTheirLayer() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        String residual = ModelZoo.TEMPLATES.stream().filter(t -> t.id().equals("residual-mlp")).findFirst().orElseThrow().json();
        TrainingPlan plan = TrainingPlan.of(Category.TABULAR_CLASSIFICATION, Runs.entity(wine), new TrainingPlan.Settings(ModelZoo.ARCHITECTURE,
                Map.of(ModelZoo.ARCHITECTURE, residual), 40, null, null, null, null, 0, null, null, null, null));
        assertEquals(13 * 128 + 128 + 2 * 128 + 2 * (128 * 128 + 128) + 2 * 128 + 128 * 3 + 3, plan.figures().parameters());
        Runs.Recorder recorder = new Runs.Recorder();
        TrainingRun.Outcome outcome = Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "accuracy", List.of()), dir.resolve("run"), recorder);
        assertEquals(ExperimentStatus.COMPLETED, outcome.status());
        double best = recorder.epochs.get(recorder.epochs.get(recorder.epochs.size() - 1).bestEpoch() - 1).validation().score();
        assertTrue(best > 0.85, "validation accuracy " + best);
        WeightFile.Saved model = WeightFile.load(ModelFiles.model(dir.resolve("run")));
        assertEquals(2 * 128 * 2, model.state().length, "the running statistics of both batch normalisations are saved");

        org.mlarena.common.InvalidInputException wrong = assertThrows(org.mlarena.common.InvalidInputException.class,
                () -> TrainingPlan.of(Category.TABULAR_CLASSIFICATION, Runs.entity(wine), new TrainingPlan.Settings(ModelZoo.ARCHITECTURE,
                        Map.of(ModelZoo.ARCHITECTURE, "{\"layers\": [{\"type\": \"conv2d\", \"filters\": 8, \"kernel\": 3}, {\"type\": \"dense\"}]}"),
                        null, null, null, null, null)));
        assertEquals(List.of(TrainingPlan.HYPER_ARCHITECTURE, TrainingPlan.HYPER_ARCHITECTURE), wrong.errors().stream().map(e -> e.field()).toList());
        assertTrue(wrong.errors().get(0).message().startsWith("layers[0] (conv2d): works on images"), wrong.errors().get(0).message());
        assertTrue(wrong.errors().get(1).message().startsWith("layers[1] (dense): needs 'units'"), wrong.errors().get(1).message());

        org.mlarena.common.InvalidInputException capped = assertThrows(org.mlarena.common.InvalidInputException.class,
                () -> TrainingPlan.of(Category.TABULAR_CLASSIFICATION, Runs.entity(wine), new TrainingPlan.Settings("mlp", Map.of(), null, null, null,
                        null, null), Long.MAX_VALUE, new TrainingPlan.ModelLimits(1000, true)));
        assertEquals("The model has 1,703 parameters; this use case allows at most 1,000: make its layers narrower or fewer.", capped.getMessage());
    }

    @Test
    void textsWithMoreWordsThanTheEmbeddingBagReadsAreCountedWithThePreprocessing() throws Exception {
        Imported debian = ImportedDatasets.debianPackages(dir);
        String bag = "{\"layers\": [{\"type\": \"embedding_bag\", \"dimension\": 8, \"entries\": %d}]}";
        int[] over = new int[2];
        for (int i = 0; i < 2; i++) {
            int entries = i == 0 ? 10 : 256;
            TrainingPlan plan = TrainingPlan.of(Category.TEXT_CLASSIFICATION, Runs.entity(debian), new TrainingPlan.Settings(ModelZoo.ARCHITECTURE,
                    Map.of(ModelZoo.ARCHITECTURE, String.format(bag, entries)), 1, 64, 0.003, null, null));
            Runs.Recorder recorder = new Runs.Recorder();
            TrainingRun.Outcome outcome = new TrainingRun(Runs.job(debian, Category.TEXT_CLASSIFICATION, plan, "accuracy", List.of()),
                    dir.resolve("bag-" + entries), recorder).run(new JavaBackend());
            assertEquals(ExperimentStatus.COMPLETED, outcome.status(), String.valueOf(outcome.reason()));
            java.util.regex.Matcher said = java.util.regex.Pattern.compile("; ([0-9,]+) of ([0-9,]+) training texts have more than (\\d+) distinct words")
                    .matcher(recorder.preprocessing);
            over[i] = said.find() ? Integer.parseInt(said.group(1).replace(",", "")) : 0;
            if (over[i] > 0) {
                assertEquals(Integer.toString(entries), said.group(3));
                assertTrue(recorder.preprocessing.endsWith("the embedding bag reads the first " + entries + " of each (raise its 'entries' to read more)"),
                        recorder.preprocessing);
            }
        }
        // the descriptions are a line each: many bring more than 10 words and word pairs, none more than 256
        assertTrue(over[0] > 100, "texts beyond 10 ids: " + over[0]);
        assertEquals(0, over[1]);
    }

    @Test
    void anArchitectureAugmentsTheImagesWhileTrainingAndFlipsOnlyWhereTheHostsAllow() throws Exception {
        Imported fashion = ImportedDatasets.fashion(dir);
        String augmented = "{\"layers\": [{\"type\": \"augment\", \"shift\": 2, \"flip\": true}, {\"type\": \"conv2d\", \"filters\": 4,"
                + " \"kernel\": 3, \"padding\": 1}, {\"type\": \"relu\"}, {\"type\": \"maxpool\", \"size\": 4}, {\"type\": \"flatten\"}]}";
        TrainingPlan.Settings settings = new TrainingPlan.Settings(ModelZoo.ARCHITECTURE, Map.of(ModelZoo.ARCHITECTURE, augmented), 15, 64, 0.003,
                null, null);
        org.mlarena.common.InvalidInputException mirrored = assertThrows(org.mlarena.common.InvalidInputException.class,
                () -> TrainingPlan.of(Category.IMAGE_CLASSIFICATION, Runs.entity(fashion), settings, Long.MAX_VALUE,
                        new TrainingPlan.ModelLimits(org.mlarena.numerics.nn.Architecture.MAX_PARAMETERS, false)));
        assertEquals(TrainingPlan.HYPER_ARCHITECTURE, mirrored.errors().get(0).field());
        assertTrue(mirrored.errors().get(0).message().startsWith("layers[0] (augment): this use case's hosts do not let training mirror"),
                mirrored.errors().get(0).message());

        TrainingPlan plan = TrainingPlan.of(Category.IMAGE_CLASSIFICATION, Runs.entity(fashion), settings, Long.MAX_VALUE,
                new TrainingPlan.ModelLimits(org.mlarena.numerics.nn.Architecture.MAX_PARAMETERS, true));
        Runs.Recorder recorder = new Runs.Recorder();
        TrainingRun.Outcome outcome = new TrainingRun(Runs.job(fashion, Category.IMAGE_CLASSIFICATION, plan, "accuracy", List.of()),
                dir.resolve("augmented"), recorder).run(new JavaBackend());
        assertEquals(ExperimentStatus.COMPLETED, outcome.status(), String.valueOf(outcome.reason()));
        double best = recorder.epochs.stream().mapToDouble(e -> e.validation().accuracy()).max().orElse(0);
        assertTrue(best > 0.5, "it learns from the shifted and mirrored images (10 classes): " + recorder.epochs);
        WeightFile.Saved model = WeightFile.load(ModelFiles.model(dir.resolve("augmented")));
        assertEquals(new org.mlarena.numerics.nn.LayerSpec.Augment(2, true), model.layers().get(0), "the augmentation is saved with the model");
    }

    @Test
    void aModelWhoseBatchWouldNotFitTheServersMemoryIsRefusedBeforeItTrains() throws Exception {
        Imported fashion = ImportedDatasets.fashion(dir);
        String wide = "{\"layers\": [{\"type\": \"conv2d\", \"filters\": 128, \"kernel\": 3, \"padding\": 1}, {\"type\": \"globalavgpool\"}]}";
        long memory = ModelZoo.memoryBytes(ModelZoo.ARCHITECTURE, Map.of(ModelZoo.ARCHITECTURE, wide), new org.mlarena.numerics.nn.Shape(1, 28, 28), 10,
                Network.Loss.SOFTMAX_CROSS_ENTROPY, 4096);
        org.junit.jupiter.api.Assumptions.assumeTrue(memory > TrainingPlan.memoryPerRun(), "this JVM's heap holds even that batch");
        org.mlarena.common.InvalidInputException refused = assertThrows(org.mlarena.common.InvalidInputException.class,
                () -> TrainingPlan.of(Category.IMAGE_CLASSIFICATION, Runs.entity(fashion), new TrainingPlan.Settings(ModelZoo.ARCHITECTURE,
                        Map.of(ModelZoo.ARCHITECTURE, wide), 1, 4096, null, null, null)));
        assertEquals("batchSize", refused.errors().get(0).field());
        assertTrue(refused.getMessage().startsWith("Training this model on batches of 4096 holds "), refused.getMessage());
        assertTrue(refused.getMessage().endsWith("make the batch or the layers smaller."), refused.getMessage());
    }

    @Test
    void stopsAfterPatienceEpochsWithoutABetterScoreAndSaysSo() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        // 256 units in batches of 16, which overfit these 106 rows within 200 epochs (the defaults, 100 units in one batch
        // of all the rows, still improve at 200)
        TrainingPlan plan = TrainingPlan.of(Category.TABULAR_CLASSIFICATION, Runs.entity(wine),
                new TrainingPlan.Settings("mlp", Map.of("hidden", "256"), 200, 16, null, null, null, 3, null, null, null, null));
        Runs.Recorder recorder = new Runs.Recorder();
        TrainingRun.Outcome outcome = Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of()),
                dir.resolve("run"), recorder);

        int best = recorder.epochs.get(recorder.epochs.size() - 1).bestEpoch();
        assertEquals(best + 3, recorder.epochs.size(), "three epochs after the best, then it stops");
        assertTrue(recorder.epochs.size() < 200);
        assertTrue(outcome.reason().startsWith("Stopped early after epoch " + (best + 3) + " of 200"), outcome.reason());
    }

    @Test
    void theLinearModelsOnATableConvergeByLbfgsOnScikitLearnsPenaltyAndKeepTheLastIteration() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        TrainingPlan plan = plan(wine, Category.TABULAR_CLASSIFICATION, "softmax-regression", null, null);
        int rows = wine.result().trainRows();
        assertEquals(TrainingPlan.LBFGS, plan.optimizerName());
        assertEquals(1.0 / rows, plan.weightDecay(), 1e-15, "LogisticRegression's C = 1 as a penalty on the mean loss");
        assertEquals(List.of(100, rows, 0, "last"), List.of(plan.epochs(), plan.batchSize(), plan.patience(), plan.monitor()));
        Runs.Recorder recorder = new Runs.Recorder();
        TrainingRun.Outcome outcome = Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of()), dir.resolve("run"), recorder);

        int iterations = recorder.epochs.size();
        assertTrue(iterations > 3 && iterations < 100, iterations + " iterations");
        assertEquals("L-BFGS converged at iteration " + iterations + " of 100: the training loss with its L2 penalty no longer decreases.",
                outcome.reason());
        recorder.epochs.forEach(e -> assertEquals(e.epoch(), e.bestEpoch(), "the model is the last iteration"));
        for (int i = 1; i < iterations; i++) {
            assertTrue(recorder.epochs.get(i).trainingLoss() <= recorder.epochs.get(i - 1).trainingLoss() + 0.05,
                    "the training loss falls (up to the penalty's share): " + recorder.epochs);
        }
        assertTrue(recorder.epochs.get(iterations - 1).validation().score() > 0.9, "F1 " + recorder.epochs.get(iterations - 1).validation());
        assertEquals(iterations, WeightFile.load(ModelFiles.model(dir.resolve("run"))).epochs(1), "one step per iteration, the last one saved");

        // resumed from a checkpoint half way, with a new curvature history: the same minimum, as far as the gradient
        // tolerance (1e-4) fixes it on a penalty of 1/106 (a weight moves the gradient by about the penalty)
        System.setProperty(TrainingRun.CHECKPOINT_SECONDS, "0");
        Runs.Recorder first = new Runs.Recorder(iterations / 2 + 1, false);
        assertEquals(ExperimentStatus.CANCELLED,
                Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of()), dir.resolve("resumed"), first).status());
        Runs.Recorder resumed = new Runs.Recorder();
        resumed.epochs.addAll(first.epochs);
        assertEquals(ExperimentStatus.COMPLETED, Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", resumed.recorded()),
                dir.resolve("resumed"), resumed).status());
        float[] straight = WeightFile.load(ModelFiles.model(dir.resolve("run"))).parameters();
        float[] again = WeightFile.load(ModelFiles.model(dir.resolve("resumed"))).parameters();
        for (int i = 0; i < straight.length; i++) {
            assertEquals(straight[i], again[i], 2e-2, "parameter " + i);
        }
        assertEquals(recorder.epochs.get(iterations - 1).validation().score(), resumed.epochs.get(resumed.epochs.size() - 1).validation().score(),
                "the same predictions on the validation split");

        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> TrainingPlan.of(Category.TABULAR_CLASSIFICATION,
                Runs.entity(wine), new TrainingPlan.Settings("softmax-regression", Map.of(), null, null, 0.01, null, null, 5, null, null, "cosine", null)));
        assertEquals(List.of("learningRate", "patience", "schedule"), refused.errors().stream().map(InvalidInputException.FieldError::field).sorted().toList(),
                refused.getMessage());
        InvalidInputException dropout = assertThrows(InvalidInputException.class, () -> TrainingPlan.of(Category.TABULAR_CLASSIFICATION,
                Runs.entity(wine), new TrainingPlan.Settings("mlp", Map.of("dropout", "0.2"), null, null, null, "lbfgs", null)));
        assertTrue(dropout.getMessage().contains("this model has dropout: choose 'adam' or 'sgd'"), dropout.getMessage());
        assertEquals("adam", plan(wine, Category.TABULAR_CLASSIFICATION, "mlp", null, null).optimizerName(), "the MLPs keep Adam");
    }

    @Test
    void lbfgsStoppedBeforeItConvergedSaysSo() throws Exception {
        Imported diabetes = ImportedDatasets.diabetes(dir);
        TrainingPlan plan = plan(diabetes, Category.TABULAR_REGRESSION, "linear-regression", 2, null);
        Runs.Recorder recorder = new Runs.Recorder();
        TrainingRun.Outcome outcome = Runs.run(Runs.job(diabetes, Category.TABULAR_REGRESSION, plan, "rmse", List.of()), dir.resolve("run"), recorder);
        assertEquals(ExperimentStatus.COMPLETED, outcome.status());
        assertEquals(2, recorder.epochs.size());
        assertEquals("L-BFGS had not converged after 2 iterations: more epochs may give a better model.", outcome.reason());
    }

    @Test
    void regressionTrainsOnStandardisedTargetsAndReportsInTheTargetsUnits() throws Exception {
        Imported diabetes = ImportedDatasets.diabetes(dir);
        TrainingPlan plan = plan(diabetes, Category.TABULAR_REGRESSION, "linear-regression", null, null);
        Runs.Recorder recorder = new Runs.Recorder();
        Runs.run(Runs.job(diabetes, Category.TABULAR_REGRESSION, plan, "rmse", List.of()), dir.resolve("run"), recorder);
        Runs.Epoch last = recorder.epochs.get(recorder.epochs.size() - 1);
        // disease progression ranges over 25-346 with a deviation near 77: an RMSE in the target's units is tens, not ~1
        double rmse = recorder.epochs.get(last.bestEpoch() - 1).validation().score();
        assertTrue(rmse > 30 && rmse < 70, "validation RMSE " + rmse);
        assertTrue(last.trainingLoss() > 900, "the training loss is a mean squared error in the target's units: " + last.trainingLoss());
        assertTrue(recorder.preprocessing.contains("the target standardised"), recorder.preprocessing);
    }

    @Test
    void aCrashBetweenTimedCheckpointsTrainsTheLostEpochsAgainAndEndsAsAnUninterruptedRun() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        TrainingPlan plan = plan(wine, Category.TABULAR_CLASSIFICATION, "mlp", 12, 0);
        Runs.Recorder straight = new Runs.Recorder();
        Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of()), dir.resolve("straight"), straight);

        // a checkpoint after epoch 4 (every epoch at first), none after it (an hour apart), then a crash after epoch 8
        System.setProperty(TrainingRun.CHECKPOINT_SECONDS, "0");
        Runs.Recorder first = new Runs.Recorder(5, false);
        assertEquals(ExperimentStatus.CANCELLED,
                Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of()), dir.resolve("resumed"), first).status());
        System.setProperty(TrainingRun.CHECKPOINT_SECONDS, "3600");
        Runs.Recorder crashing = new Runs.Recorder(9, true);
        crashing.epochs.addAll(first.epochs);
        assertThrows(IllegalStateException.class,
                () -> Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", crashing.recorded()), dir.resolve("resumed"), crashing));
        assertEquals(4, WeightFile.load(ModelFiles.checkpoint(dir.resolve("resumed"))).epochs((wine.result().trainRows() + plan.batchSize() - 1)
                / plan.batchSize()), "the last checkpoint is still the one of epoch 4");

        Runs.Recorder resumed = new Runs.Recorder();
        resumed.epochs.addAll(crashing.epochs);
        TrainingRun.Outcome outcome = Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", resumed.recorded()),
                dir.resolve("resumed"), resumed);

        assertEquals(ExperimentStatus.COMPLETED, outcome.status());
        assertEquals(straight.epochs.size(), resumed.epochs.size());
        for (int i = 0; i < straight.epochs.size(); i++) {
            assertEquals(straight.epochs.get(i).validation(), resumed.epochs.get(i).validation(), "epoch " + (i + 1));
        }
        assertArrayEquals(WeightFile.load(ModelFiles.model(dir.resolve("straight"))).parameters(),
                WeightFile.load(ModelFiles.model(dir.resolve("resumed"))).parameters());
    }

    @Test
    void aRunTakenOverByAnotherNodeStopsWithoutWritingTheOthersCheckpoint() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        TrainingPlan plan = plan(wine, Category.TABULAR_CLASSIFICATION, "mlp", 12, 0);
        System.setProperty(TrainingRun.CHECKPOINT_SECONDS, "0");
        // the database answers epoch 3's record with "taken over": this node was taken for dead meanwhile
        Runs.Recorder zombie = new Runs.Recorder() {
            @Override
            public boolean takenOver() {
                return epochs.size() >= 3;
            }

            @Override
            public boolean stopRequested() {
                return takenOver();
            }
        };
        Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of()), dir.resolve("zombie"), zombie);
        assertEquals(3, zombie.epochs.size(), "no epoch after the one whose record was refused");
        int steps = (wine.result().trainRows() + plan.batchSize() - 1) / plan.batchSize();
        assertEquals(2, WeightFile.load(ModelFiles.checkpoint(dir.resolve("zombie"))).epochs(steps),
                "the checkpoint is the one written while the run was its own (epoch 2): epoch 3's and the stop's are the new owner's to write");
    }

    @Test
    void switchedOffStandardisationLeavesTheValuesAsTheyAre() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        TrainingPlan plan = TrainingPlan.of(Category.TABULAR_CLASSIFICATION, Runs.entity(wine),
                new TrainingPlan.Settings("softmax-regression", Map.of(), 2, null, null, null, null, null, null, null, null, false));
        Runs.Recorder recorder = new Runs.Recorder();
        Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of()), dir.resolve("run"), recorder);
        assertTrue(recorder.preprocessing.startsWith("none"), recorder.preprocessing);
        assertTrue(WeightFile.load(ModelFiles.model(dir.resolve("run"))).preprocessing().isIdentity());
    }

    @Test
    void missingValuesKeptByTheImportAreImputedFlaggedAndScoredTheSameWay() throws Exception {
        List<String> lines = java.nio.file.Files.readAllLines(ImportedDatasets.DEMO.resolve("wine.csv"));
        StringBuilder holes = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            if (i % 5 == 0) {
                cells[1] = "";
            }
            if (i % 7 == 0) {
                cells[3] = "NA";
            }
            holes.append(String.join(",", cells)).append('\n');
        }
        Path file = java.nio.file.Files.writeString(dir.resolve("holes.csv"), holes);
        org.mlarena.dataset.control.ImportSpec keep = new org.mlarena.dataset.control.ImportSpec(
                org.mlarena.dataset.entity.DatasetFormat.CSV, "cultivar", null, ',', 0.2, 0.2, 1, true);
        java.nio.file.Files.createDirectories(dir.resolve("imports"));
        Imported wine = ImportedDatasets.table(file, keep, Category.TABULAR_CLASSIFICATION, dir.resolve("imports").resolve("holes"));
        TrainingPlan plan = plan(wine, Category.TABULAR_CLASSIFICATION, "softmax-regression", null, null);
        assertEquals(15, plan.input().size(), "the plan counts the encoded width: 13 values and 2 missing flags");
        Runs.Recorder recorder = new Runs.Recorder();
        assertEquals(ExperimentStatus.COMPLETED, Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of()),
                dir.resolve("run"), recorder).status());
        assertTrue(recorder.preprocessing.contains("missing values of ['" + lines.get(0).split(",")[1] + "', '" + lines.get(0).split(",")[3] + "']"),
                recorder.preprocessing);

        WeightFile.Saved model = WeightFile.load(ModelFiles.model(dir.resolve("run")));
        assertEquals(15, model.preprocessing().outputs(), "13 standardised values and 2 missing flags");
        TrainingData test = wine.load("test");
        double f1 = Evaluation.figures(Predictions.ofModel(model, test, new JavaBackend(), 64), test, MetricRegistry.standard().get("f1_macro")).score();
        assertTrue(f1 > 0.85, "macro F1 on the test split with imputed values: " + f1);

        org.mlarena.dataset.control.ImportSpec refuse = new org.mlarena.dataset.control.ImportSpec(
                org.mlarena.dataset.entity.DatasetFormat.CSV, "cultivar", null, ',', 0.2, 0.2, 1, false);
        org.mlarena.numerics.data.InvalidDataException refused = assertThrows(org.mlarena.numerics.data.InvalidDataException.class,
                () -> ImportedDatasets.table(file, refuse, Category.TABULAR_CLASSIFICATION, dir.resolve("imports").resolve("refused")));
        assertTrue(refused.getMessage().contains("the value is missing; fill it in, remove the row, or import the table keeping missing values"),
                refused.getMessage());
    }

    /**
     * A table whose class follows a colour (text) and, for blue, a number: both with missing values. With
     * {@code purple}, some rows have a colour that the first import never had.
     */
    private Path colours(String name, boolean purple) throws java.io.IOException {
        java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        StringBuilder csv = new StringBuilder("colour,x,noise,label\n");
        String[] colours = purple ? new String[]{"red", "green", "blue", "purple"} : new String[]{"red", "green", "blue"};
        for (int i = 0; i < 400; i++) {
            String colour = colours[i % colours.length];
            double x = random.nextDouble(-1, 1);
            String label = switch (colour) {
                case "red" -> "a";
                case "green" -> "b";
                case "blue" -> x > 0 ? "c" : "a";
                default -> "b";
            };
            csv.append(i % 10 == 9 ? "NA" : colour).append(',').append(i % 7 == 6 ? "" : String.format(java.util.Locale.ROOT, "%.4f", x))
                    .append(',').append(String.format(java.util.Locale.ROOT, "%.3f", random.nextDouble() * 100)).append(',').append(label).append('\n');
        }
        return java.nio.file.Files.writeString(dir.resolve(name), csv);
    }

    @Test
    void aCategoricalColumnIsOneHotEncodedWithItsMissingValuesAndAReimportKeepsTheModelsCategories() throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("imports"));
        org.mlarena.dataset.control.ImportSpec spec = new org.mlarena.dataset.control.ImportSpec(
                org.mlarena.dataset.entity.DatasetFormat.CSV, "label", null, ',', 0.2, 0.2, 5, true);
        Imported table = ImportedDatasets.table(colours("colours.csv", false), spec, Category.TABULAR_CLASSIFICATION, dir.resolve("imports").resolve("a"));
        assertEquals(List.of("colour"), table.result().categoricalColumns());
        assertEquals(3 + 1 + 2 + 1, table.result().inputWidth(), "three colours and a missing flag, x and its flag, the noise");

        TrainingPlan plan = plan(table, Category.TABULAR_CLASSIFICATION, "softmax-regression", null, null);
        Runs.Recorder recorder = new Runs.Recorder();
        assertEquals(ExperimentStatus.COMPLETED, Runs.run(Runs.job(table, Category.TABULAR_CLASSIFICATION, plan, "accuracy", List.of()),
                dir.resolve("run"), recorder).status());
        assertTrue(recorder.preprocessing.contains("1 categorical feature ['colour'] one-hot encoded into 3 0/1 inputs"), recorder.preprocessing);
        assertTrue(recorder.preprocessing.contains("missing values of ['colour', 'x']"), recorder.preprocessing);
        WeightFile.Saved model = WeightFile.load(ModelFiles.model(dir.resolve("run")));
        assertEquals(plan.input().size(), model.preprocessing().outputs(), "the plan sized the network the run built");
        TrainingData test = table.load("test");
        double accuracy = Evaluation.figures(Predictions.ofModel(model, test, new JavaBackend(), 64), test,
                MetricRegistry.standard().get("accuracy")).score();
        // a tenth of the colours is missing (those rows are guessed) and blue needs x, itself missing in a seventh
        assertTrue(accuracy > 0.85, "accuracy on the test split: " + accuracy);

        // the same use case imported again with a new colour: its dataset numbers red otherwise, the model's lists do not
        Imported again = ImportedDatasets.table(colours("again.csv", true), spec, Category.TABULAR_CLASSIFICATION, dir.resolve("imports").resolve("b"));
        TrainingData byDataset = again.load("test");
        TrainingData byModel = org.mlarena.dataset.control.SplitLoader.load(again.directory(), again.spec().format(), "label", null,
                again.result().classNames(), null, "test", 0, model.preprocessing().categories());
        List<String> rows = java.nio.file.Files.readAllLines(again.directory().resolve("test.csv"));
        int red = java.util.stream.IntStream.range(1, rows.size()).filter(i -> rows.get(i).startsWith("red,")).findFirst().orElseThrow() - 1;
        int purple = java.util.stream.IntStream.range(1, rows.size()).filter(i -> rows.get(i).startsWith("purple,")).findFirst().orElseThrow() - 1;
        int width = byModel.features();
        assertEquals(3f, byDataset.inputs()[red * width], "the new dataset's lists: blue, green, purple, red");
        assertEquals(2f, byModel.inputs()[red * width], "the model's lists: blue, green, red");
        assertEquals(org.mlarena.numerics.data.CsvTable.UNKNOWN_CATEGORY, byModel.inputs()[purple * width], "purple is unknown to the model");
        double reimported = Evaluation.figures(Predictions.ofModel(model, byModel, new JavaBackend(), 64), byModel,
                MetricRegistry.standard().get("accuracy")).score();
        assertTrue(reimported > 0.6, "accuracy with a quarter of the rows of a colour the model never saw: " + reimported);
    }
}
