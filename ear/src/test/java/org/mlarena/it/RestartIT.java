package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.ContainerController;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.TargetsContainer;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.RestartableServer;
import org.mlarena.it.support.Runs;

/**
 * The embedded H2 database is a file under the data directory: what was stored before the server
 * stopped is there after it starts again; the demo data is seeded on the first start only.
 */
@ExtendWith(ArquillianExtension.class)
class RestartIT {

    private static final String CONTAINER = RestartableServer.CONTAINER;
    private static final String DEPLOYMENT = "arena-restart";

    @ArquillianResource
    ContainerController server;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    /**
     * The template use cases of the demo data with their datasets, teams and template experiments, as alice sees them
     * (this execution starts the server with arena.demo-data=true and the Fashion-MNIST subset).
     */
    private static String demoContent(String alice) {
        // the demo data is seeded after the deployment, not during it: the four template use cases appear within minutes
        JsonObject catalogue = Runs.await("api/v1/use-cases", alice, Set.of(), Duration.ofMinutes(6),
                c -> c.getJsonArray("items").size() >= 4);
        List<String> slugs = catalogue.getJsonArray("items").stream().map(u -> u.asJsonObject().getString("slug")).sorted().toList();
        assertEquals(List.of("debian-sections", "diabetes-progression", "fashion-mnist", "wine-cultivars"), slugs, catalogue.toString());
        StringBuilder content = new StringBuilder();
        for (String slug : slugs) {
            JsonObject useCase = Api.get("api/v1/use-cases/" + slug, alice).json();
            assertEquals("TEMPLATE", useCase.getString("visibility"));
            JsonObject dataset = Api.get("api/v1/use-cases/" + slug + "/dataset", alice).json();
            int rows = dataset.getInt("trainRows") + dataset.getInt("validationRows") + dataset.getInt("testRows");
            int expected = switch (slug) {
                case "fashion-mnist" -> 2000;
                case "wine-cultivars" -> 178;
                case "diabetes-progression" -> 442;
                default -> 2204;
            };
            assertEquals(expected, rows, slug + ": " + dataset);
            JsonObject profiled = Runs.await("api/v1/use-cases/" + slug + "/dataset", alice, Set.of(), Duration.ZERO,
                    d -> !"PENDING".equals(d.getString("profileStatus", "PENDING")));
            assertEquals("READY", profiled.getString("profileStatus"), slug + ": " + profiled);
            JsonObject templates = Api.get("api/v1/use-cases/" + slug + "/experiments?scope=templates", alice).json();
            // the tables have gradient-boosted trees beside the linear model and the MLP, the text the embedding-bag template
            assertEquals(slug.equals("fashion-mnist") ? 2 : 3, templates.getInt("total"), slug + ": " + templates);
            for (var template : templates.getJsonArray("items")) {
                long id = template.asJsonObject().getJsonNumber("id").longValue();
                JsonObject trained = Runs.awaitExperiment("api/v1/use-cases/" + slug, id, alice);
                assertEquals("COMPLETED", trained.getString("status"), "the template experiments of every category train: " + trained);
            }
            // every demo team's first model (the defaults) is submitted once trained: no demo leaderboard is empty
            JsonObject board = Runs.await("api/v1/use-cases/" + slug + "/leaderboard", alice, Set.of(), Duration.ofMinutes(4),
                    b -> !b.getJsonArray("lines").isEmpty() && b.getJsonArray("lines").stream().noneMatch(l -> l.asJsonObject().isNull("rank")));
            assertEquals(teamCount(slug), board.getJsonArray("lines").size(), slug + ": every team ranked: " + board);
            JsonObject teams = Api.get("api/v1/use-cases/" + slug + "/teams", alice).json();
            content.append(slug).append(' ').append(rows).append(' ').append(dataset.getJsonArray("files")).append(' ')
                    .append(templates.getJsonArray("items").stream().map(e -> e.asJsonObject().getString("model")).toList()).append(' ')
                    .append(teams.getJsonArray("items").stream().map(t -> t.asJsonObject().getString("name")).toList()).append('\n');
        }
        assertTrue(content.toString().contains("fashion-mnist 2000"), content.toString());
        // the platform's own lines reach the server log after the numerics started (Aparapi once silenced them)
        String log = serverLog();
        assertTrue(log.contains("ML Arena started; numerics on") && log.contains("Demo use case 'fashion-mnist' seeded"),
                "the server log keeps the platform's INFO lines");
        JsonObject alicesStanding = Api.get("api/v1/use-cases/fashion-mnist/participation", alice).json();
        assertEquals("LEAD", alicesStanding.getString("role"), alicesStanding.toString());
        return content.toString();
    }

    private static String serverLog() {
        try {
            return Files.readString(Path.of(System.getProperty("jboss.home"), "standalone", "log", "server.log"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int teamCount(String slug) {
        return slug.equals("wine-cultivars") || slug.equals("diabetes-progression") ? 2 : 1;
    }

    @Test
    void storedRunsSurviveAServerRestart() {
        RestartableServer.run(server, deployer, DEPLOYMENT, () -> {
        String alice = Api.authorization("alice");
        String demo = demoContent(alice);
        Api.Answer started = Api.post("api/v1/device-checks", alice, "{\"size\": 32, \"seed\": 99}");
        assertEquals(202, started.status(), started.body());
        JsonObject before = Api.awaitFinished(started.header("Location"), alice);
        assertEquals("MATCHED", before.getString("status"));

        server.stop(CONTAINER);
        server.start(CONTAINER);

        Api.Answer after = Api.get("api/v1/device-checks/" + before.getJsonNumber("id"), alice);
        assertEquals(200, after.status(), after.body());
        assertEquals(before, after.json(), "the run reads back exactly as it was stored");
        assertEquals(demo, demoContent(alice), "the demo data is seeded once, on the empty database, and kept");
        });
    }
}
