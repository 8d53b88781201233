package org.mlarena.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every metric against scikit-learn's own values: the fixtures {@code evaluation/golden-*.json} written by
 * {@code ejb/src/test/python/make_golden.py}. Each case must cover every registered metric of its task type;
 * each value must agree to a relative 1e-9; NaN where scikit-learn returns NaN, and an
 * {@link IllegalArgumentException} where scikit-learn raises.
 */
class GoldenValuesTest {

    static final double RELATIVE_TOLERANCE = 1e-9;
    private static final MetricRegistry REGISTRY = MetricRegistry.standard();

    @TestFactory
    Stream<DynamicTest> labels() {
        return cases("golden-labels.json", c -> new MetricInput.ClassLabels(ints(c, "truth"), ints(c, "predicted"),
                c.getInt("classes")), c -> taskOf(c.getInt("classes")), GoldenValuesTest::confusionMatrix);
    }

    @TestFactory
    Stream<DynamicTest> scores() {
        return cases("golden-scores.json", c -> {
            JsonArray rows = c.getJsonArray("probabilities");
            double[][] p = new double[rows.size()][];
            for (int i = 0; i < p.length; i++) {
                p[i] = doubles(rows.getJsonArray(i));
            }
            return new MetricInput.ClassProbabilities(ints(c, "truth"), p);
        }, c -> taskOf(c.getInt("classes")), null);
    }

    @TestFactory
    Stream<DynamicTest> regression() {
        return cases("golden-regression.json",
                c -> new MetricInput.RegressionValues(doubles(c.getJsonArray("truth")), doubles(c.getJsonArray("predicted"))),
                c -> TaskType.REGRESSION, null);
    }

    /** Large inputs rebuilt from the integer formulas of make_golden.py's generated_inputs. */
    @TestFactory
    Stream<DynamicTest> generated() {
        return cases("golden-generated.json", c -> {
            int n = c.getInt("n");
            double[] y = new double[n], f = new double[n], s = new double[n];
            int[] t5 = new int[n], p5 = new int[n], t2 = new int[n], p2 = new int[n], t3 = new int[n];
            double[][] binary = new double[n][];
            double[][] p3 = new double[n][];
            for (int i = 0; i < n; i++) {
                long a = (i * 7919L) % 10007;
                long b = (i * 104729L) % 2003;
                y[i] = a / 100.0;
                f[i] = y[i] + (b - 1001) / 1000.0;
                t5[i] = (int) (a % 5);
                p5[i] = i % 3 == 0 ? (int) ((t5[i] + i % 5) % 5) : t5[i];
                t2[i] = (int) (a % 2);
                s[i] = (b + 500 * t2[i]) / 2503.0;
                p2[i] = s[i] > 0.5 ? 1 : 0;
                binary[i] = new double[] {1.0 - s[i], s[i]};
                t3[i] = (int) (a % 3);
                double[] w = {a % 10 + 1, b % 10 + 1, (a + b) % 10 + 1 + (t3[i] == 2 ? 2 : 0)};
                double sum = w[0] + w[1] + w[2];
                p3[i] = new double[] {w[0] / sum, w[1] / sum, w[2] / sum};
            }
            switch (c.getString("kind")) {
                case "regression":
                    return new MetricInput.RegressionValues(y, f);
                case "labels":
                    return new MetricInput.ClassLabels(t5, p5, 5);
                case "binary-labels":
                    return new MetricInput.ClassLabels(t2, p2, 2);
                case "binary-scores":
                    return new MetricInput.ClassProbabilities(t2, binary);
                default:
                    return new MetricInput.ClassProbabilities(t3, p3);
            }
        }, c -> c.getString("kind").equals("regression") ? TaskType.REGRESSION : taskOf(c.getInt("classes")),
                (c, input) -> {
                    if (c.containsKey("confusion_matrix")) {
                        confusionMatrix(c, input);
                    }
                });
    }

