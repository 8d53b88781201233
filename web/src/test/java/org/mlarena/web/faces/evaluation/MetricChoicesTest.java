package org.mlarena.web.faces.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mlarena.evaluation.MetricRegistry;

class MetricChoicesTest {

    private final MetricChoices choices = MetricChoices.of(MetricRegistry.standard().all());

    @Test
    void averagedMetricsFormOneFamilyWithMacroFirst() {
        MetricChoices.Family f1 = choices.familyOf("f1_weighted");
        assertEquals("f1", f1.key());
        assertEquals("F1 · higher is better", f1.label());
        assertEquals(List.of("macro", "weighted", "micro", "binary"), f1.averages());
        assertEquals("roc_auc_ovr", choices.familyOf("roc_auc_ovr_macro").key());
        assertEquals("ROC AUC (one-vs-rest) · higher is better", choices.familyOf("roc_auc_ovr_macro").label());
    }

    @Test
    void theIdJoinsFamilyAndAveragingAndFallsBackToMacro() {
        assertEquals("f1_weighted", choices.idOf("f1", "weighted"));
        assertEquals("f1_macro", choices.idOf("f1", null));
        assertEquals("f1_macro", choices.idOf("f1", "quadratic"));
        assertEquals("rmse", choices.idOf("rmse", "macro"));
        assertEquals("no-such-metric", choices.idOf("no-such-metric", null), "the boundary judges what is not offered");
    }

    @Test
    void metricsWithoutAveragingAndTheMatrix() {
        assertEquals(List.of(), choices.familyOf("accuracy").averages());
        assertEquals("Root mean squared error · lower is better", choices.familyOf("rmse").label());
        assertNull(choices.familyOf("confusion_matrix"), "not a single number: it cannot rank teams");
        assertNull(MetricChoices.averagingOf("accuracy"));
        assertEquals("binary", MetricChoices.averagingOf("precision_binary"));
    }
}
