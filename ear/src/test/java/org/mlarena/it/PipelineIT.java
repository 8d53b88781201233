package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.Runs;
import org.mlarena.it.support.TestEnvironment;
import org.mlarena.it.support.World;
import org.mlarena.numerics.nn.JavaBackend;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.Optimizer;
import org.mlarena.numerics.nn.Shape;

/**
 * The whole pipeline through the REST API: a host creates an image use case on the Fashion-MNIST subset, a team
 * trains an MLP, submits it, it is scored on the hidden test set and the leaderboard shows the team with its score,
 * size, FLOPs (equal to the engine's analytic count), energy and gCO2e; then the daily limit, a failed submission that
 * does not count, and a budget that stops training.
 */
@ExtendWith(ArquillianExtension.class)
class PipelineIT {


    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aTeamTrainsSubmitsAndAppearsOnTheLeaderboardWithExactFlops() throws IOException {
        String host = Api.authorization("hana");
        String alice = Api.authorization("alice");
        String slug = "fashion-" + Long.toHexString(System.nanoTime());
        String uc = World.createUseCase(host, slug, "Fashion pipeline",
                "\"visibility\":\"PUBLIC\",\"category\":\"IMAGE_CLASSIFICATION\",\"primaryMetric\":\"accuracy\",\"submissionsPerDay\":2");
        long images = World.uploadFashion(host, "train-images-idx3-ubyte.gz");
        long labels = World.uploadFashion(host, "train-labels-idx1-ubyte.gz");
        JsonObject dataset = World.ok(Api.put(uc + "/dataset", host, "{\"format\":\"IDX\",\"files\":{\"images\":" + images + ",\"labels\":" + labels
                + "},\"validationFraction\":0.1,\"testFraction\":0.25,\"seed\":3}"));
        int trainRows = dataset.getInt("trainRows");
        int validationRows = dataset.getInt("validationRows");
        int testRows = dataset.getInt("testRows");
        assertEquals(2000, trainRows + validationRows + testRows);
        World.activate(host, uc);
        World.created(Api.post(uc + "/participation", alice, "{\"acceptRules\":true,\"teamName\":\"Pixels\"}"));

        // the EDA profile: computed by its job after the import, from the training and validation splits only
        JsonObject profiled = Runs.await(uc + "/dataset", alice, java.util.Set.of(), java.time.Duration.ZERO,
                d -> !"PENDING".equals(d.getString("profileStatus", "PENDING")));
        assertEquals("READY", profiled.getString("profileStatus"), profiled.toString());
        JsonObject profile = World.ok(Api.get(uc + "/dataset/profile", alice));
        int counted = profile.getJsonArray("classes").stream().mapToInt(c -> c.asJsonObject().getInt("train") + c.asJsonObject().getInt("validation")).sum();
        assertEquals(trainRows + validationRows, counted, "class counts come from train and validation, never the hidden test labels");
        assertEquals(28, profile.getJsonObject("image").getInt("width"));
        assertTrue(profile.getJsonArray("samples").size() >= 10, "thumbnails of every class");

        JsonObject queued = World.created(Api.post(uc + "/experiments", alice,
                "{\"title\":\"mlp 64\",\"model\":\"mlp\",\"hyperparameters\":{\"hidden\":\"64\"},\"epochs\":3,\"batchSize\":50,\"seed\":5}"));
        long experimentId = queued.getJsonNumber("id").longValue();
        JsonObject trained = Runs.awaitExperiment(uc, experimentId, alice);
        assertEquals("COMPLETED", trained.getString("status"), trained.toString());
        assertEquals(3, trained.getInt("epochsDone"));
        List<JsonObject> curve = Runs.array(Api.get(uc + "/experiments/" + experimentId + "/curves", alice).body());
        assertEquals(3, curve.size(), curve.toString());
        for (JsonObject point : curve) {
            assertTrue(point.getJsonNumber("validationLoss").doubleValue() > 0, point.toString());
            assertTrue(point.containsKey("accuracy") && point.containsKey("f1") && point.containsKey("precision") && point.containsKey("recall"), point.toString());
        }
        assertTrue(curve.get(2).getJsonNumber("accuracy").doubleValue() > 0.55, "an MLP learns Fashion-MNIST: " + curve);

        long perEpochFlops;
        // FLOPs: the engine's count equals the analytic count of the model (training passes plus the validation passes)
        try (Network model = ModelZoo.build("mlp", Map.of("hidden", "64"), new Shape(1, 28, 28), 10, new JavaBackend(), 50)) {
            Optimizer adam = new Optimizer.Adam(0.001f, 0.9f, 0.999f, 1e-8f, 0f);
            long perEpoch = (trainRows / 50) * model.trainingFlops(50, adam) + (trainRows % 50 == 0 ? 0 : model.trainingFlops(trainRows % 50, adam))
                    + model.inferenceFlopsPerSample() * validationRows;
            assertEquals(3 * perEpoch, trained.getJsonNumber("trainingFlops").longValue(), "training FLOPs = 3 epochs of the analytic count");
            perEpochFlops = perEpoch;
            assertEquals(model.parameterCount(), trained.getInt("parameters"));
            assertEquals(model.inferenceFlopsPerSample(), trained.getJsonNumber("inferenceFlopsPerSample").longValue());
        }
        assertTrue(trained.getJsonNumber("energyJoules").doubleValue() > 0, trained.toString());
        assertTrue(trained.getJsonNumber("gco2e").doubleValue() > 0, trained.toString());
        assertNotNull(trained.getString("device", null), trained.toString());

        JsonObject submission = World.created(Api.post(uc + "/submissions", alice, "{\"experimentId\":" + experimentId + ",\"comment\":\"first\"}"));
        JsonObject scored = Runs.awaitSubmission(uc, submission.getJsonNumber("id").longValue(), alice);
        assertEquals("SCORED", scored.getString("status"), scored.toString());
        JsonObject publicScore = scored.getJsonObject("publicScore");
        double score = publicScore.getJsonNumber("value").doubleValue();
        assertTrue(score > 0.5 && score <= 1, scored.toString());
        assertTrue(publicScore.getJsonNumber("lower").doubleValue() <= score && score <= publicScore.getJsonNumber("upper").doubleValue(), scored.toString());
        assertFalse(scored.containsKey("privateScore"), "the private score stays hidden while the use case runs: " + scored);
        JsonObject hostsView = World.ok(Api.get(uc + "/submissions/" + scored.getJsonNumber("id"), host));
        assertEquals(testRows, publicScore.getInt("rows") + hostsView.getJsonObject("privateScore").getInt("rows"));
        assertEquals(trained.getJsonNumber("inferenceFlopsPerSample").longValue() * testRows, scored.getJsonNumber("inferenceFlops").longValue(),
                "inference FLOPs = the model's per-sample count × the test rows");

        JsonObject board = World.ok(Api.get(uc + "/leaderboard", alice));
        JsonObject line = board.getJsonArray("lines").getJsonObject(0);
        assertEquals(1, line.getInt("rank"), board.toString());
        assertEquals("Pixels", line.getString("team"));
        assertEquals(score, line.getJsonNumber("score").doubleValue(), 1e-12);
        assertEquals(trained.getInt("parameters"), line.getInt("parameters"));
        assertEquals(trained.getJsonNumber("modelBytes").longValue(), line.getJsonNumber("modelBytes").longValue());
        assertEquals(trained.getJsonNumber("trainingFlops").longValue(), line.getJsonNumber("trainingFlops").longValue());
        assertEquals(100.0, line.getJsonNumber("relativeFlopsPercent").doubleValue(), 1e-9);
        assertTrue(line.getJsonNumber("energyJoules").doubleValue() > trained.getJsonNumber("energyJoules").doubleValue(), "training + inference energy");
        assertTrue(line.getJsonNumber("gco2e").doubleValue() > 0);
        assertTrue(line.getBoolean("paretoOptimal"));
        assertEquals(1, line.getInt("submissions"));
        assertTrue(line.getJsonNumber("budgetLeftFlops").longValue() < 10e15, "training and inference are charged: " + line);

        // the daily limit (2 here); a failed submission does not count
        long secondId = World.created(Api.post(uc + "/submissions", alice, "{\"experimentId\":" + experimentId + "}")).getJsonNumber("id").longValue();
        Api.Answer third = Api.post(uc + "/submissions", alice, "{\"experimentId\":" + experimentId + "}");
        DomainApiIT.problem(third, 429, "submissions of today");
        assertNotNull(third.header("Retry-After"), "429 says when to retry");
        JsonObject listing = World.ok(Api.get(uc + "/submissions", alice));
        assertEquals(0, listing.getJsonObject("quota").getInt("left"), listing.toString());

        // finetuning: start from the trained MLP, keep its first layer frozen, train one more epoch
        JsonObject finetune = World.created(Api.post(uc + "/experiments", alice, "{\"title\":\"finetuned\",\"model\":\"mlp\","
                + "\"hyperparameters\":{\"hidden\":\"64\"},\"epochs\":1,\"batchSize\":50,\"finetuneFrom\":" + experimentId + ",\"frozenLayers\":1}"));
        JsonObject finetuned = Runs.awaitExperiment(uc, finetune.getJsonNumber("id").longValue(), alice);
        assertEquals("COMPLETED", finetuned.getString("status"), finetuned.toString());
        assertEquals(experimentId, finetuned.getJsonNumber("finetuneFrom").longValue());
        assertTrue(finetuned.getJsonObject("metrics").getJsonNumber("accuracy").doubleValue() > 0.55,
                "finetuning starts from the trained weights, not from scratch: " + finetuned);
        assertTrue(finetuned.getJsonNumber("trainingFlops").longValue() < perEpochFlops,
                "a frozen first layer is not trained: fewer FLOPs than a full epoch (" + perEpochFlops + "): " + finetuned);

        // final submissions: the hosts allow one here; the team chooses it until the final selection ends
        long firstId = scored.getJsonNumber("id").longValue();
        assertEquals("SCORED", Runs.awaitSubmission(uc, secondId, alice).getString("status"));
        World.ok(Api.put(uc, host, "{\"finalSubmissions\":1,\"version\":" + World.ok(Api.get(uc, host)).getJsonNumber("version") + "}"));
        DomainApiIT.problem(Api.put(uc + "/submissions/" + firstId + "/final-choice", host, ""), 403, "Hosts do not compete");
        assertTrue(World.ok(Api.put(uc + "/submissions/" + firstId + "/final-choice", alice, "")).getBoolean("finalChoice"));
        DomainApiIT.problem(Api.put(uc + "/submissions/" + secondId + "/final-choice", alice, ""), 409, "unchoose one first");
        JsonObject finals = World.ok(Api.get(uc + "/submissions", alice)).getJsonObject("finals");
        assertEquals(1, finals.getInt("allowed"), finals.toString());
        assertEquals(List.of(firstId), finals.getJsonArray("chosen").stream().map(v -> ((JsonNumber) v).longValue()).toList());
        // deadlines: submissions end, then the final selection; each refusal says when it ended
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        World.ok(Api.put(uc, host, "{\"opensAt\":\"" + now.minusSeconds(3600) + "\",\"closesAt\":\"" + now.minusSeconds(120) + "\",\"version\":"
                + World.ok(Api.get(uc, host)).getJsonNumber("version") + "}"));
        DomainApiIT.problem(Api.post(uc + "/submissions", alice, "{\"experimentId\":" + experimentId + "}"), 409,
                "ended at " + now.minusSeconds(120));
        // choosing goes on after submissions end, until the final selection ends
        assertFalse(World.ok(Api.delete(uc + "/submissions/" + firstId + "/final-choice", alice)).getBoolean("finalChoice"));
        assertTrue(World.ok(Api.put(uc + "/submissions/" + secondId + "/final-choice", alice, "")).getBoolean("finalChoice"));
        World.ok(Api.delete(uc + "/submissions/" + secondId + "/final-choice", alice));
        World.ok(Api.put(uc + "/submissions/" + firstId + "/final-choice", alice, ""));
        World.ok(Api.put(uc, host, "{\"selectionClosesAt\":\"" + now.minusSeconds(60) + "\",\"version\":"
                + World.ok(Api.get(uc, host)).getJsonNumber("version") + "}"));
        DomainApiIT.problem(Api.delete(uc + "/submissions/" + firstId + "/final-choice", alice), 409, "final selection");

        // the split of the test set is committed to from the start; its seed shows once the use case is closed
        JsonObject committed = World.ok(Api.get(uc + "/dataset", alice)).getJsonObject("testSplit");
        assertFalse(committed.containsKey("seed") && !committed.isNull("seed"), "the seed stays hidden while the use case runs: " + committed);
        assertTrue(committed.getString("commitment").matches("[0-9a-f]{64}"), committed.toString());

        // closing the use case ranks by the private part of the test set, the final submissions only
        long closingVersion = World.ok(Api.get(uc, host)).getJsonNumber("version").longValue();
        World.ok(Api.put(uc, host, "{\"status\":\"CLOSED\",\"version\":" + closingVersion + "}"));
        JsonObject closed = World.ok(Api.get(uc + "/leaderboard", alice));
        assertEquals("private", closed.getString("split"));
        assertTrue(closed.getString("rankingRule").contains("final submissions"), closed.toString());
        assertEquals(firstId, closed.getJsonArray("lines").getJsonObject(0).getJsonNumber("submissionId").longValue(), "the chosen one ranks");
        JsonObject revealed = World.ok(Api.get(uc + "/dataset", alice)).getJsonObject("testSplit");
        long seed = revealed.getJsonNumber("seed").longValue();
        assertEquals(committed.getString("commitment"), sha256(Long.toString(seed)), "the revealed seed is the one committed to");
        int publicRows = 0;
        for (int row = 0; row < testRows; row++) {
            publicRows += isPublic(seed, row, revealed.getJsonNumber("publicFraction").doubleValue()) ? 1 : 0;
        }
        assertEquals(publicScore.getInt("rows"), publicRows, "the rows recomputed from the seed by its published rule are those scored publicly");
        assertEquals(hostsView.getJsonObject("privateScore").getJsonNumber("value").doubleValue(),
                closed.getJsonArray("lines").getJsonObject(0).getJsonNumber("score").doubleValue(), 1e-12);
        DomainApiIT.problem(Api.post(uc + "/submissions", alice, "{\"experimentId\":" + experimentId + "}"), 409, "closed");

        // provenance: what the scored result comes from
        JsonObject provenance = World.ok(Api.get(uc + "/submissions/" + firstId, alice)).getJsonObject("provenance");
        assertTrue(provenance.getString("predictionsSha256").matches("[0-9a-f]{64}"), provenance.toString());
        assertTrue(provenance.getString("trainedWith").contains("commit"), provenance.toString());
        assertTrue(provenance.getString("datasetChecksum").matches("[0-9a-f]{64}"), provenance.toString());
        assertEquals(trained.getJsonNumber("seed").longValue(), provenance.getJsonNumber("seed").longValue());
        // reproduce: the team trains the winning model again from what was stored; on this device it is the same to the bit
        Api.Answer accepted = Api.post(uc + "/submissions/" + firstId + "/reproductions", alice, "");
        assertEquals(202, accepted.status(), accepted.body());
        JsonObject reproducing = accepted.json();
        assertEquals(firstId, reproducing.getJsonNumber("reproducesSubmission").longValue(), reproducing.toString());
        assertEquals(trained.getJsonNumber("seed").longValue(), reproducing.getJsonNumber("seed").longValue());
        DomainApiIT.problem(Api.post(uc + "/submissions/" + firstId + "/reproductions", alice, ""), 409, "already reproduces");
        JsonObject retrained = Runs.awaitExperiment(uc, reproducing.getJsonNumber("id").longValue(), alice);
        assertEquals("COMPLETED", retrained.getString("status"), retrained.toString());
        long reproductionId = Runs.await(uc + "/submissions?max=100", alice, java.util.Set.of(), java.time.Duration.ofMinutes(2),
                        l -> l.getJsonObject("page").getJsonArray("items").stream().anyMatch(i -> i.asJsonObject().containsKey("reproduction")))
                .getJsonObject("page").getJsonArray("items").stream().map(JsonValue::asJsonObject).filter(i -> i.containsKey("reproduction")).findFirst().orElseThrow()
                .getJsonNumber("id").longValue();
        JsonObject reproduced = Runs.awaitSubmission(uc, reproductionId, alice);
        assertEquals("SCORED", reproduced.getString("status"), reproduced.toString());
        JsonObject comparison = reproduced.getJsonObject("reproduction");
        assertEquals(firstId, comparison.getJsonNumber("of").longValue());
        assertTrue(comparison.getBoolean("sameDevice"), comparison.toString());
        assertTrue(comparison.getBoolean("identical"), "trained again on the same device, the predictions are the same to the bit: " + comparison);
        assertEquals(0.0, comparison.getJsonNumber("maxDifference").doubleValue(), comparison.toString());
        assertTrue(comparison.getString("verdict").startsWith("Identical to the bit"), comparison.toString());
        assertEquals(provenance.getString("predictionsSha256"), reproduced.getJsonObject("provenance").getString("predictionsSha256"));
        assertEquals(publicScore, reproduced.getJsonObject("publicScore"), "the same score and interval");
        assertEquals(hostsView.getJsonObject("privateScore").getJsonNumber("value").doubleValue(),
                reproduced.getJsonObject("privateScore").getJsonNumber("value").doubleValue(), 0.0);
        JsonObject after = World.ok(Api.get(uc + "/leaderboard", alice));
        assertEquals(firstId, after.getJsonArray("lines").getJsonObject(0).getJsonNumber("submissionId").longValue(), "a reproduction ranks nowhere");
        assertEquals(2, after.getJsonArray("lines").getJsonObject(0).getInt("submissions"), "nor counts: " + after);
        DomainApiIT.problem(Api.post(uc + "/submissions/" + reproductionId + "/reproductions", alice, ""), 409, "itself a reproduction");

        // host downloads: the predictions on the hidden set, the leaderboard with provenance
        DomainApiIT.problem(Api.download(uc + "/submissions/" + firstId + "/predictions", alice), 403, "Only the hosts");
        Api.Answer predictions = Api.download(uc + "/submissions/" + firstId + "/predictions", host);
        assertEquals(200, predictions.status(), predictions.body());
        List<String> predictionLines = predictions.body().lines().toList();
        assertEquals(testRows + 1, predictionLines.size(), "a header and one line per test row");
        assertTrue(predictionLines.get(0).startsWith("row,prediction,\"output_"), predictionLines.get(0));
        DomainApiIT.problem(Api.get(uc + "/leaderboard/provenance", alice), 403, "Only the hosts");
        JsonObject audited = World.ok(Api.get(uc + "/leaderboard/provenance", host));
        JsonObject top = audited.getJsonArray("lines").getJsonObject(0);
        assertEquals("private", audited.getString("split"));
        assertEquals(firstId, top.getJsonNumber("submissionId").longValue(), audited.toString());
        assertEquals(provenance.getString("predictionsSha256"), top.getString("predictionsSha256"));
        assertEquals(trained.getJsonNumber("seed").longValue(), top.getJsonNumber("seed").longValue());
        Api.Answer auditedCsv = Api.download(uc + "/leaderboard/provenance/csv", host);
        assertEquals(200, auditedCsv.status(), auditedCsv.body());
        assertTrue(auditedCsv.body().lines().skip(1).findFirst().orElseThrow().contains(provenance.getString("predictionsSha256")), auditedCsv.body());
    }

