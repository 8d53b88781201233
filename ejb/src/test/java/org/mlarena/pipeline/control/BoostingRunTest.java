package org.mlarena.pipeline.control;

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
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.ModelZoo.Category;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.numerics.trees.JavaTreeKernels;
import org.mlarena.numerics.trees.TreeFile;

/** The gradient-boosting experiment as the batch job trains it, on real imports: rounds, the best round, resumes. */
class BoostingRunTest {

    private static final String TREES = ModelZoo.GRADIENT_BOOSTING;

    @TempDir
    Path dir;

    @AfterEach
    void checkpointsAsConfigured() {
        System.clearProperty(TrainingRun.CHECKPOINT_SECONDS);
    }

    private static TrainingPlan plan(Imported d, Category category, Integer rounds, Integer patience, Map<String, String> hyper) {
        return TrainingPlan.of(category, Runs.entity(d),
                new TrainingPlan.Settings(TREES, hyper, rounds, null, null, null, null, patience, null, null, null, null));
    }

    @Test
    void theDefaultsAreScikitLearnsHundredRoundsWithEarlyStoppingOnlyAboveTenThousandTrainingRows() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        TrainingPlan small = plan(wine, Category.TABULAR_CLASSIFICATION, null, null, Map.of());
        assertEquals(List.of(100, 0, "last"), List.of(small.epochs(), small.patience(), small.monitor()));
        Runs.Recorder recorder = new Runs.Recorder();
        TrainingRun.Outcome outcome = Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, small, "f1_macro", List.of()), dir.resolve("run"),
                recorder);
        assertEquals(100, recorder.epochs.size());
        assertEquals(100, recorder.epochs.get(99).bestEpoch(), "the last round is the model");
        assertEquals(100, TreeFile.load(ModelFiles.model(dir.resolve("run"))).model().rounds());
        assertEquals(null, outcome.reason());

        TrainingPlan stopping = TrainingPlan.of(Category.TABULAR_CLASSIFICATION, Runs.entity(wine, 12_000),
                new TrainingPlan.Settings(TREES, Map.of(), null, null, null, null, null, null, null, null, null, null));
        assertEquals(List.of(100, TrainingPlan.DEFAULT_ROUNDS_PATIENCE, "loss"), List.of(stopping.epochs(), stopping.patience(), stopping.monitor()));
    }

    @Test
    void earlyStoppingStopsAtTheBestRoundAndTheModelFileAloneReproducesIt() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        TrainingPlan plan = plan(wine, Category.TABULAR_CLASSIFICATION, 500, 10, Map.of());
        assertEquals("loss", plan.monitor(), "a patience asks for early stopping on the validation loss");
        assertEquals(0.1, plan.learningRate());
        Runs.Recorder recorder = new Runs.Recorder();
        TrainingRun.Outcome outcome = Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of()), dir.resolve("run"),
                recorder);
        assertEquals(ExperimentStatus.COMPLETED, outcome.status());
        int best = recorder.epochs.get(recorder.epochs.size() - 1).bestEpoch();
        assertEquals(best + 10, recorder.epochs.size(), "ten rounds after the best, then it stops: " + outcome.reason());
        assertTrue(outcome.reason().startsWith("Stopped early after round " + (best + 10)), outcome.reason());
        assertTrue(recorder.preprocessing.startsWith("none: the values go to the model as they are"), recorder.preprocessing);

        Path model = ModelFiles.model(dir.resolve("run"));
        assertTrue(TreeFile.isTreeFile(model));
        TreeFile.Saved saved = TreeFile.load(model);
        assertEquals(best, saved.model().rounds());
        assertEquals(3 * best, saved.model().trees().size(), "a tree per class and round");
        TrainingData validation = wine.load("validation");
        Evaluation.Figures figures = Evaluation.figures(Predictions.ofTrees(saved, validation, new JavaTreeKernels()), validation, MetricRegistry.standard().get("f1_macro"));
        assertEquals(recorder.epochs.get(best - 1).validation().score(), figures.score(), 1e-12);
        assertEquals(recorder.epochs.get(best - 1).validation().loss(), figures.loss(), 1e-6);
        TrainingData test = wine.load("test");
        double f1 = Evaluation.figures(Predictions.ofTrees(saved, test, new JavaTreeKernels()), test, MetricRegistry.standard().get("f1_macro")).score();
        assertTrue(f1 > 0.85, "macro F1 on the test split: " + f1);
        assertTrue(recorder.sizedParameters == saved.model().nodes() && recorder.sizedBytes == saved.model().bytes(), "the model's own size");
        assertTrue(recorder.sizedParameters < plan.figures().parameters(), "within the plan's bound");
    }

    @Test
    void regressionReportsInTheTargetsUnits() throws Exception {
        Imported diabetes = ImportedDatasets.diabetes(dir);
        Runs.Recorder recorder = new Runs.Recorder();
        Runs.run(Runs.job(diabetes, Category.TABULAR_REGRESSION, plan(diabetes, Category.TABULAR_REGRESSION, null, null, Map.of()), "rmse",
                List.of()), dir.resolve("run"), recorder);
        Runs.Epoch last = recorder.epochs.get(recorder.epochs.size() - 1);
        double rmse = recorder.epochs.get(last.bestEpoch() - 1).validation().score();
        assertTrue(rmse > 40 && rmse < 80, "validation RMSE " + rmse);
        assertTrue(last.trainingLoss() > 300, "a mean squared error in the target's units: " + last.trainingLoss());
    }

    @Test
    void aCrashBetweenCheckpointsBoostsTheLostRoundsAgainAndEndsAsAnUninterruptedRun() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        TrainingPlan plan = plan(wine, Category.TABULAR_CLASSIFICATION, 12, 0, Map.of("maxLeaves", "8"));
        Runs.Recorder straight = new Runs.Recorder();
        Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of()), dir.resolve("straight"), straight);
        assertEquals(12, straight.epochs.size());

        System.setProperty(TrainingRun.CHECKPOINT_SECONDS, "0");
        Runs.Recorder first = new Runs.Recorder(5, false);
        TrainingRun.Outcome cancelled = Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", List.of()), dir.resolve("resumed"),
                first);
        assertEquals(ExperimentStatus.CANCELLED, cancelled.status(), cancelled.reason());
        System.setProperty(TrainingRun.CHECKPOINT_SECONDS, "3600");
        Runs.Recorder crashing = new Runs.Recorder(9, true);
        crashing.epochs.addAll(first.epochs);
        assertThrows(IllegalStateException.class,
                () -> Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", crashing.recorded()), dir.resolve("resumed"), crashing));
        assertEquals(4, TreeFile.load(ModelFiles.checkpoint(dir.resolve("resumed"))).model().rounds(), "the last checkpoint is still round 4's");

        Runs.Recorder resumed = new Runs.Recorder();
        resumed.epochs.addAll(crashing.epochs);
        assertEquals(ExperimentStatus.COMPLETED, Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan, "f1_macro", resumed.recorded()),
                dir.resolve("resumed"), resumed).status());
        assertEquals(straight.epochs.size(), resumed.epochs.size());
        for (int i = 0; i < straight.epochs.size(); i++) {
            assertEquals(straight.epochs.get(i).validation(), resumed.epochs.get(i).validation(), "round " + (i + 1));
        }
        assertEquals(TreeFile.load(ModelFiles.model(dir.resolve("straight"))).model().trees(),
                TreeFile.load(ModelFiles.model(dir.resolve("resumed"))).model().trees());
    }

    @Test
    void whatDoesNotApplyToBoostingAndWrongHyperparametersAreRefusedNamingTheField() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        InvalidInputException batch = assertThrows(InvalidInputException.class, () -> TrainingPlan.of(Category.TABULAR_CLASSIFICATION,
                Runs.entity(wine), new TrainingPlan.Settings(TREES, Map.of(), null, 32, null, "sgd", null)));
        assertEquals(List.of("batchSize", "optimizer"), batch.errors().stream().map(InvalidInputException.FieldError::field).toList());
        InvalidInputException leaves = assertThrows(InvalidInputException.class, () -> plan(wine, Category.TABULAR_CLASSIFICATION, null, null,
                Map.of("maxLeaves", "1")));
        assertEquals("hyperparameters", leaves.field());
        assertTrue(leaves.getMessage().contains("'maxLeaves' must be a whole number from 2 to 4096, got '1'"), leaves.getMessage());
        InvalidInputException rate = assertThrows(InvalidInputException.class, () -> TrainingPlan.of(Category.TABULAR_CLASSIFICATION,
                Runs.entity(wine), new TrainingPlan.Settings(TREES, Map.of(), null, null, 2.0, null, null)));
        assertEquals("learningRate", rate.field());
        assertThrows(InvalidInputException.class, () -> TrainingPlan.of(Category.IMAGE_CLASSIFICATION, Runs.entity(wine),
                new TrainingPlan.Settings(TREES, Map.of(), null, null, null, null, null)), "tables only");
    }

    @Test
    void finetuningBoostsOnFromAnotherExperimentsTrees() throws Exception {
        Imported wine = ImportedDatasets.wine(dir);
        Runs.run(Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan(wine, Category.TABULAR_CLASSIFICATION, 5, 0, Map.of()), "f1_macro",
                List.of()), dir.resolve("base"), new Runs.Recorder());
        TrainingJob job = Runs.job(wine, Category.TABULAR_CLASSIFICATION, plan(wine, Category.TABULAR_CLASSIFICATION, 4, 0, Map.of()), "f1_macro",
                List.of());
        TrainingJob finetune = new TrainingJob(2, job.slug(), job.category(), job.model(), job.hyperparameters(), job.seed(), job.epochs(),
                job.batchSize(), job.learningRate(), job.optimizer(), job.weightDecay(), job.datasetDirectory(), job.format(), job.targetColumn(),
                job.textColumn(), job.classNames(), job.imageShape(), job.buckets(), job.metric(), List.of(), ModelFiles.model(dir.resolve("base")),
                0, null, Long.MAX_VALUE, job.patience(), job.minDelta(), job.monitor(), job.schedule(), job.standardize(), job.featureNames());
        Runs.Recorder recorder = new Runs.Recorder();
        Runs.run(finetune, dir.resolve("finetuned"), recorder);
        assertEquals(4, recorder.epochs.size(), "its own four rounds on its curve");
        TreeFile.Saved model = TreeFile.load(ModelFiles.model(dir.resolve("finetuned")));
        assertEquals(5 + 4, model.model().rounds(), "the five it started from and its four");
        assertEquals(TreeFile.load(ModelFiles.model(dir.resolve("base"))).model().trees(), model.model().firstRounds(5).trees());
    }
}
