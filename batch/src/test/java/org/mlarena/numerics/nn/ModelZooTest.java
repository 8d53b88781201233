package org.mlarena.numerics.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ModelZooTest {

    private static final Shape IMAGE = new Shape(1, 28, 28);

    @Test
    void everyCategoryHasModelsAndEveryModelBuildsWithItsDefaults() {
        for (ModelZoo.Category category : ModelZoo.Category.values()) {
            List<ModelZoo.Model> models = ModelZoo.models(category);
            assertTrue(!models.isEmpty(), category + " has no model");
            for (ModelZoo.Model model : models) {
                Shape input = category == ModelZoo.Category.IMAGE_CLASSIFICATION ? IMAGE : Shape.vector(12);
                ModelZoo.Figures figures = ModelZoo.figures(model.id(), Map.of(), input, 3, 64, Optimizer.Adam.of(1e-3f));
                assertTrue(figures.parameters() > 0 && figures.bytes() == (model.isTrees() ? 29L * figures.parameters() + 8 * 3
                        : 4L * figures.parameters()), model.id());
                assertTrue(figures.trainingFlopsPerSample() > 2 * figures.inferenceFlopsPerSample(), model.id() + ": " + figures);
            }
        }
    }

    @Test
    void figuresFollowTheHyperparameters() {
        ModelZoo.Figures mlp = ModelZoo.figures("mlp", Map.of("hidden", "256"), IMAGE, 10, 128, Optimizer.Adam.of(1e-3f));
        assertEquals(784 * 256 + 256 + 256 * 10 + 10, mlp.parameters());
        assertEquals(2L * 784 * 256 + 2 * 256 + 2L * 256 * 10 + 10, mlp.inferenceFlopsPerSample());
        ModelZoo.Figures deeper = ModelZoo.figures("mlp", Map.of("hidden", "256, 128"), IMAGE, 10, 128, Optimizer.Adam.of(1e-3f));
        assertEquals(784 * 256 + 256 + 256 * 128 + 128 + 128 * 10 + 10, deeper.parameters());
    }

    @Test
    void wrongChoicesAreRefusedWithWhatIsAccepted() {
        assertEquals("there is no model 'resnet'; the zoo has [softmax-regression, mlp, cnn, linear-regression, mlp-regressor, gradient-boosting, architecture]",
                assertThrows(IllegalArgumentException.class, () -> ModelZoo.model("resnet")).getMessage());
        assertEquals("the model 'mlp' has no hyperparameter 'layers'; it has [hidden, dropout]",
                assertThrows(IllegalArgumentException.class, () -> ModelZoo.figures("mlp", Map.of("layers", "3"), IMAGE, 10, 8,
                        Optimizer.Adam.of(1e-3f))).getMessage());
        assertEquals("'hidden' must be whole numbers from 1 to 65536, got 'many'", assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.figures("mlp", Map.of("hidden", "many"), IMAGE, 10, 8, Optimizer.Adam.of(1e-3f))).getMessage());
        assertEquals("'dropout' must be a number from 0 up to (not including) 1, got '1.5'", assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.figures("mlp", Map.of("dropout", "1.5"), IMAGE, 10, 8, Optimizer.Adam.of(1e-3f))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ModelZoo.figures("cnn", Map.of(), new Shape(3, 30, 30), 10, 8,
                Optimizer.Adam.of(1e-3f))).getMessage().contains("divide by 4"));
    }
}