    @Test
    void aFailedSubmissionSaysWhyAndDoesNotCountAgainstTheDailyLimit() throws IOException {
        World w = World.get();
        JsonObject trained = Runs.awaitExperiment(w.useCase(), w.experimentA, w.alice);
        assertEquals("COMPLETED", trained.getString("status"), trained.toString());
        int left = World.ok(Api.get(w.useCase() + "/submissions", w.alice)).getJsonObject("quota").getInt("left");
        Path model = Path.of("target/it-data/" + TestEnvironment.variant() + "/models/experiment-" + w.experimentA + "/model.bin");
        assertTrue(Files.isRegularFile(model), model.toAbsolutePath().toString());
        Path aside = model.resolveSibling("model.bin.aside");
        Files.move(model, aside);
        try {
            JsonObject submitted = World.created(Api.post(w.useCase() + "/submissions", w.alice, "{\"experimentId\":" + w.experimentA + "}"));
            JsonObject failed = Runs.awaitSubmission(w.useCase(), submitted.getJsonNumber("id").longValue(), w.alice);
            assertEquals("FAILED", failed.getString("status"), failed.toString());
            assertTrue(failed.getString("reason").contains("does not count"), failed.toString());
        } finally {
            Files.move(aside, model);
        }
        assertEquals(left, World.ok(Api.get(w.useCase() + "/submissions", w.alice)).getJsonObject("quota").getInt("left"));
    }

