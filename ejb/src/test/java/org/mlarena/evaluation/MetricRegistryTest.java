package org.mlarena.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** The registry's descriptions, and the snippets: present, cut from the real implementation, current. */
class MetricRegistryTest {

    private final MetricRegistry registry = MetricRegistry.standard();

    @Test
    void everyMetricIsDescribed() {
        List<Metric> all = registry.all();
        assertEquals(all.size(), all.stream().map(Metric::id).collect(Collectors.toSet()).size(), "unique ids");
        for (Metric m : all) {
            assertFalse(m.name().isBlank(), m.id() + " name");
            assertFalse(m.explanation().isBlank(), m.id() + " explanation");
            assertFalse(m.formula().isBlank(), m.id() + " formula");
            assertFalse(m.taskTypes().isEmpty(), m.id() + " task types");
            assertEquals(m.isScalar(), m.direction() != Direction.NONE, m.id() + " direction");
        }
    }

    @Test
    void theIssuesMetricsAreAllThere() {
        Set<String> ids = registry.all().stream().map(Metric::id).collect(Collectors.toSet());
        for (String id : List.of("accuracy", "balanced_accuracy", "top_2_accuracy", "top_3_accuracy",
                "precision_binary", "precision_micro", "precision_macro", "precision_weighted", "recall_binary",
                "recall_micro", "recall_macro", "recall_weighted", "f1_binary", "f1_micro", "f1_macro",
                "f1_weighted", "f2_macro", "f0_5_weighted", "matthews_corrcoef", "cohen_kappa",
                "cohen_kappa_quadratic", "log_loss", "brier_score", "roc_auc", "roc_auc_ovr_macro",
                "roc_auc_ovr_weighted", "average_precision", "confusion_matrix", "mae", "mse", "rmse", "r2",
                "explained_variance", "mape", "median_absolute_error", "max_error", "msle")) {
            assertTrue(ids.contains(id), id);
        }
    }

    @Test
    void everySnippetHoldsItsImplementingMethod() {
        for (Metric m : registry.all()) {
            assertFalse(m.snippet().isBlank(), m.id() + " snippet");
            String method = m.implementation().substring(m.implementation().indexOf('.') + 1);
            assertTrue(m.snippet().contains(" " + method + "("), m.id() + ": snippet lacks " + method + "(\n"
                    + m.snippet());
            assertFalse(m.snippet().contains("<snippet:"), m.id() + ": markers leaked into the snippet");
        }
    }

    @Test
    void snippetsOnTheClassPathAreTheCurrentSource() throws IOException {
        // the copy the build made must match src/main/java (surefire runs in the module directory)
        Path sources = Path.of("src/main/java/org/mlarena/evaluation");
        Map<String, String> fromSource = new HashMap<>();
        for (String file : MetricSources.FILES) {
            MetricSources.parse(file, Files.readString(sources.resolve(file), StandardCharsets.UTF_8), fromSource);
        }
        MetricSources loaded = MetricSources.load();
        assertEquals(fromSource.keySet(), loaded.keys());
        for (String key : fromSource.keySet()) {
            assertEquals(fromSource.get(key), loaded.snippet(key), key);
        }
    }

    @Test
    void snippetsAreDedentedRegions() {
        Map<String, String> out = new HashMap<>();
        MetricSources.parse("x", "class X {\n    // <snippet:a>\n    int a() {\n        return 1;\n    }\n"
                + "    // </snippet:a>\n}\n", out);
        assertEquals("int a() {\n    return 1;\n}\n", out.get("a"));
        assertThrows(IllegalStateException.class,
                () -> MetricSources.parse("y", "// <snippet:b>\nint b;\n", new HashMap<>()));
    }

    @Test
    void lookupsAndTaskTypes() {
        assertEquals("accuracy", registry.get("accuracy").id());
        assertTrue(registry.find("nope").isEmpty());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> registry.get("nope"));
        assertTrue(e.getMessage().contains("unknown metric 'nope'"));
        assertTrue(registry.forTask(TaskType.REGRESSION).stream().allMatch(m -> m.requires() == Requirement.VALUES));
        assertTrue(registry.forTask(TaskType.MULTICLASS_CLASSIFICATION).stream()
                .noneMatch(m -> m.id().endsWith("_binary")));
        assertEquals(Direction.LOWER_IS_BETTER, registry.get("log_loss").direction());
        assertEquals(Direction.HIGHER_IS_BETTER, registry.get("roc_auc").direction());
    }

    @Test
    void wrongInputKindIsRefused() {
        MetricInput labels = new MetricInput.ClassLabels(new int[] {0, 1}, new int[] {1, 1}, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> registry.get("mae").evaluate(labels));
        assertTrue(e.getMessage().contains("mae needs RegressionValues"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> registry.get("confusion_matrix").evaluate(labels));
        assertThrows(IllegalStateException.class, () -> registry.get("accuracy").matrix(labels));
        assertEquals(new ConfusionMatrix(2, new long[] {0, 1, 0, 1}), registry.get("confusion_matrix").matrix(labels));
        assertThrows(IllegalArgumentException.class, () -> registry.get("precision_binary")
                .evaluate(new MetricInput.ClassLabels(new int[] {0, 2}, new int[] {1, 1}, 3)));
        assertNotEquals(0, registry.all().size());
    }
}
