package org.mlarena.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.json.JsonObject;

/**
 * A private tabular use case built through the REST API, once per test JVM: hosted by hana, with a dataset of 90 rows,
 * team A (alice leads, carol joined by invitation) and team B (bob, invited by e-mail); team A has trained a small
 * experiment.
 */
public final class World {

    public final String slug;
    public final String host = Api.authorization("hana");
    public final String alice = Api.authorization("alice");
    public final String bob = Api.authorization("bob");
    public final String carol = Api.authorization("carol");
    public final long teamA;
    public final long teamB;
    public final long experimentA;

    private static World world;

    private World() {
        slug = "it-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        createUseCase(host, slug, "Integration test " + slug, "\"visibility\":\"PRIVATE\",\"category\":\"TABULAR_CLASSIFICATION\","
                + "\"primaryMetric\":\"accuracy\",\"goal\":\"Tell the kind\",\"rules\":\"Play fair\",\"submissionsPerDay\":3");
        JsonObject upload = created(Api.send("POST", "api/v1/uploads?name=kinds.csv", host, "text/csv", csv().getBytes(StandardCharsets.UTF_8)));
        Api.Answer imported = Api.put("api/v1/use-cases/" + slug + "/dataset", host, "{\"format\":\"CSV\",\"targetColumn\":\"kind\","
                + "\"files\":{\"table\":" + upload.getJsonNumber("id") + "},\"validationFraction\":0.2,\"testFraction\":0.3,\"seed\":5}");
        assertEquals(200, imported.status(), imported.body());
        Runs.await("api/v1/use-cases/" + slug + "/dataset", host, java.util.Set.of(), java.time.Duration.ZERO,
                d -> !"PENDING".equals(d.getString("profileStatus", "PENDING")));
        activate(host, useCase());

        long toAlice = created(Api.post("api/v1/use-cases/" + slug + "/invitations", host, "{\"user\":\"alice\"}")).getJsonNumber("id").longValue();
        teamA = ok(Api.post("api/v1/invitations/" + toAlice + "/acceptance", alice, "{\"acceptRules\":true}")).getJsonObject("team").getJsonNumber("id").longValue();
        JsonObject toBob = created(Api.post("api/v1/use-cases/" + slug + "/invitations", host, "{\"email\":\"bob@example.org\"}"));
        teamB = ok(Api.post("api/v1/invitations/" + toBob.getJsonNumber("id") + "/acceptance", bob,
                "{\"acceptRules\":true,\"code\":\"" + toBob.getString("code") + "\"}")).getJsonObject("team").getJsonNumber("id").longValue();
        long toCarol = created(Api.post("api/v1/use-cases/" + slug + "/invitations", alice, "{\"user\":\"carol\"}")).getJsonNumber("id").longValue();
        ok(Api.post("api/v1/invitations/" + toCarol + "/acceptance", carol, "{\"acceptRules\":true}"));
        experimentA = created(Api.post("api/v1/use-cases/" + slug + "/experiments", alice,
                "{\"title\":\"first try\",\"model\":\"softmax-regression\",\"epochs\":2,\"batchSize\":16,\"seed\":3}")).getJsonNumber("id").longValue();
        JsonObject trained = Runs.awaitExperiment(useCase(), experimentA, alice);
        assertEquals("COMPLETED", trained.getString("status"), trained.toString());
    }

    public static synchronized World get() {
        if (world == null) {
            world = new World();
        }
        return world;
    }

    /** Creates a use case as the host; the JSON members after slug and title (category, metric, limits...). */
    public static String createUseCase(String host, String slug, String title, String members) {
        created(Api.post("api/v1/use-cases", host, "{\"slug\":\"" + slug + "\",\"title\":\"" + title + "\"," + members + "}"));
        return "api/v1/use-cases/" + slug;
    }

    /** Uploads a file of the Fashion-MNIST subset shipped with the numerics (e.g. train-images-idx3-ubyte.gz); its upload id. */
    public static long uploadFashion(String host, String file) {
        try {
            byte[] bytes = java.nio.file.Files.readAllBytes(java.nio.file.Path.of("../batch/src/main/resources/fashion-mnist-subset").resolve(file));
            return created(Api.send("POST", "api/v1/uploads?name=" + file, host, "application/octet-stream", bytes)).getJsonNumber("id").longValue();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Opens a use case whose dataset is imported. */
    public static void activate(String host, String useCase) {
        long version = ok(Api.get(useCase, host)).getJsonNumber("version").longValue();
        ok(Api.put(useCase, host, "{\"status\":\"ACTIVE\",\"version\":" + version + "}"));
    }

    public String useCase() {
        return "api/v1/use-cases/" + slug;
    }

    /** 90 rows, three numeric features, a kind a/b/c that depends on them. */
    public static String csv() {
        Random random = new Random(11);
        StringBuilder csv = new StringBuilder("x1,x2,x3,kind\n");
        for (int i = 0; i < 90; i++) {
            int kind = i % 3;
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%s%n", kind + random.nextGaussian() * 0.3, random.nextGaussian(),
                    -kind + random.nextGaussian() * 0.3, "abc".charAt(kind)));
        }
        return csv.toString();
    }

    public static JsonObject created(Api.Answer answer) {
        assertEquals(201, answer.status(), answer.body());
        return answer.json();
    }

    public static JsonObject ok(Api.Answer answer) {
        assertEquals(200, answer.status(), answer.body());
        return answer.json();
    }
}
