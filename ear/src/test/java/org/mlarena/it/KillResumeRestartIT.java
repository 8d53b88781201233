package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

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
import org.mlarena.it.support.World;

/**
 * kill -9 of the server in the middle of a training: after the restart the experiment is queued again, continues from
 * its last (timed) checkpoint and completes; every epoch recorded before the kill is still there with its figures, and
 * the result equals that of the same experiment trained without interruption.
 */
@ExtendWith(ArquillianExtension.class)
class KillResumeRestartIT {

    private static final String CONTAINER = RestartableServer.CONTAINER;
    private static final String DEPLOYMENT = "arena-kill";
    private static final int EPOCHS = 40;

    @ArquillianResource
    ContainerController server;

    @ArquillianResource
    Deployer deployer;

    @Deployment(name = DEPLOYMENT, managed = false, testable = false)
    @TargetsContainer(CONTAINER)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aTrainingKilledWithTheServerResumesFromItsCheckpoint() {
        RestartableServer.run(server, deployer, DEPLOYMENT, () -> {
        String alice = Api.authorization("alice");
        String uc = "api/v1/use-cases/fashion-mnist";
        String body = "{\"title\":\"long mlp\",\"model\":\"mlp\",\"hyperparameters\":{\"hidden\":\"128\"},\"epochs\":" + EPOCHS
                + ",\"batchSize\":32,\"seed\":11,\"patience\":0}";
        long id = World.created(Api.post(uc + "/experiments", alice, body)).getJsonNumber("id").longValue();
        JsonObject running = Runs.await(uc + "/experiments/" + id, alice, Set.of(), Duration.ZERO, r -> r.getInt("epochsDone", 0) >= 3);
        assertEquals("RUNNING", running.getString("status"), "the run must still be training when the server is killed: " + running);
        List<JsonObject> before = Runs.array(Api.get(uc + "/experiments/" + id + "/curves", alice).body());

        killServerProcess();
        server.stop(CONTAINER);
        server.start(CONTAINER);

        JsonObject done = Runs.awaitExperiment(uc, id, alice);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        List<JsonObject> after = Runs.array(Api.get(uc + "/experiments/" + id + "/curves", alice).body());
        assertEquals(IntStream.rangeClosed(1, EPOCHS).boxed().toList(), after.stream().map(p -> p.getInt("epoch")).toList(),
                "every epoch once, in order");
        // checkpoints come every second here (arena.training.checkpoint-seconds=1 in this execution), not after every
        // epoch: the epochs after the last one are trained again, from the same seeds, to the same figures
        for (int i = 0; i < before.size() - 1; i++) {
            double loss = before.get(i).getJsonNumber("validationLoss").doubleValue();
            assertEquals(loss, after.get(i).getJsonNumber("validationLoss").doubleValue(), 1e-5 * Math.abs(loss),
                    "epoch " + (i + 1) + " recorded before the kill keeps its figures");
        }
        long curveFlops = after.stream().mapToLong(p -> p.getJsonNumber("flops").longValue()).sum();
        assertEquals(curveFlops, done.getJsonNumber("trainingFlops").longValue());

        long twin = World.created(Api.post(uc + "/experiments", alice, body.replace("long mlp", "uninterrupted twin"))).getJsonNumber("id").longValue();
        JsonObject reference = Runs.awaitExperiment(uc, twin, alice);
        assertEquals("COMPLETED", reference.getString("status"), reference.toString());
        double resumed = done.getJsonObject("metrics").getJsonNumber("validationLoss").doubleValue();
        double uninterrupted = reference.getJsonObject("metrics").getJsonNumber("validationLoss").doubleValue();
        assertEquals(uninterrupted, resumed, 1e-4 * Math.abs(uninterrupted),
                "resuming from the checkpoint trains the same epochs as an uninterrupted run (OpenCL tolerance)");
        });
    }

    /** SIGKILL to the server JVM of this execution (found by its data directory), as a crash would end it. */
    private static void killServerProcess() {
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("jboss-modules.jar") && c.contains("it-data/h2-restart")).orElse(false))
                .toList();
        assertEquals(1, servers.size(), "exactly one server of this execution runs: " + servers);
        ProcessHandle process = servers.get(0);
        assertTrue(process.destroyForcibly(), "SIGKILL sent");
        process.onExit().join();
    }
}
