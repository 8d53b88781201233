package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.TestEnvironment;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.Runs;
import org.mlarena.it.support.World;

/**
 * The domain resources beyond access: bad input of every kind answers 4xx problem+json that says what is wrong and
 * changes nothing; invitations, quota, budget and the leaderboard read as they must; the OpenAPI document lists them.
 */
@ExtendWith(ArquillianExtension.class)
class DomainApiIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void malformedBodiesUnknownIdsAndBadParametersAnswer4xxWithAClearMessage() {
        World w = World.get();
        String uc = w.useCase();
        problem(Api.send("POST", "api/v1/use-cases", w.host, "application/json", "{\"title\": ".getBytes(StandardCharsets.UTF_8)), 400, null);
        problem(Api.send("POST", "api/v1/use-cases", w.host, "application/json", null), 400, "JSON");
        problem(Api.post("api/v1/use-cases", w.host, "{\"title\":\"\",\"category\":\"ASTROLOGY\",\"primaryMetric\":\"rmse\"}"), 400, "category");
        problem(Api.post("api/v1/use-cases", w.host, "{\"slug\":\"Not A Slug!\",\"title\":\"x\"}"), 400, "slug");
        problem(Api.post("api/v1/use-cases", w.host, "{\"slug\":\"" + w.slug + "\",\"title\":\"x\",\"category\":\"TABULAR_REGRESSION\",\"primaryMetric\":\"rmse\"}"), 409, "taken");
        problem(Api.post("api/v1/use-cases", w.host, "{\"title\":\"Regression by accuracy\",\"category\":\"TABULAR_REGRESSION\",\"primaryMetric\":\"accuracy\"}"), 400, "primaryMetric");
        problem(Api.post("api/v1/use-cases", w.alice, "{\"title\":\"Alice hosts\",\"category\":\"TABULAR_REGRESSION\",\"primaryMetric\":\"rmse\"}"), 403, null);
        problem(Api.get("api/v1/use-cases/no-such-use-case", w.alice), 404, "no-such-use-case");
        problem(Api.get("api/v1/use-cases?max=1000", w.alice), 400, "max");
        problem(Api.get("api/v1/use-cases?first=-1", w.alice), 400, "first");
        problem(Api.get("api/v1/use-cases?first=abc", w.alice), 400, "first");
        problem(Api.get(uc + "/experiments/abc", w.alice), 404, null);
        problem(Api.get(uc + "/experiments/424242", w.alice), 404, "424242");
        problem(Api.get(uc + "/experiments?scope=everything", w.alice), 400, "scope");
        problem(Api.get("api/v1/models?category=POETRY", w.alice), 400, "category");
        problem(Api.post(uc + "/experiments", w.alice, "{\"title\":\"\",\"model\":\"cnn\",\"epochs\":0,\"learningRate\":-1}"), 400, "title");
        JsonObject many = problem(Api.post(uc + "/experiments", w.alice, "{\"title\":\"t\",\"model\":\"cnn\",\"epochs\":0,\"learningRate\":-1,\"optimizer\":\"rmsprop\"}"), 400, null);
        List<String> fields = many.getJsonArray("errors").stream().map(e -> e.asJsonObject().getString("field")).toList();
        assertTrue(fields.containsAll(List.of("model", "epochs", "learningRate", "optimizer")), "every wrong setting at once: " + many);
        problem(Api.post(uc + "/experiments", w.alice, "{\"title\":\"t\",\"model\":\"mlp\",\"hyperparameters\":{\"hidden\":\"lots\"}}"), 400, "hidden");
        // a misspelled or unknown training setting is refused, naming it and the known ones, before anything trains
        JsonObject unknown = problem(Api.post(uc + "/experiments", w.alice, "{\"title\":\"t\",\"model\":\"mlp\",\"earlyStopping\":true}"),
                400, "earlyStopping");
        assertTrue(unknown.toString().contains("patience") && unknown.toString().contains("monitor"), unknown.toString());
        problem(Api.post(uc + "/experiments", w.alice, "{\"title\":\"t\",\"model\":\"mlp\",\"monitor\":\"accuracy\",\"schedule\":\"step\"}"),
                400, "monitor");
        problem(Api.post(uc + "/experiments", w.alice, "{\"title\":\"t\",\"model\":\"mlp\",\"finetuneFrom\":" + w.experimentA + "}"), 400, "finetuneFrom");
        problem(Api.post(uc + "/submissions", w.alice, "{}"), 400, "experimentId");
        long unfinished = World.created(Api.post(uc + "/experiments", w.alice, "{\"title\":\"stopped early\",\"model\":\"mlp\",\"epochs\":400,\"batchSize\":4,\"patience\":0}"))
                .getJsonNumber("id").longValue();
        Api.Answer cancel = Api.post(uc + "/experiments/" + unfinished + "/cancellation", w.alice, "{}");
        assertTrue(cancel.status() == 200 || cancel.status() == 202, cancel.body());
        JsonObject cancelled = Runs.awaitExperiment(uc, unfinished, w.alice);
        assertEquals("CANCELLED", cancelled.getString("status"), cancelled.toString());
        problem(Api.post(uc + "/submissions", w.alice, "{\"experimentId\":" + unfinished + "}"), 409, "completed");
        problem(Api.post(uc + "/invitations", w.alice, "{\"user\":\"bob\"}"), 409, "bob");
        problem(Api.post(uc + "/invitations", w.alice, "{\"email\":\"not-an-address\"}"), 400, "email");
        problem(Api.post(uc + "/invitations", w.alice, "{\"user\":\"x\",\"email\":\"x@example.org\"}"), 400, null);
        problem(Api.post(uc + "/invitations", w.carol, "{\"user\":\"hana2\"}"), 403, "lead");
        problem(Api.post("api/v1/invitations/777777/acceptance", w.alice, "{\"acceptRules\":true}"), 404, null);
        problem(Api.put(uc + "/teams/" + w.teamB, w.alice, "{\"name\":\"Stolen\"}"), 403, null);
        problem(Api.put(uc + "/teams/" + w.teamA, w.alice, "{\"name\":\"" + teamName(w, w.teamB) + "\"}"), 409, null);
    }

    @Test
    void aStaleVersionIsAConflictAndChangesNothing() {
        World w = World.get();
        JsonObject before = World.ok(Api.get(w.useCase(), w.host));
        long version = before.getJsonNumber("version").longValue();
        problem(Api.put(w.useCase(), w.host, "{\"title\":\"Overwritten\",\"version\":" + (version - 1) + "}"), 409, null);
        problem(Api.put(w.useCase(), w.host, "{\"submissionsPerDay\":0,\"teamSizeLimit\":1000,\"version\":" + version + "}"), 400, "submissionsPerDay");
        JsonObject after = World.ok(Api.get(w.useCase(), w.host));
        assertEquals(before.getString("title"), after.getString("title"));
        assertEquals(before.getInt("submissionsPerDay"), after.getInt("submissionsPerDay"));
        assertEquals(version, after.getJsonNumber("version").longValue());
    }

    @Test
    void aFailedImportReportsLineAndColumnAndKeepsTheDatasetThatWasThere() {
        String host = Api.authorization("hana");
        String slug = "import-" + Long.toHexString(System.nanoTime());
        World.created(Api.post("api/v1/use-cases", host, "{\"slug\":\"" + slug + "\",\"title\":\"Imports\",\"category\":\"TABULAR_CLASSIFICATION\",\"primaryMetric\":\"accuracy\"}"));
        long good = World.created(Api.send("POST", "api/v1/uploads?name=good.csv", host, "text/csv", World.csv().getBytes(StandardCharsets.UTF_8))).getJsonNumber("id").longValue();
        JsonObject first = World.ok(Api.put("api/v1/use-cases/" + slug + "/dataset", host, "{\"format\":\"CSV\",\"targetColumn\":\"kind\",\"files\":{\"table\":" + good + "}}"));
        String broken = World.csv().replaceFirst("\n([-0-9.]+),", "\nseven,");
        long bad = World.created(Api.send("POST", "api/v1/uploads?name=bad.csv", host, "text/csv", broken.getBytes(StandardCharsets.UTF_8))).getJsonNumber("id").longValue();
        JsonObject report = problem(Api.put("api/v1/use-cases/" + slug + "/dataset", host, "{\"format\":\"CSV\",\"targetColumn\":\"kind\",\"files\":{\"table\":" + bad + "}}"), 400, null);
        assertTrue(report.toString().contains("line 2") && report.toString().contains("seven"), "line and value named: " + report);
        problem(Api.put("api/v1/use-cases/" + slug + "/dataset", host, "{\"format\":\"CSV\",\"targetColumn\":\"nope\",\"files\":{\"table\":" + bad + "}}"), 400, "nope");
        problem(Api.put("api/v1/use-cases/" + slug + "/dataset", host, "{\"format\":\"IDX\",\"files\":{\"table\":" + bad + "}}"), 400, null);
        problem(Api.put("api/v1/use-cases/" + slug + "/dataset", host, "{\"format\":\"CSV\",\"targetColumn\":\"kind\",\"files\":{\"table\":" + good + "}}"), 400, "upload");
        JsonObject after = World.ok(Api.get("api/v1/use-cases/" + slug + "/dataset", host));
        assertEquals(first.getJsonArray("files"), after.getJsonArray("files"), "the dataset and its checksums are unchanged");
        assertEquals(first.getString("importedAt"), after.getString("importedAt"));
        Api.Answer train = Api.download("api/v1/use-cases/" + slug + "/dataset/files/train.csv", host);
        assertEquals(200, train.status());
        assertTrue(train.body().startsWith("x1,x2,x3,kind"), train.body());
    }

    @Test
    void theDataStoryClassNamesAndColumnMeaningsAreCheckedAgainstTheDataAndShown() {
        String host = Api.authorization("hana");
        String slug = "story-" + Long.toHexString(System.nanoTime());
        World.created(Api.post("api/v1/use-cases", host, "{\"slug\":\"" + slug + "\",\"title\":\"Stories\",\"category\":\"TABULAR_CLASSIFICATION\","
                + "\"primaryMetric\":\"accuracy\",\"dataSource\":\"Made up for the **tests**.\",\"labelling\":\"By the test's author.\"}"));
        long upload = World.created(Api.send("POST", "api/v1/uploads?name=kinds.csv", host, "text/csv", World.csv().getBytes(StandardCharsets.UTF_8)))
                .getJsonNumber("id").longValue();
        String put = "api/v1/use-cases/" + slug + "/dataset";
        JsonObject refused = problem(Api.put(put, host, "{\"format\":\"CSV\",\"targetColumn\":\"kind\",\"files\":{\"table\":" + upload + "},"
                + "\"labelNames\":{\"a\":\"Apple\",\"z\":\"Zebra\"},\"columnDescriptions\":{\"x9\":\"nothing\"}}"), 400, "'z'");
        assertTrue(refused.toString().contains("'a', 'b', 'c'") && refused.toString().contains("'x9'") && refused.toString().contains("'x1', 'x2', 'x3'"),
                "a class or column the data lacks is refused with those it has: " + refused);
        JsonObject imported = World.ok(Api.put(put, host, "{\"format\":\"CSV\",\"targetColumn\":\"kind\",\"files\":{\"table\":" + upload + "},"
                + "\"labelNames\":{\"a\":\"Apple\",\"c\":\"Cherry\"},\"columnDescriptions\":{\"x1\":\"width in cm\"}}"));
        assertEquals("{\"a\":\"Apple\",\"c\":\"Cherry\"}", imported.getJsonObject("labelNames").toString());
        assertEquals("width in cm", imported.getJsonObject("columnDescriptions").getString("x1"));
        JsonObject useCase = World.ok(Api.get("api/v1/use-cases/" + slug, host));
        assertEquals("Made up for the **tests**.", useCase.getString("dataSource"));
        assertEquals("By the test's author.", useCase.getString("labelling"));
        assertTrue(!useCase.containsKey("dataContext") || useCase.isNull("dataContext"), useCase.toString());
    }

    @Test
    void anOversizeUploadIsRefusedWith413AndNotKept() {
        byte[] big = new byte[1_048_576 + 10];
        problem(Api.send("POST", "api/v1/uploads?name=big.bin", Api.authorization("hana"), "application/octet-stream", big), 413, null);
    }

    /** What a probe of 6,800 malformed requests found (issue "Hardening"): each answers 4xx naming what to fix. */
    @Test
    void faultsAProbeFoundAreRefusedWithAClearMessage() {
        World w = World.get();
        String uc = w.useCase();
        // optimistic locking cannot be bypassed by leaving the version out
        long version = World.ok(Api.get(uc, w.host)).getJsonNumber("version").longValue();
        problem(Api.put(uc, w.host, "{\"goal\":\"overwritten\"}"), 400, "version");
        assertEquals(version, World.ok(Api.get(uc, w.host)).getJsonNumber("version").longValue(), "nothing changed");
        // classes squared overflowed an int: a 500 for any signed-in user
        for (String classes : List.of("46341", "2147483647", "-5")) {
            problem(Api.post("api/v1/metrics/accuracy/evaluations", w.alice, "{\"truth\":[0,1],\"predicted\":[1,1],\"classes\":" + classes + "}"),
                    400, "classes");
        }
        // a NUL in an upload's name
        problem(Api.send("POST", "api/v1/uploads?name=a%00b.csv", w.host, "text/csv", "x,y\n1,2\n".getBytes(StandardCharsets.UTF_8)),
                400, "control character");
        // a host must be named by a sign-in name, not markup
        problem(Api.post(uc + "/hosts", w.host, "{\"user\":\"<script>alert(1)</script>\"}"), 400, "sign-in name");
        problem(Api.post(uc + "/invitations", w.host, "{\"user\":\"two words\"}"), 400, "sign-in name");
        // loose parsing: unknown fields, coerced numbers, control characters, nesting, encodings, repeated keys
        problem(Api.post("api/v1/device-checks", w.alice, "{\"sise\": 64}"), 400, "the fields are size, seed");
        problem(Api.post("api/v1/device-checks", w.alice, "{\"seed\": 9223372036854775808}"), 400, "seed");
        problem(Api.post("api/v1/device-checks", w.alice, "{\"size\": 1.5}"), 400, "whole number");
        problem(Api.post("api/v1/device-checks", w.alice, "{\"size\": \"12\"}"), 400, "whole number");
        problem(Api.post("api/v1/device-checks", w.alice, "{\"size\": 1e308}"), 400, "size");
        problem(Api.post("api/v1/device-checks", w.alice, "[1, 2]"), 400, "JSON object");
        problem(Api.post("api/v1/device-checks", w.alice, "{\"size\": 64, \"size\": 65}"), 400, "more than once");
        problem(Api.post("api/v1/device-checks", w.alice, "{\"seed\":" + "[".repeat(20_000) + "]".repeat(20_000) + "}"), 400, "nested");
        problem(Api.send("POST", "api/v1/device-checks", w.alice, "application/json", new byte[]{'{', '"', (byte) 0xC3, '"', ':', '1', '}'}),
                400, "UTF-8");
        problem(Api.put(uc, w.host, "{\"goal\":\"a\\u0000b\",\"version\":" + version + "}"), 400, "control character");
        problem(Api.post("api/v1/metrics/accuracy/evaluations", w.alice, "{\"truth\":[0,1],\"predicted\":[1,1],\"resamples\":1e308}"),
                400, "resamples");
        JsonObject typeNames = problem(Api.post("api/v1/metrics/accuracy/evaluations", w.alice, "{\"truth\":\"[0,1]\"}"), 400, "truth");
        assertFalse(typeNames.toString().contains("class ") || typeNames.toString().contains("org.mlarena"), typeNames.toString());
    }

    @Test
    void invitationCodesReachOnlyTheirSender() {
        World w = World.get();
        JsonObject sent = World.created(Api.post(w.useCase() + "/invitations", w.host, "{\"email\":\"someone@example.org\"}"));
        assertNotNull(sent.getString("code", null), "the sender gets the code to pass on: " + sent);
        String listed = Api.get(w.useCase() + "/invitations", w.host).body();
        assertFalse(listed.contains(sent.getString("code")), "the use case's list never shows codes: " + listed);
        problem(Api.post("api/v1/invitations/" + sent.getJsonNumber("id") + "/acceptance", w.carol, "{\"acceptRules\":true,\"code\":\"wrong\"}"), 404, null);
        JsonObject declined = World.ok(Api.post("api/v1/invitations/" + sent.getJsonNumber("id") + "/declination", w.carol,
                "{\"code\":\"" + sent.getString("code") + "\"}"));
        assertEquals("DECLINED", declined.getString("status"));
        problem(Api.delete(w.useCase() + "/invitations/" + sent.getJsonNumber("id"), w.host), 409, null);

        JsonObject another = World.created(Api.post(w.useCase() + "/invitations", w.host, "{\"email\":\"other@example.org\"}"));
        JsonObject revoked = World.ok(Api.delete(w.useCase() + "/invitations/" + another.getJsonNumber("id"), w.host));
        assertEquals("REVOKED", revoked.getString("status"));
        problem(Api.post("api/v1/invitations/" + another.getJsonNumber("id") + "/acceptance", w.carol,
                "{\"acceptRules\":true,\"code\":\"" + another.getString("code") + "\"}"), 409, null);
        String mine = Api.get("api/v1/invitations", w.carol).body();
        assertTrue(mine.contains("\"items\""), mine);
        JsonObject carols = World.ok(Api.get("api/v1/invitations", w.carol));
        assertFalse(carols.getJsonArray("items").isEmpty(), "carol was invited by name: " + carols);
        carols.getJsonArray("items").forEach(i -> assertTrue(!i.asJsonObject().containsKey("code") || i.asJsonObject().isNull("code"),
                "an invitee's list shows no codes: " + i));
    }

    @Test
    void standingShowsQuotaAndBudgetAndTheLeaderboardListsUnrankedTeams() {
        World w = World.get();
        JsonObject standing = World.ok(Api.get(w.useCase() + "/participation", w.alice));
        assertEquals("LEAD", standing.getString("role"));
        assertEquals(3, standing.getJsonObject("submissions").getInt("limit"));
        JsonObject quota = standing.getJsonObject("submissions");
        assertEquals(quota.getInt("limit") - quota.getInt("used"), quota.getInt("left"), quota.toString());
        assertEquals(10e15, standing.getJsonObject("budget").getJsonNumber("budgetFlops").doubleValue(), 1);
        JsonObject listing = World.ok(Api.get(w.useCase() + "/submissions", w.alice));
        assertEquals(quota.getInt("limit"), listing.getJsonObject("quota").getInt("limit"), listing.toString());

        JsonObject board = World.ok(Api.get(w.useCase() + "/leaderboard", w.bob));
        assertEquals("public", board.getString("split"));
        assertEquals("HIGHER_IS_BETTER", board.getString("direction"));
        assertEquals(w.teamB, board.getJsonNumber("myTeamId").longValue());
        assertTrue(board.getString("relDefinition").contains("lowest training FLOPs"), board.toString());
        List<JsonObject> lines = board.getJsonArray("lines").stream().map(JsonValue::asJsonObject).toList();
        assertEquals(2, lines.size(), board.toString());
        JsonObject teamB = lines.stream().filter(l -> l.getJsonNumber("teamId").longValue() == w.teamB).findFirst().orElseThrow();
        assertTrue(!teamB.containsKey("rank") && !teamB.containsKey("score"), "team B has not submitted: it is listed, not ranked: " + board);
        assertEquals(lines.get(lines.size() - 1), teamB, "unranked teams come last");
        assertTrue(lines.stream().anyMatch(l -> l.getBoolean("myTeam") && l.getJsonNumber("teamId").longValue() == w.teamB));
        lines.stream().filter(l -> !l.getBoolean("myTeam")).forEach(l -> assertFalse(l.containsKey("experiment") || l.containsKey("experimentId"),
                "another team's experiments are its own, as they are under /experiments: " + l));
        Api.Answer csv = Api.download(w.useCase() + "/leaderboard/csv", w.bob);
        assertEquals(200, csv.status(), csv.body());
        assertTrue(csv.body().startsWith("rank,team,score"), csv.body());
        assertEquals(3, csv.body().split("\n").length, csv.body());
    }

    @Test
    void theOpenApiDocumentListsEveryResourceAndTheApiPageLoads() {
        Api.Answer document = Api.getAbsolute(TestEnvironment.SERVER_URL + "openapi?format=JSON");
        assertEquals(200, document.status());
        for (String path : List.of("/use-cases", "/use-cases/{slug}/participation", "/use-cases/{slug}/teams/{id}/ledger",
                "/use-cases/{slug}/invitations", "/invitations/{id}/acceptance", "/uploads", "/use-cases/{slug}/dataset",
                "/use-cases/{slug}/dataset/files/{name}", "/use-cases/{slug}/experiments/{id}/curves", "/use-cases/{slug}/submissions",
                "/use-cases/{slug}/leaderboard", "/models", "/metrics")) {
            assertTrue(document.body().contains("/arena/api/v1" + path + "\""), "the OpenAPI document lacks " + path);
        }
        Api.Answer methodology = Api.download("api/v1/methodology", Api.authorization("bob"));
        assertEquals(200, methodology.status(), methodology.body());
        assertTrue(methodology.body().contains("475") && methodology.body().contains("Rel %"), methodology.body());
        Api.Answer page = Api.getAbsolute(TestEnvironment.SERVER_URL + "arena/api.html");
        assertEquals(200, page.status());
        assertTrue(page.body().contains("swagger-ui"), page.body());
        Api.Answer bundle = Api.getAbsolute(TestEnvironment.SERVER_URL + "arena/webjars/swagger-ui/5.34.1/swagger-ui-bundle.js");
        assertEquals(200, bundle.status());
    }

    private static String teamName(World w, long team) {
        return World.ok(Api.get(w.useCase() + "/teams/" + team, w.host)).getString("name");
    }

    /** Asserts a problem+json answer with the status, whose detail or errors mention the word (when given). */
    static JsonObject problem(Api.Answer answer, int status, String mentions) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.contentType().startsWith("application/problem+json"), answer.contentType() + ": " + answer.body());
        JsonObject problem = answer.json();
        assertFalse(problem.getString("detail", "").isBlank(), "a problem says what is wrong: " + problem);
        assertFalse(answer.body().contains("Exception") || answer.body().contains("\tat "), "no stack trace: " + answer.body());
        if (mentions != null) {
            assertTrue(problem.toString().contains(mentions), "the problem mentions '" + mentions + "': " + problem);
        }
        return problem;
    }
}
