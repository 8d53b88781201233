package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.json.JsonObject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.Browser;
import org.mlarena.it.support.Runs;
import org.mlarena.it.support.TestEnvironment;
import org.mlarena.it.support.World;

/**
 * Three nodes of standalone-ha.xml behind WildFly's mod_cluster balancer, on one PostgreSQL and one shared data
 * directory, started by the script that {@code ./arena cluster} uses (ear/src/main/wildfly/nodes.sh). Trainings queued
 * through the balancer run on several nodes; {@code kill -9} of a node that trains hands its run to another, which
 * continues it from its last checkpoint to the same result as an uninterrupted run, each epoch recorded and charged
 * once; every node's leaderboard shows a scored submission; a browser's session survives the loss of its node.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Path WORK = Path.of(System.getProperty("it.cluster.work", "target/cluster"));
    private static final int OFFSET = Integer.getInteger("it.cluster.offset", 20000);
    private static final int NODES = 3;
    private static final int EPOCHS = 300;
    /** Lease of the nodes (ARENA_NODE_ARGS in the pom): a killed node's runs are taken back after it, plus a watch. */
    private static final Duration TAKE_OVER = Duration.ofSeconds(60);

    private static final Set<String> killed = new HashSet<>();

    @BeforeAll
    static void startCluster() {
        nodes("start", System.getProperty("jboss.home"), WORK.toString(), Integer.toString(NODES), Integer.toString(OFFSET));
    }

    @AfterAll
    static void stopCluster() {
        nodes("stop", WORK.toString());
    }

    @Test
    @Order(1)
    void trainingsSpreadOverTheNodesAndAKilledNodesRunContinuesElsewhere() {
        World world = World.get();
        String uc = world.useCase();
        List<Long> ids = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            ids.add(World.created(Api.post(uc + "/experiments", world.alice, body("spread " + i, i))).getJsonNumber("id").longValue());
        }
        Map<Long, Set<String>> ranOn = new HashMap<>();
        long victim = -1;
        String victimNode = null;
        Instant deadline = Instant.now().plus(Duration.ofMinutes(5));
        while (victim < 0) {
            assertTrue(Instant.now().isBefore(deadline), "two trainings running on two nodes, one of them a third in: " + ranOn);
            Set<String> running = new HashSet<>();
            for (long id : ids) {
                JsonObject e = World.ok(Api.get(uc + "/experiments/" + id, world.alice));
                if ("RUNNING".equals(e.getString("status")) && !e.isNull("node")) {
                    ranOn.computeIfAbsent(id, k -> new HashSet<>()).add(e.getString("node"));
                    running.add(e.getString("node"));
                    // past its first checkpoint (every second here), far enough from its end to be killed mid-run
                    int epochsDone = e.getInt("epochsDone");
                    if (epochsDone >= EPOCHS / 3 && epochsDone <= 2 * EPOCHS / 3 && victim < 0) {
                        victim = id;
                        victimNode = e.getString("node");
                    }
                }
            }
            if (running.size() < 2) {
                victim = -1;
            }
            Api.sleep(200);
        }
        List<JsonObject> before = Runs.array(Api.get(uc + "/experiments/" + victim + "/curves", world.alice).body());

        kill(victimNode);
        Instant killedAt = Instant.now();
        String thief = victimNode;
        long v = victim;
        // running on another node, or already completed there (the poll may miss a short rest of a run)
        JsonObject resumed = Runs.await(uc + "/experiments/" + victim, world.alice, Set.of("FAILED", "CANCELLED"), TAKE_OVER,
                e -> Set.of("RUNNING", "COMPLETED").contains(e.getString("status")) && !e.isNull("node") && !thief.equals(e.getString("node")));
        assertTrue(Set.of("RUNNING", "COMPLETED").contains(resumed.getString("status")) && !thief.equals(resumed.getString("node", thief)),
                "experiment " + v + " resumed on another node: " + resumed);
        assertTrue(Duration.between(killedAt, Instant.now()).compareTo(TAKE_OVER) < 0,
                "another node resumed experiment " + v + " within a minute: " + resumed);

        List<JsonObject> done = new ArrayList<>();
        for (long id : ids) {
            JsonObject e = Runs.awaitExperiment(uc, id, world.alice);
            assertEquals("COMPLETED", e.getString("status"), e.toString());
            ranOn.computeIfAbsent(id, k -> new HashSet<>()).add(e.getString("node"));
            List<JsonObject> curve = Runs.array(Api.get(uc + "/experiments/" + id + "/curves", world.alice).body());
            assertEquals(IntStream.rangeClosed(1, EPOCHS).boxed().toList(), curve.stream().map(p -> p.getInt("epoch")).toList(),
                    "experiment " + id + ": every epoch once, in order");
            done.add(e);
        }
        Set<String> nodesUsed = new HashSet<>();
        ranOn.values().forEach(nodesUsed::addAll);
        assertTrue(nodesUsed.size() >= 2, "the six trainings ran on at least two nodes: " + ranOn);
        JsonObject victimDone = done.get(ids.indexOf(victim));
        assertNotEquals(victimNode, victimDone.getString("node"), "the killed node's run completed elsewhere");

        List<JsonObject> after = Runs.array(Api.get(uc + "/experiments/" + victim + "/curves", world.alice).body());
        for (int i = 0; i < before.size() - 1; i++) {
            double loss = before.get(i).getJsonNumber("validationLoss").doubleValue();
            assertEquals(loss, after.get(i).getJsonNumber("validationLoss").doubleValue(), 1e-5 * Math.abs(loss),
                    "epoch " + (i + 1) + " recorded before the kill keeps its figures");
        }
        // charged once per epoch: the epochs the new node trained again after the last checkpoint are not charged twice
        List<Integer> epochsCharged = new ArrayList<>();
        for (int first = 0; ; first += 100) {
            JsonObject page = World.ok(Api.get(uc + "/teams/" + world.teamA + "/ledger?max=100&first=" + first, world.alice));
            for (JsonObject c : page.getJsonArray("items").getValuesAs(JsonObject.class)) {
                if ("TRAINING".equals(c.getString("kind")) && c.getJsonNumber("subjectId").longValue() == v) {
                    String description = c.getString("description");
                    epochsCharged.add(Integer.parseInt(description.substring(description.lastIndexOf(' ') + 1)));
                }
            }
            if (first + 100 >= page.getJsonNumber("total").longValue()) {
                break;
            }
        }
        epochsCharged.sort(null);
        assertEquals(IntStream.rangeClosed(1, EPOCHS).boxed().toList(), epochsCharged, "each epoch charged once, those trained again included");

        long twin = World.created(Api.post(uc + "/experiments", world.alice, body("uninterrupted twin", ids.indexOf(victim) + 1)))
                .getJsonNumber("id").longValue();
        JsonObject reference = Runs.awaitExperiment(uc, twin, world.alice);
        assertEquals("COMPLETED", reference.getString("status"), reference.toString());
        assertEquals(reference.getJsonObject("metrics").getJsonNumber("validationScore").doubleValue(),
                victimDone.getJsonObject("metrics").getJsonNumber("validationScore").doubleValue(), 1e-12, "the same validation score");
        double uninterrupted = reference.getJsonObject("metrics").getJsonNumber("validationLoss").doubleValue();
        assertEquals(uninterrupted, victimDone.getJsonObject("metrics").getJsonNumber("validationLoss").doubleValue(),
                1e-4 * Math.abs(uninterrupted), "resumed on another node from the checkpoint, the same result as without the kill");

        // a submission scored on one node is on every live node's leaderboard
        long submission = World.created(Api.post(uc + "/submissions", world.alice, "{\"experimentId\":" + victim + "}")).getJsonNumber("id")
                .longValue();
        JsonObject scored = Runs.awaitSubmission(uc, submission, world.alice);
        assertEquals("SCORED", scored.getString("status"), scored.toString());
        for (int k = 1; k <= NODES; k++) {
            if (killed.contains("node" + k)) {
                continue;
            }
            String node = "http://127.0.0.1:" + (8080 + OFFSET + 100 * k) + "/arena/";
            Instant until = Instant.now().plus(Duration.ofSeconds(10));
            String seen;
            do {
                seen = Api.getFrom(node, uc + "/leaderboard", world.alice).body();
                Api.sleep(200);
            } while (!seen.contains("\"submissionId\":" + submission) && Instant.now().isBefore(until));
            assertTrue(seen.contains("\"submissionId\":" + submission), "node" + k + "'s leaderboard shows submission " + submission + ": " + seen);
        }
    }

    @Test
    @Order(2)
    void aSignedInSessionSurvivesTheLossOfItsNode() {
        try (Browser browser = Browser.start()) {
            browser.signIn("alice", List.of());
            String first = servedBy(browser);
            kill(first);
            // the balancer may still send the first request after the kill to the dead node (503); the next ones go to a live one
            browser.await("a page from a live node", java.time.Duration.ofSeconds(30), d -> {
                d.get(TestEnvironment.BASE_URL);
                return !d.findElements(org.openqa.selenium.By.id("served-by")).isEmpty();
            });
            assertEquals("alice", browser.text("#signed-in-name"), "still signed in after " + first + " was killed");
            String second = servedBy(browser);
            assertNotEquals(first, second, "the balancer sent the session to a live node");
        }
    }

    /** The node that served the page, named in its footer. */
    private static String servedBy(Browser browser) {
        String node = browser.text("#served-by");
        assertTrue(node.matches("node\\d+"), "the footer names the node that served the page: " + node);
        return node;
    }

    private static String body(String title, int seed) {
        return "{\"title\":\"" + title + "\",\"model\":\"mlp\",\"hyperparameters\":{\"hidden\":\"16\"},\"epochs\":" + EPOCHS
                + ",\"batchSize\":8,\"learningRate\":0.01,\"seed\":" + seed + ",\"patience\":0}";
    }

    private static void kill(String node) {
        nodes("kill", WORK.toString(), node.substring("node".length()));
        killed.add(node);
    }

    private static void nodes(String... arguments) {
        List<String> command = new ArrayList<>(List.of("bash", "src/main/wildfly/nodes.sh"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
            assertTrue(process.waitFor(10, TimeUnit.MINUTES), "nodes.sh " + String.join(" ", arguments) + " within 10 minutes");
            assertEquals(0, process.exitValue(), "nodes.sh " + String.join(" ", arguments));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
