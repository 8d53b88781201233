package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.World;

/**
 * Every endpoint of a private use case walked as anonymous, as team A's lead, as team B's lead and as the host, with
 * the status each must answer; then every answer a participant got is searched for the hidden test rows.
 */
@ExtendWith(ArquillianExtension.class)
class AccessWalkIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    /** One call and the status expected for anonymous, alice (team A), bob (team B) and hana (host). */
    record Call(String method, String path, String body, int anonymous, int teamA, int teamB, int host) {
    }

    @Test
    void everyEndpointAnswersEachRoleAsItMust() {
        World w = World.get();
        String uc = w.useCase();
        String hidden = hiddenFile(w);
        long version = World.ok(Api.get(uc, w.host)).getJsonNumber("version").longValue();
        List<Call> calls = List.of(
                new Call("GET", "api/v1/use-cases", null, 401, 200, 200, 200),
                new Call("GET", uc, null, 401, 200, 200, 200),
                new Call("PUT", uc, "{\"goal\":\"Tell the kind, precisely\",\"version\":" + version + "}", 401, 403, 403, 200),
                new Call("GET", uc + "/hosts", null, 401, 200, 200, 200),
                new Call("POST", uc + "/hosts", "{\"user\":\"nobody-in-particular\"}", 401, 403, 403, 201),
                new Call("DELETE", uc + "/hosts/nobody-in-particular", null, 401, 403, 403, 204),
                new Call("GET", uc + "/participation", null, 401, 200, 200, 200),
                new Call("POST", uc + "/participation", "{\"acceptRules\":true}", 401, 409, 409, 409),
                new Call("GET", uc + "/teams", null, 401, 200, 200, 200),
                new Call("GET", uc + "/teams/" + w.teamA, null, 401, 200, 200, 200),
                new Call("GET", uc + "/teams/" + w.teamA + "/ledger", null, 401, 200, 403, 200),
                new Call("GET", uc + "/teams/" + w.teamB + "/ledger", null, 401, 403, 200, 200),
                new Call("GET", uc + "/invitations", null, 401, 200, 200, 200),
                new Call("GET", uc + "/dataset", null, 401, 200, 200, 200),
                new Call("GET", uc + "/dataset/profile", null, 401, 200, 200, 200),
                new Call("GET", uc + "/dataset/files/train.csv", null, 401, 200, 200, 200),
                new Call("GET", uc + "/dataset/files/test-features.csv", null, 401, 200, 200, 200),
                new Call("GET", uc + "/dataset/files/" + hidden, null, 401, 404, 404, 200),
                new Call("GET", uc + "/experiments", null, 401, 200, 200, 200),
                new Call("GET", uc + "/experiments?scope=templates", null, 401, 200, 200, 200),
                new Call("GET", uc + "/experiments/" + w.experimentA, null, 401, 200, 404, 200),
                new Call("GET", uc + "/experiments/" + w.experimentA + "/curves", null, 401, 200, 404, 200),
                new Call("POST", uc + "/experiments/" + w.experimentA + "/restart", null, 401, 409, 404, 403),
                new Call("GET", uc + "/submissions", null, 401, 200, 200, 200),
                new Call("POST", uc + "/submissions", "{\"experimentId\":" + w.experimentA + "}", 401, 201, 400, 403),
                new Call("GET", uc + "/submissions/999999999", null, 401, 404, 404, 404),
                new Call("GET", uc + "/leaderboard", null, 401, 200, 200, 200),
                new Call("GET", "api/v1/models?category=TABULAR_CLASSIFICATION", null, 401, 200, 200, 200),
                new Call("GET", "api/v1/invitations", null, 401, 200, 200, 200),
                new Call("POST", "api/v1/uploads?name=x.csv", "a,b\n1,2\n", 401, 403, 403, 201));
        List<String> failures = new ArrayList<>();
        List<String> participantBodies = new ArrayList<>();
        for (Call call : calls) {
            check(failures, call, "anonymous", null, call.anonymous(), null);
            check(failures, call, "alice (team A)", w.alice, call.teamA(), participantBodies);
            check(failures, call, "bob (team B)", w.bob, call.teamB(), participantBodies);
            check(failures, call, "hana (host)", w.host, call.host(), null);
        }
        assertTrue(failures.isEmpty(), failures.size() + " answers were not as expected:\n" + String.join("\n", failures));

        List<String> hiddenRows = Arrays.stream(Api.download(uc + "/dataset/files/" + hidden, w.host).body().split("\r?\n")).skip(1)
                .filter(line -> !line.isBlank()).toList();
        assertFalse(hiddenRows.isEmpty());
        for (String body : participantBodies) {
            assertFalse(body.contains(hidden) && !body.contains("no file '" + hidden + "'"), "a participant's answer names the hidden file: " + body);
            for (String row : hiddenRows) {
                assertFalse(body.contains(row), "a participant's answer holds the hidden test row '" + row + "': " + body);
            }
        }
    }

    @Test
    void aPrivateUseCaseIsInvisibleToWhoeverIsNotInIt() {
        String host = Api.authorization("hana");
        String slug = "hidden-" + Long.toHexString(System.nanoTime());
        World.created(Api.post("api/v1/use-cases", host, "{\"slug\":\"" + slug + "\",\"title\":\"Secret\",\"visibility\":\"PRIVATE\","
                + "\"category\":\"TABULAR_REGRESSION\",\"primaryMetric\":\"rmse\"}"));
        Api.Answer seen = Api.get("api/v1/use-cases/" + slug, Api.authorization("alice"));
        assertEquals(404, seen.status(), seen.body());
        assertTrue(seen.contentType().startsWith("application/problem+json"), seen.contentType());
        String catalogue = Api.get("api/v1/use-cases?max=100", Api.authorization("alice")).body();
        assertFalse(catalogue.contains(slug), catalogue);
        assertEquals(404, Api.get("api/v1/use-cases/" + slug + "/leaderboard", Api.authorization("bob")).status());
        assertEquals(404, Api.post("api/v1/use-cases/" + slug + "/participation", Api.authorization("bob"), "{\"acceptRules\":true}").status());
        assertTrue(Api.get("api/v1/use-cases?max=100", host).body().contains(slug));
    }

    @Test
    void participantsSeeOnlyTheirOwnTeamsExperimentsAndMembers() {
        World w = World.get();
        JsonObject teamAasB = World.ok(Api.get(w.useCase() + "/teams/" + w.teamA, w.bob));
        assertTrue(!teamAasB.containsKey("members") || teamAasB.isNull("members") || teamAasB.getJsonArray("members").isEmpty(),
                "bob sees the members of team A: " + teamAasB);
        JsonObject teamAasA = World.ok(Api.get(w.useCase() + "/teams/" + w.teamA, w.carol));
        assertEquals(2, teamAasA.getJsonArray("members").size(), teamAasA.toString());
        String bobsList = Api.get(w.useCase() + "/experiments", w.bob).body();
        assertFalse(bobsList.contains("first try"), bobsList);
        String carolsList = Api.get(w.useCase() + "/experiments", w.carol).body();
        assertTrue(carolsList.contains("first try"), "carol is in team A: " + carolsList);
    }

    private static String hiddenFile(World w) {
        JsonObject asHost = World.ok(Api.get(w.useCase() + "/dataset", w.host));
        JsonObject asAlice = World.ok(Api.get(w.useCase() + "/dataset", w.alice));
        List<String> hostFiles = asHost.getJsonArray("files").stream().map(f -> ((JsonObject) f).getString("name")).toList();
        List<String> aliceFiles = asAlice.getJsonArray("files").stream().map(f -> ((JsonObject) f).getString("name")).toList();
        List<String> hidden = hostFiles.stream().filter(f -> !aliceFiles.contains(f)).toList();
        assertEquals(List.of("test.csv"), hidden, "the hosts see " + hostFiles + ", alice " + aliceFiles);
        assertTrue(asHost.getJsonArray("files").stream().map(JsonValue::asJsonObject)
                .anyMatch(f -> f.getString("name").equals("test.csv") && f.getBoolean("hidden")), asHost.toString());
        return hidden.get(0);
    }

    private static void check(List<String> failures, Call call, String who, String authorization, int expected, List<String> bodies) {
        Api.Answer answer = call.path().contains("/files/") ? Api.download(call.path(), authorization) : Api.send(call.method(), call.path(), authorization, call.body() == null ? null
                        : call.path().contains("uploads") ? "text/csv" : "application/json",
                call.body() == null ? null : call.body().getBytes(StandardCharsets.UTF_8));
        if (answer.status() != expected) {
            failures.add(call.method() + " " + call.path() + " as " + who + ": " + answer.status() + " (expected " + expected + ") " + abbreviate(answer.body()));
        } else if (answer.status() >= 400 && !answer.contentType().startsWith("application/problem+json")) {
            failures.add(call.method() + " " + call.path() + " as " + who + ": " + answer.status() + " as " + answer.contentType() + ", not problem+json");
        }
        if (bodies != null) {
            bodies.add(answer.body());
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
