package org.mlarena.it.support;

import java.io.StringReader;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

/** Waiting for the pipelines: polls an experiment or a submission until it has ended. */
public final class Runs {

    private static final Set<String> EXPERIMENT_ENDS = Set.of("COMPLETED", "FAILED", "CANCELLED", "BUDGET_EXHAUSTED");
    private static final Set<String> SUBMISSION_ENDS = Set.of("SCORED", "FAILED", "CANCELLED");

    private Runs() {
    }

    public static JsonObject awaitExperiment(String useCase, long id, String authorization) {
        return await(useCase + "/experiments/" + id, authorization, EXPERIMENT_ENDS, Duration.ofMinutes(4));
    }

    public static JsonObject awaitSubmission(String useCase, long id, String authorization) {
        return await(useCase + "/submissions/" + id, authorization, SUBMISSION_ENDS, Duration.ofMinutes(2));
    }

    public static JsonObject await(String path, String authorization, Set<String> ends, Duration timeout) {
        return await(path, authorization, ends, timeout, run -> false);
    }

    /**
     * Polls until the status is one of {@code ends} or {@code reached} holds, for at most {@code timeout} (zero: two
     * minutes).
     */
    public static JsonObject await(String path, String authorization, Set<String> ends, Duration timeout, Predicate<JsonObject> reached) {
        if (timeout.isZero()) {
            timeout = Duration.ofMinutes(2);
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonObject run;
        do {
            Api.Answer answer = Api.get(path, authorization);
            if (answer.status() != 200) {
                throw new AssertionError("GET " + path + " answered " + answer.status() + ": " + answer.body());
            }
            run = answer.json();
            if (ends.contains(run.getString("status", "")) || reached.test(run)) {
                return run;
            }
            Api.sleep(300);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " did not end within " + timeout + ": " + run);
    }

    public static List<JsonObject> array(String json) {
        return Json.createReader(new StringReader(json)).readArray().stream().map(JsonValue::asJsonObject).toList();
    }
}