    private static void confusionMatrix(JsonObject c, MetricInput input) {
        JsonArray rows = c.getJsonArray("confusion_matrix");
        long[][] expected = new long[rows.size()][];
        for (int t = 0; t < rows.size(); t++) {
            expected[t] = rows.getJsonArray(t).getValuesAs(JsonNumber.class).stream()
                    .mapToLong(JsonNumber::longValueExact).toArray();
        }
        long[][] actual = REGISTRY.get("confusion_matrix").matrix(input).toArray();
        assertArrayEquals(expected, actual, "confusion matrix");
    }

    private static TaskType taskOf(int classes) {
        return classes == 2 ? TaskType.BINARY_CLASSIFICATION : TaskType.MULTICLASS_CLASSIFICATION;
    }

    private Stream<DynamicTest> cases(String file, Function<JsonObject, MetricInput> inputOf,
            Function<JsonObject, TaskType> taskOf, java.util.function.BiConsumer<JsonObject, MetricInput> extra) {
        JsonObject doc = read(file);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonObject c : doc.getJsonArray("cases").getValuesAs(JsonObject.class)) {
            String name = c.getString("name");
            MetricInput input = inputOf.apply(c);
            JsonObject expected = c.getJsonObject("expected");
            Requirement requirement = Requirement.valueOf(requirementOf(input));
            tests.add(DynamicTest.dynamicTest(name + ": every metric covered", () -> {
                TreeSet<String> registered = new TreeSet<>();
                for (Metric m : REGISTRY.forTask(taskOf.apply(c))) {
                    if (m.requires() == requirement && m.isScalar()) {
                        registered.add(m.id());
                    }
                }
                assertEquals(registered, new TreeSet<>(expected.keySet()), "metrics with a golden value");
            }));
            for (Map.Entry<String, JsonValue> e : expected.entrySet()) {
                Metric metric = REGISTRY.get(e.getKey());
                tests.add(DynamicTest.dynamicTest(name + ": " + e.getKey(), () -> check(metric, input, e.getValue())));
            }
            if (extra != null && c.containsKey("confusion_matrix")) {
                tests.add(DynamicTest.dynamicTest(name + ": confusion_matrix", () -> extra.accept(c, input)));
            }
        }
        return tests.stream();
    }

    private static String requirementOf(MetricInput input) {
        if (input instanceof MetricInput.ClassLabels) {
            return "LABELS";
        }
        return input instanceof MetricInput.ClassProbabilities ? "PROBABILITIES" : "VALUES";
    }

    static void check(Metric metric, MetricInput input, JsonValue expected) {
        if (expected.getValueType() == JsonValue.ValueType.STRING) {
            assertEquals("error", ((JsonString) expected).getString());
            assertThrows(IllegalArgumentException.class, () -> metric.evaluate(input),
                    metric.id() + ": scikit-learn raises here");
            return;
        }
        double actual = metric.evaluate(input);
        if (expected.getValueType() == JsonValue.ValueType.NULL) {
            assertTrue(Double.isNaN(actual), metric.id() + ": scikit-learn gives NaN, got " + actual);
            return;
        }
        double want = ((JsonNumber) expected).doubleValue();
        double error = Math.abs(actual - want);
        if (!(error <= RELATIVE_TOLERANCE * Math.abs(want))) {
            fail(metric.id() + ": expected " + want + ", got " + actual + " (relative error "
                    + error / Math.abs(want) + ")");
        }
    }

    private static JsonObject read(String file) {
        try (InputStream in = GoldenValuesTest.class.getResourceAsStream("/evaluation/" + file);
             JsonReader reader = Json.createReader(in)) {
            return reader.readObject();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] ints(JsonObject c, String key) {
        return c.getJsonArray(key).getValuesAs(JsonNumber.class).stream().mapToInt(JsonNumber::intValueExact).toArray();
    }

    private static double[] doubles(JsonArray array) {
        return array.getValuesAs(JsonNumber.class).stream().mapToDouble(JsonNumber::doubleValue).toArray();
    }
}
