package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.TestEnvironment;
import org.mlarena.it.support.World;

/**
 * Every operation of the OpenAPI document (so a new operation is covered without editing this test), as anonymous, a
 * participant and a host, on a use case that has a dataset and a trained experiment, with malformed paths, queries,
 * headers and bodies. It fails on any 5xx, on any answer that names a Java class or exception, and on any 2xx for an
 * input that is invalid by construction (a body of the wrong shape, an id that names nothing). Seeded: the same
 * requests every run; bounded: a few thousand requests.
 */
@ExtendWith(ArquillianExtension.class)
class FuzzIT {

    private static final long SEED = 20261204L;
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}]+)}");
    private static final Pattern JAVA_NAMES = Pattern.compile("Exception|org\\.mlarena|java\\.|jakarta\\.|class \\[|\\tat |RESTEASY");

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    record Operation(String method, String path, List<String> queries, Map<String, String> bodyFields, boolean jsonBody) {
    }

    @Test
    void malformedRequestsToEveryOperationAnswer4xxWithPlainWords() {
        World w = World.get();
        Random random = new Random(SEED);
        List<Operation> operations = operations();
        assertTrue(operations.size() >= 40, "the OpenAPI document lists the operations: " + operations.size());
        Map<String, String> roles = new LinkedHashMap<>();
        roles.put("anonymous", null);
        roles.put("participant", w.alice);
        roles.put("host", w.host);
        List<String> faults = new ArrayList<>();
        int requests = 0;
        for (Operation op : operations) {
            for (Map.Entry<String, String> role : roles.entrySet()) {
                // path parameters that name nothing: never a 2xx, whatever the method
                for (String wrong : List.of("no-such-thing-" + random.nextInt(1_000_000), "-1", "99999999999999999999", "%00",
                        "..%2F..%2Fetc", "x".repeat(300), "1e308", "%E2%80%AE")) {
                    if (!op.path().contains("{")) {
                        break;
                    }
                    String path = fill(op.path(), w, wrong);
                    faults.addAll(check(op, role.getKey(), path, Api.send(op.method(), path, role.getValue(),
                            op.jsonBody() ? "application/json" : null, op.jsonBody() ? "{}".getBytes(StandardCharsets.UTF_8) : null), true));
                    requests++;
                }
                String path = fill(op.path(), w, null);
                // queries: only on reads, so that nothing valid is changed; page parameters must be whole numbers
                if (op.method().equals("GET")) {
                    for (String query : op.queries()) {
                        for (String value : List.of("abc", "-1", "1e308", "%00", "NaN", "99999999999999999999", "x".repeat(2000))) {
                            boolean invalid = query.equals("first") || query.equals("max");
                            faults.addAll(check(op, role.getKey(), path + "?" + query + "=" + value,
                                    Api.send("GET", path + "?" + query + "=" + value, role.getValue(), null, null), invalid));
                            requests++;
                        }
                    }
                }
                // bodies: every one below is invalid for any JSON operation
                if (op.jsonBody()) {
                    for (byte[] body : bodies(op, random)) {
                        faults.addAll(check(op, role.getKey(), path + " with " + preview(body),
                                Api.send(op.method(), path, role.getValue(), "application/json", body), true));
                        requests++;
                    }
                    faults.addAll(check(op, role.getKey(), path + " as text/plain",
                            Api.send(op.method(), path, role.getValue(), "text/plain", "{}".getBytes(StandardCharsets.UTF_8)), false));
                    requests++;
                }
            }
        }
        System.out.printf("FuzzIT: %d malformed requests over %d operations and 3 roles%n", requests, operations.size());
        assertTrue(faults.isEmpty(), faults.size() + " of " + requests + " answers were wrong:\n" + String.join("\n",
                faults.subList(0, Math.min(40, faults.size()))));
    }

    /**
     * The authorisation matrix, over every operation of the document with a request that is valid in shape: anonymous gets
     * nothing but the status; an outsider nothing of a private use case; a member of team B nothing of team A's
     * experiments and ledger; a participant nothing that only hosts may do. Any 2xx among these fails (state may not change).
     */
    @Test
    void noRoleGetsA2xxForWhatIsNotItsOwn() {
        World w = World.get();
        String uc = "use-cases/{slug}";
        long version = World.ok(Api.get(w.useCase(), w.host)).getJsonNumber("version").longValue();
        Map<String, String> validBodies = Map.ofEntries(
                Map.entry("PUT " + uc, "{\"goal\":\"changed by the wrong person\",\"version\":" + version + "}"),
                Map.entry("POST " + uc + "/hosts", "{\"user\":\"dave\"}"),
                Map.entry("POST " + uc + "/invitations", "{\"user\":\"dave\"}"),
                Map.entry("POST " + uc + "/participation", "{\"acceptRules\":true}"),
                Map.entry("POST " + uc + "/experiments", "{\"title\":\"t\",\"model\":\"softmax-regression\",\"epochs\":1}"),
                Map.entry("PATCH " + uc + "/experiments/{id}", "{\"title\":\"renamed by the wrong person\"}"),
                Map.entry("POST " + uc + "/submissions", "{\"experimentId\":" + w.experimentA + "}"),
                Map.entry("PUT " + uc + "/teams/{id}", "{\"name\":\"renamed by the wrong person\"}"),
                Map.entry("POST use-cases", "{\"title\":\"Not a host's\",\"category\":\"TABULAR_REGRESSION\",\"primaryMetric\":\"rmse\"}"));
        List<String> hostOnly = List.of("PUT " + uc, "POST " + uc + "/hosts", "DELETE " + uc + "/hosts/{user}", "PUT " + uc + "/dataset",
                "DELETE " + uc + "/invitations/{id}", "POST use-cases", "POST uploads",
                "GET " + uc + "/leaderboard/provenance", "GET " + uc + "/leaderboard/provenance/csv", "GET " + uc + "/submissions/{id}/predictions");
        List<String> teamAOwn = List.of(uc + "/experiments/{id}", uc + "/teams/{id}/ledger", uc + "/teams/{id}");
        List<String> faults = new ArrayList<>();
        int requests = 0;
        for (Operation op : operations()) {
            String key = op.method() + " " + op.path().replaceFirst("^api/v1/", "");
            String body = validBodies.getOrDefault(key, op.jsonBody() ? "{}" : null);
            String path = fill(op.path(), w, null);
            byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
            String type = body == null ? null : "application/json";
            List<Map.Entry<String, String>> refused = new ArrayList<>();
            if (!key.equals("GET status")) {
                refused.add(Map.entry("anonymous", ""));
            }
            if (op.path().contains("{slug}")) {
                refused.add(Map.entry("dave (outsider)", Api.authorization("dave")));
            }
            String template = key.substring(key.indexOf(' ') + 1);
            if (teamAOwn.stream().anyMatch(template::startsWith) && !key.equals("GET " + uc + "/teams/{id}")) {
                refused.add(Map.entry("bob (team B)", w.bob));
            }
            if (hostOnly.contains(key)) {
                refused.add(Map.entry("alice (participant)", w.alice));
            }
            for (Map.Entry<String, String> role : refused) {
                Api.Answer answer = Api.send(op.method(), path, role.getValue().isEmpty() ? null : role.getValue(), type, bytes);
                requests++;
                if (answer.status() < 300 || answer.status() >= 500) {
                    faults.add(key + " as " + role.getKey() + ": " + answer.status() + " " + preview(answer.body().getBytes(StandardCharsets.UTF_8)));
                }
            }
        }
        System.out.printf("FuzzIT: %d requests that must be refused%n", requests);
        assertTrue(requests > 60, "the matrix asked " + requests);
        assertTrue(faults.isEmpty(), faults.size() + " of " + requests + " refusals were not refusals:\n" + String.join("\n", faults));
    }

    /** The operations of the API, from its OpenAPI document. */
    private static List<Operation> operations() {
        JsonObject document = World.ok(Api.getAbsolute(TestEnvironment.SERVER_URL + "openapi?format=JSON"));
        JsonObject schemas = document.getJsonObject("components") == null ? JsonValue.EMPTY_JSON_OBJECT
                : document.getJsonObject("components").getJsonObject("schemas");
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<String, JsonValue> path : document.getJsonObject("paths").entrySet()) {
            for (Map.Entry<String, JsonValue> method : path.getValue().asJsonObject().entrySet()) {
                if (!List.of("get", "put", "post", "delete", "patch").contains(method.getKey())) {
                    continue;
                }
                JsonObject op = method.getValue().asJsonObject();
                List<String> queries = new ArrayList<>();
                if (op.containsKey("parameters")) {
                    op.getJsonArray("parameters").forEach(p -> {
                        if ("query".equals(p.asJsonObject().getString("in", ""))) {
                            queries.add(p.asJsonObject().getString("name"));
                        }
                    });
                }
                Map<String, String> fields = new LinkedHashMap<>();
                boolean json = false;
                JsonObject content = op.containsKey("requestBody") ? op.getJsonObject("requestBody").getJsonObject("content") : null;
                if (content != null && content.containsKey("application/json")) {
                    json = true;
                    JsonObject schema = content.getJsonObject("application/json").getJsonObject("schema");
                    if (schema != null && schema.containsKey("$ref")) {
                        String name = schema.getString("$ref").substring(schema.getString("$ref").lastIndexOf('/') + 1);
                        schema = schemas.getJsonObject(name);
                    }
                    if (schema != null && schema.containsKey("properties")) {
                        schema.getJsonObject("properties").forEach((field, spec) -> fields.put(field, spec.asJsonObject().getString("type", "object")));
                    }
                }
                operations.add(new Operation(method.getKey().toUpperCase(), path.getKey().replaceFirst("^/arena/", ""), queries, fields, json));
            }
        }
        return operations;
    }

    /** The path with real ids (so that writes get past the 404s), or with {@code wrong} in its last parameter. */
    private static String fill(String template, World w, String wrong) {
        Matcher m = PARAMETER.matcher(template);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[]{m.start(), m.end()});
        }
        StringBuilder path = new StringBuilder(template);
        for (int i = spans.size() - 1; i >= 0; i--) {
            String name = template.substring(spans.get(i)[0] + 1, spans.get(i)[1] - 1);
            String before = template.substring(0, spans.get(i)[0]);
            String value = wrong != null && i == spans.size() - 1 ? wrong : switch (name) {
                case "slug" -> w.slug;
                case "user" -> "nobody-here";
                case "name" -> "train.csv";
                default -> before.endsWith("teams/") ? Long.toString(w.teamA) : Long.toString(w.experimentA);
            };
            path.replace(spans.get(i)[0], spans.get(i)[1], value);
        }
        return path.toString();
    }

    /** Bodies that no JSON operation may accept: not JSON, the wrong shape, wrong types, unknown fields, nesting. */
    private static List<byte[]> bodies(Operation op, Random random) {
        List<String> texts = new ArrayList<>(List.of("not json", "[]", "\"text\"", "42", "{\"unknownField" + random.nextInt(1000) + "\": 1}",
                "{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}", "{\"a\": 1, \"a\": 2}"));
        for (Map.Entry<String, String> field : op.bodyFields().entrySet()) {
            String wrongValue = switch (field.getValue()) {
                case "string" -> random.nextBoolean() ? "123" : "[\"x\"]";
                case "integer" -> List.of("\"12\"", "1.5", "9223372036854775808", "1e308", "true").get(random.nextInt(5));
                case "number" -> List.of("\"0.5\"", "1e400", "[1]", "false").get(random.nextInt(4));
                case "boolean" -> List.of("\"true\"", "1", "null").get(random.nextInt(3)).replace("null", "\"yes\"");
                case "array" -> "{\"not\": \"an array\"}";
                default -> "\"not an object\"";
            };
            texts.add("{\"" + field.getKey() + "\": " + wrongValue + "}");
            if (field.getValue().equals("string")) {
                texts.add("{\"" + field.getKey() + "\": \"nul\\u0000in the middle\"}");
            }
        }
        List<byte[]> bodies = new ArrayList<>();
        texts.forEach(t -> bodies.add(t.getBytes(StandardCharsets.UTF_8)));
        bodies.add(new byte[]{'{', '"', 'a', '"', ':', '"', (byte) 0xFF, (byte) 0xFE, '"', '}'});
        return bodies;
    }

    private static List<String> check(Operation op, String role, String what, Api.Answer answer, boolean invalid) {
        List<String> faults = new ArrayList<>();
        String where = op.method() + " " + what + " as " + role + ": " + answer.status() + " ";
        String body = answer.body() == null ? "" : answer.body();
        if (answer.status() >= 500) {
            faults.add(where + preview(body.getBytes(StandardCharsets.UTF_8)));
        } else if (JAVA_NAMES.matcher(body).find() && answer.status() >= 400) {
            faults.add(where + "names Java internals: " + preview(body.getBytes(StandardCharsets.UTF_8)));
        } else if (invalid && answer.status() < 300) {
            faults.add(where + "accepted an invalid input: " + preview(body.getBytes(StandardCharsets.UTF_8)));
        }
        return faults;
    }

    private static String preview(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).replaceAll("\\p{Cntrl}", "?");
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }
}
