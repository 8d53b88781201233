package org.mlarena.pipeline.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mlarena.dataset.control.ImportedDatasets;
import org.mlarena.evaluation.Metric;
import org.mlarena.evaluation.MetricInput;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.evaluation.ScoreSplit;
import org.mlarena.numerics.nn.ClassificationData;
import org.mlarena.numerics.nn.JavaBackend;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.Optimizer;
import org.mlarena.numerics.nn.RegressionData;
import org.mlarena.numerics.nn.Shape;
import org.mlarena.numerics.nn.Trainer;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.pipeline.control.Evaluation.Figures;
import org.mlarena.pipeline.control.Evaluation.Scores;
import org.mlarena.pipeline.control.Predictions.Outputs;

/** Figures from outputs against the trainer's own loss and accuracy and against the metrics called directly. */
class EvaluationTest {

    private static final MetricRegistry METRICS = MetricRegistry.standard();

    @TempDir
    static Path temp;

    /** Wine's splits and a softmax regression trained on them briefly. */
    static ClassificationData wineValidation;
    static ClassificationData wineTest;
    static Network wineModel;

    @BeforeAll
    static void trainOnWine() throws Exception {
        ImportedDatasets.Imported wine = ImportedDatasets.wine(temp);
        ClassificationData train = (ClassificationData) wine.load("train");
        wineValidation = (ClassificationData) wine.load("validation");
        wineTest = (ClassificationData) wine.load("test");
        wineModel = model("softmax-regression", train, wineValidation, 3, 20, 1e-2f);
    }

    static Network model(String id, TrainingData train, TrainingData validation, int outputs, int epochs, float learningRate) {
        Network net = ModelZoo.build(id, Map.of(), Shape.vector(train.features()), outputs, new JavaBackend(), 16);
        net.initialise(5);
        Trainer.fit(net, train, validation, epochs, 16, Optimizer.Adam.of(learningRate), 5, null);
        return net;
    }

    /** Class predictions computed here, independently: the first of equal maxima. */
    private static int[] argmax(Outputs outputs) {
        int[] predicted = new int[outputs.rows()];
        for (int row = 0; row < predicted.length; row++) {
            for (int c = 1; c < outputs.columns(); c++) {
                if (outputs.value(row, c) > outputs.value(row, predicted[row])) {
                    predicted[row] = c;
                }
            }
        }
        return predicted;
    }

    @Test
    void classificationFiguresAgreeWithTheTrainerAndWithTheMetricsCalledDirectly() {
        Outputs outputs = Predictions.outputs(wineModel, wineValidation);
        Figures figures = Evaluation.figures(outputs, wineValidation, METRICS.get("f1_macro"));
        Trainer.Evaluation trainer = Trainer.evaluate(wineModel, wineValidation);

        assertEquals(trainer.loss(), figures.loss(), 1e-5 * Math.max(1, trainer.loss()), "mean softmax cross-entropy");
        assertEquals(trainer.accuracy(), figures.accuracy(), 0.0, "accuracy");
        MetricInput.ClassLabels labels = new MetricInput.ClassLabels(wineValidation.labels(), argmax(outputs), 3);
        assertEquals(METRICS.get("f1_macro").evaluate(labels), figures.score(), 0.0);
        assertEquals(METRICS.get("f1_macro").evaluate(labels), figures.f1(), 0.0);
        assertEquals(METRICS.get("precision_macro").evaluate(labels), figures.precision(), 0.0);
        assertEquals(METRICS.get("recall_macro").evaluate(labels), figures.recall(), 0.0);
        assertEquals(METRICS.get("accuracy").evaluate(labels), figures.accuracy(), 0.0);

        // log-loss is the same cross-entropy, computed by the metric from the softmax probabilities
        Figures logLoss = Evaluation.figures(outputs, wineValidation, METRICS.get("log_loss"));
        assertEquals(figures.loss(), logLoss.score(), 1e-9 * Math.max(1, figures.loss()));
        assertEquals(METRICS.get("top_2_accuracy").evaluate(Evaluation.metricInput(outputs, wineValidation, METRICS.get("top_2_accuracy").requires())),
                Evaluation.figures(outputs, wineValidation, METRICS.get("top_2_accuracy")).score(), 0.0);
    }