    @Test
    void aSpentBudgetStopsTrainingWithAClearStatus() {
        String host = Api.authorization("hana");
        String bob = Api.authorization("bob");
        String slug = "budget-" + Long.toHexString(System.nanoTime());
        String uc = World.createUseCase(host, slug, "Tiny budget",
                "\"visibility\":\"PUBLIC\",\"category\":\"TABULAR_CLASSIFICATION\",\"primaryMetric\":\"accuracy\",\"computeBudgetPflops\":1e-10");
        long table = World.created(Api.send("POST", "api/v1/uploads?name=kinds.csv", host, "text/csv", World.csv().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .getJsonNumber("id").longValue();
        World.ok(Api.put(uc + "/dataset", host, "{\"format\":\"CSV\",\"targetColumn\":\"kind\",\"files\":{\"table\":" + table + "}}"));
        World.activate(host, uc);
        World.created(Api.post(uc + "/participation", bob, "{\"acceptRules\":true}"));
        long id = World.created(Api.post(uc + "/experiments", bob, "{\"title\":\"too big\",\"model\":\"mlp\",\"epochs\":50}")).getJsonNumber("id").longValue();
        JsonObject stopped = Runs.awaitExperiment(uc, id, bob);
        assertEquals("BUDGET_EXHAUSTED", stopped.getString("status"), stopped.toString());
        assertTrue(stopped.getString("reason").contains("budget"), stopped.toString());
        assertTrue(stopped.getInt("epochsDone") < 50, stopped.toString());
    }

    @Test
    void aTableWithCategoriesAndMissingValuesIsProfiledTrainedEncodedAndScored() {
        String host = Api.authorization("hana");
        String bob = Api.authorization("bob");
        String slug = "categories-" + Long.toHexString(System.nanoTime());
        String uc = World.createUseCase(host, slug, "Colours",
                "\"visibility\":\"PUBLIC\",\"category\":\"TABULAR_CLASSIFICATION\",\"primaryMetric\":\"accuracy\"");
        // the class follows the colour, and for blue the number x; a tenth of the colours and a seventh of x are missing
        StringBuilder csv = new StringBuilder("colour,x,label\n");
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < 300; i++) {
            double x = random.nextDouble(-1, 1);
            String label = i % 3 == 0 ? "a" : i % 3 == 1 ? "b" : x > 0 ? "c" : "a";
            csv.append(i % 10 == 9 ? "NA" : colours[i % 3]).append(',').append(i % 7 == 6 ? "" : String.format(java.util.Locale.ROOT, "%.4f", x))
                    .append(',').append(label).append('\n');
        }
        long table = World.created(Api.send("POST", "api/v1/uploads?name=colours.csv", host, "text/csv",
                csv.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))).getJsonNumber("id").longValue();
        JsonObject dataset = World.ok(Api.put(uc + "/dataset", host, "{\"format\":\"CSV\",\"targetColumn\":\"label\",\"files\":{\"table\":" + table + "}}"));
        assertEquals(List.of("colour"), dataset.getJsonArray("categoricalFeatures").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList(), dataset.toString());
        assertEquals(3 + 1 + 2, dataset.getInt("inputWidth"), "three colours and a missing flag, x and its flag");
        World.activate(host, uc);
        World.created(Api.post(uc + "/participation", bob, "{\"acceptRules\":true}"));

        JsonObject profiled = Runs.await(uc + "/dataset", bob, java.util.Set.of(), java.time.Duration.ZERO,
                d -> !"PENDING".equals(d.getString("profileStatus", "PENDING")));
        assertEquals("READY", profiled.getString("profileStatus"), profiled.toString());
        JsonObject colour = World.ok(Api.get(uc + "/dataset/profile", bob)).getJsonArray("features").getJsonObject(0);
        assertEquals("categorical", colour.getString("kind"), colour.toString());
        assertEquals(3, colour.getInt("categories"));
        assertTrue(colour.getInt("missing") > 0, colour.toString());

        long id = World.created(Api.post(uc + "/experiments", bob, "{\"title\":\"defaults\",\"model\":\"softmax-regression\"}"))
                .getJsonNumber("id").longValue();
        JsonObject trained = Runs.awaitExperiment(uc, id, bob);
        assertEquals("COMPLETED", trained.getString("status"), trained.toString());
        assertTrue(trained.getString("preprocessing").contains("1 categorical feature ['colour'] one-hot encoded into 3 0/1 inputs"), trained.toString());
        assertTrue(trained.getString("preprocessing").contains("missing values of ['colour', 'x']"), trained.toString());
        assertEquals(6 * 3 + 3, trained.getInt("parameters"), "6 inputs × 3 classes and 3 biases: the plan counted the encoded width");

        submittedAndScoredAbove(uc, id, bob, 0.8);

        // gradient-boosted trees on the same table: what does not apply is refused, the defaults train, stop early and score
        JsonObject refused = DomainApiIT.problem(Api.post(uc + "/experiments", bob, "{\"title\":\"trees\",\"model\":\"gradient-boosting\","
                + "\"batchSize\":32}"), 400, "leave the batch size out");
        assertTrue(refused.toString().contains("batchSize"), refused.toString());
        DomainApiIT.problem(Api.post(uc + "/experiments", bob, "{\"title\":\"trees\",\"model\":\"gradient-boosting\","
                + "\"hyperparameters\":{\"maxLeaves\":\"1\"}}"), 400, "'maxLeaves' must be a whole number from 2 to 4096");
        long trees = World.created(Api.post(uc + "/experiments", bob, "{\"title\":\"trees\",\"model\":\"gradient-boosting\"}"))
                .getJsonNumber("id").longValue();
        JsonObject boosted = Runs.awaitExperiment(uc, trees, bob);
        assertEquals("COMPLETED", boosted.getString("status"), boosted.toString());
        assertEquals(100, boosted.getInt("epochsDone"), "scikit-learn's 100 rounds, no early stopping on a small table: " + boosted);
        assertTrue(boosted.getString("preprocessing").contains("1 categorical feature ['colour'] one-hot encoded"), boosted.toString());
        assertTrue(boosted.getInt("parameters") >= 3 && boosted.getJsonNumber("trainingFlops").longValue() > 0, "the trees' own nodes: " + boosted);
        assertTrue(submittedAndScoredAbove(uc, trees, bob, 0.8).getJsonNumber("inferenceFlops").longValue() > 0);
    }

    /** Submits an experiment, waits for its score and checks it; the scored submission. */
    /** The published rule of the public rows (testSplit.rule), written again here from its text. */
    private static boolean isPublic(long seed, int row, double publicFraction) {
        long h = mix(seed ^ mix(row + 0x9E3779B97F4A7C15L));
        return (h >>> 11) * 0x1.0p-53 < publicFraction;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static JsonObject submittedAndScoredAbove(String uc, long experimentId, String who, double least) {
        JsonObject submission = World.created(Api.post(uc + "/submissions", who, "{\"experimentId\":" + experimentId + "}"));
        JsonObject scored = Runs.awaitSubmission(uc, submission.getJsonNumber("id").longValue(), who);
        assertEquals("SCORED", scored.getString("status"), scored.toString());
        assertTrue(scored.getJsonObject("publicScore").getJsonNumber("value").doubleValue() > least, scored.toString());
        return scored;
    }

}
