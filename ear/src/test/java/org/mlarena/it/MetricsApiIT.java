package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.Deployments;

/** The metrics over REST: what they are (with the code that computes them) and "try it" with an interval. */
@ExtendWith(ArquillianExtension.class)
class MetricsApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void metricsAreListedWithExplanationFormulaAndTheirRealCode() {
        String alice = Api.authorization("alice");
        Api.Answer all = Api.get("api/v1/metrics", alice);
        assertEquals(200, all.status(), all.body());
        JsonArray metrics = Json.createReader(new StringReader(all.body())).readArray();
        assertTrue(metrics.size() >= 40, "metrics: " + metrics.size());
        JsonObject accuracy = Api.get("api/v1/metrics/accuracy", alice).json();
        assertEquals("HIGHER_IS_BETTER", accuracy.getString("direction"));
        assertTrue(accuracy.getString("formula").contains("\\frac"), accuracy.getString("formula"));
        assertTrue(accuracy.getString("snippet").contains("accuracy"), accuracy.getString("snippet"));
        JsonArray regression = Json.createReader(new StringReader(Api.get("api/v1/metrics?task=regression", alice).body())).readArray();
        assertTrue(regression.stream().map(JsonObject.class::cast).anyMatch(m -> m.getString("id").equals("r2")), regression.toString());
        assertEquals(404, Api.get("api/v1/metrics/nonsense", alice).status());
        assertEquals(400, Api.get("api/v1/metrics?task=astrology", alice).status());
    }

    @Test
    void tryItComputesTheValueWithABootstrapInterval() {
        String bob = Api.authorization("bob");
        Api.Answer answer = Api.post("api/v1/metrics/accuracy/evaluations", bob,
                "{\"truth\": [0,1,1,0,1,0,1,1], \"predicted\": [0,1,0,0,1,0,1,1], \"resamples\": 500, \"seed\": 3}");
        assertEquals(200, answer.status(), answer.body());
        JsonObject result = answer.json();
        assertEquals(0.875, result.getJsonNumber("value").doubleValue(), 1e-12);
        JsonObject interval = result.getJsonObject("interval");
        assertEquals(500, interval.getInt("resamples"));
        assertTrue(interval.getJsonNumber("lower").doubleValue() <= 0.875 && interval.getJsonNumber("upper").doubleValue() >= 0.875,
                interval.toString());

        JsonObject matrix = Api.post("api/v1/metrics/confusion_matrix/evaluations", bob,
                "{\"truth\": [0,1,2,2], \"predicted\": [0,2,2,2]}").json();
        assertEquals("[[1,0,0],[0,0,1],[0,0,2]]", matrix.getJsonArray("matrix").toString());
        assertTrue(!matrix.containsKey("value"), "a matrix has no single value: " + matrix);
    }

    @Test
    void aCsvUploadOfProbabilitiesIsScored() {
        String csv = "truth,p0,p1\n0,0.9,0.1\n1,0.2,0.8\n1,0.4,0.6\n0,0.3,0.7\n";
        Api.Answer response = Api.postCsv("api/v1/metrics/roc_auc/evaluations?resamples=0", Api.authorization("alice"), csv);
        assertEquals(200, response.status(), response.body());
        JsonObject result = response.json();
        assertEquals(0.75, result.getJsonNumber("value").doubleValue(), 1e-12);
        assertTrue(!result.containsKey("interval") || result.isNull("interval"), "resamples=0 asks for no interval: " + result);
    }

    @Test
    void badInputGetsA400ThatSaysWhatIsWrong() {
        String alice = Api.authorization("alice");
        assertProblem(Api.post("api/v1/metrics/accuracy/evaluations", alice, "{\"truth\": [0,1,1], \"predicted\": [0,1]}"), "length");
        assertProblem(Api.post("api/v1/metrics/accuracy/evaluations", alice, "{\"truth\": [0,1.5], \"predicted\": [0,1]}"),
                "truth[1] is 1.5; class labels are whole numbers");
        assertProblem(Api.post("api/v1/metrics/accuracy/evaluations", alice, "{\"truth\": [0,1]}"), "needs predicted labels");
        assertProblem(Api.post("api/v1/metrics/accuracy/evaluations", alice, "{\"truth\": []}"), "truth is missing or empty");
        assertProblem(Api.post("api/v1/metrics/log_loss/evaluations", alice, "{\"truth\": [0,1], \"probabilities\": [[0.5,0.6],[0.5,0.5]]}"),
                "sum");
        assertProblem(Api.post("api/v1/metrics/accuracy/evaluations", alice,
                "{\"truth\": [0,1], \"predicted\": [0,1], \"resamples\": 1000000}"), "resamples must be between 0");
        assertProblem(Api.post("api/v1/metrics/accuracy/evaluations", alice, "{\"truth\": \"zero\"}"), "truth must be an array");
        assertProblem(Api.post("api/v1/metrics/accuracy/evaluations", alice,
                "{\"truth\": [0,5], \"predicted\": [0,1], \"classes\": 3}"), "truth");
        assertProblem(Api.post("api/v1/metrics/roc_auc_ovr_macro/evaluations", alice,
                "{\"truth\": [0,3], \"probabilities\": [[0.5,0.5],[0.5,0.5]]}"), "truth");
        assertProblem(csv("truth,predicted\n0,1\n1,one\n"), "line 3, column 2: 'one' is not a number");
        assertProblem(csv("truth,predicted\n0,1,1\n"), "line 2 has 3 fields but the header has 2");
    }

    private static Api.Answer csv(String body) {
        return Api.postCsv("api/v1/metrics/accuracy/evaluations?resamples=0", Api.authorization("alice"), body);
    }

    private static void assertProblem(Api.Answer answer, String expected) {
        assertEquals(400, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType());
        String detail = answer.json().getString("detail");
        assertTrue(detail.contains(expected), () -> "expected '" + expected + "' in: " + detail);
    }
}