    @Test
    void regressionFiguresAreTheMeanSquaredErrorAndTheMetricOnTheValues() throws Exception {
        ImportedDatasets.Imported diabetes = ImportedDatasets.diabetes(temp);
        RegressionData train = (RegressionData) diabetes.load("train");
        RegressionData validation = (RegressionData) diabetes.load("validation");
        Network net = model("linear-regression", train, validation, 1, 3, 1e-1f);
        Outputs outputs = Predictions.outputs(net, validation);
        Figures figures = Evaluation.figures(outputs, validation, METRICS.get("mae"));

        assertEquals(Trainer.evaluate(net, validation).loss(), figures.loss(), 1e-5 * figures.loss(), "mean squared error");
        double[] truth = new double[validation.rows()];
        double[] predicted = new double[validation.rows()];
        for (int row = 0; row < truth.length; row++) {
            truth[row] = validation.targets()[row];
            predicted[row] = outputs.value(row, 0);
        }
        assertEquals(METRICS.get("mae").evaluate(new MetricInput.RegressionValues(truth, predicted)), figures.score(), 0.0);
        assertEquals(figures.loss(), Evaluation.figures(outputs, validation, METRICS.get("mse")).score(), 1e-9 * figures.loss());
        assertNull(figures.accuracy());
        assertNull(figures.f1());
        assertNull(figures.precision());
        assertNull(figures.recall());
    }

    @Test
    void scoresSplitTheTestRowsIntoPublicAndPrivatePartsWithIntervalsAroundTheirScores() {
        Outputs outputs = Predictions.outputs(wineModel, wineTest);
        Metric accuracy = METRICS.get("accuracy");
        Scores scores = Evaluation.score(outputs, wineTest, accuracy, 0.5, 7, 500, 11);

        ScoreSplit split = new ScoreSplit(7, 0.5);
        assertEquals(wineTest.rows(), scores.publicPart().rows() + scores.privatePart().rows());
        assertEquals(split.publicRows(wineTest.rows()).length, scores.publicPart().rows());
        MetricInput input = new MetricInput.ClassLabels(wineTest.labels(), argmax(outputs), 3);
        assertEquals(split.scorePublic(accuracy, input), scores.publicPart().score(), 0.0);
        assertEquals(split.scorePrivate(accuracy, input), scores.privatePart().score(), 0.0);
        for (Evaluation.SplitScore part : new Evaluation.SplitScore[]{scores.publicPart(), scores.privatePart()}) {
            assertTrue(part.lower() <= part.score() && part.score() <= part.upper(), part.toString());
            assertTrue(part.lower() >= 0 && part.upper() <= 1, part.toString());
        }
        assertEquals(scores, Evaluation.score(outputs, wineTest, accuracy, 0.5, 7, 500, 11), "the same seeds give the same scores");
    }

    @Test
    void aModelTrainedAFewEpochsOnWineScoresAboveChance() {
        Figures figures = Evaluation.figures(Predictions.outputs(wineModel, wineTest), wineTest, METRICS.get("accuracy"));
        double majority = (double) Arrays.stream(new int[]{0, 1, 2}).map(c -> (int) Arrays.stream(wineTest.labels()).filter(l -> l == c).count())
                .max().orElseThrow() / wineTest.rows();
        assertTrue(figures.score() > majority + 0.2, "accuracy " + figures.score() + " against the majority class's share " + majority);
    }

    @Test
    void metricsThatDoNotFitTheDataAndPartsWithoutRowsAreRefused() {
        Outputs outputs = Predictions.outputs(wineModel, wineTest);
        assertEquals("mse scores regression but the data is classification",
                assertThrows(IllegalArgumentException.class, () -> Evaluation.figures(outputs, wineTest, METRICS.get("mse"))).getMessage());
        assertEquals("confusion_matrix is not a single number; a score needs one", assertThrows(IllegalArgumentException.class,
                () -> Evaluation.figures(outputs, wineTest, METRICS.get("confusion_matrix"))).getMessage());
        Outputs tenRows = new Outputs(Arrays.copyOf(outputs.values(), 30), 10, 3, 0);
        assertEquals("10 rows of outputs for " + wineTest.rows() + " rows of truth", assertThrows(IllegalArgumentException.class,
                () -> Evaluation.figures(tenRows, wineTest, METRICS.get("accuracy"))).getMessage());

        long seed = 0;
        while (new ScoreSplit(seed, 0.02).publicRows(wineTest.rows()).length > 0) {
            seed++;
        }
        long emptyPublic = seed;
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> Evaluation.score(outputs, wineTest, METRICS.get("accuracy"), 0.02, emptyPublic, 100, 1));
        assertTrue(empty.getMessage().startsWith("the public part of the " + wineTest.rows() + " test rows is empty"), empty.getMessage());

        float[] diverged = outputs.values().clone();
        diverged[4] = Float.NaN;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Evaluation.figures(new Outputs(diverged, outputs.rows(), 3, 0), wineTest,
                METRICS.get("accuracy"))).getMessage().contains("training diverged"));
    }
}
