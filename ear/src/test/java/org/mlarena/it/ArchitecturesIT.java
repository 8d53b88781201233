package org.mlarena.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mlarena.it.support.Api;
import org.mlarena.it.support.Deployments;
import org.mlarena.it.support.Runs;
import org.mlarena.it.support.World;
import org.mlarena.numerics.nn.Architecture;
import org.mlarena.numerics.nn.JavaBackend;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.Optimizer;
import org.mlarena.numerics.nn.Shape;

/**
 * Architectures a team writes, through the REST API on the Fashion-MNIST subset: validation with each layer's shape and
 * figures or every problem, saving and reuse, training one by its id with FLOPs equal to the analytic count, submitting
 * it, finetuning an architecture from a zoo model's leading layers, the host's parameter cap, and no team seeing
 * another's.
 */
@ExtendWith(ArquillianExtension.class)
class ArchitecturesIT {

    private static final String RESIDUAL = "{\"layers\": ["
            + "{\"type\": \"conv2d\", \"filters\": 6, \"kernel\": 3, \"stride\": 2, \"padding\": 1}, {\"type\": \"batchnorm\"}, {\"type\": \"relu\"},"
            + "{\"type\": \"residual\", \"layers\": [{\"type\": \"conv2d\", \"filters\": 6, \"kernel\": 3, \"padding\": 1}, {\"type\": \"batchnorm\"}]},"
            + "{\"type\": \"relu\"}, {\"type\": \"maxpool\", \"size\": 2},"
            + "{\"type\": \"residual\", \"layers\": [{\"type\": \"conv2d\", \"filters\": 12, \"kernel\": 3, \"stride\": 2, \"padding\": 1}, {\"type\": \"gelu\"}]},"
            + "{\"type\": \"globalavgpool\"}]}";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.ear();
    }

    @Test
    void aTeamWritesValidatesSavesTrainsSubmitsAndFinetunesItsOwnArchitecture() {
        String host = Api.authorization("hana");
        String alice = Api.authorization("alice");
        String bob = Api.authorization("bob");
        String slug = "layers-" + Long.toHexString(System.nanoTime());
        String uc = World.createUseCase(host, slug, "Own architectures",
                "\"visibility\":\"PUBLIC\",\"category\":\"IMAGE_CLASSIFICATION\",\"primaryMetric\":\"accuracy\"");
        long images = World.uploadFashion(host, "train-images-idx3-ubyte.gz");
        long labels = World.uploadFashion(host, "train-labels-idx1-ubyte.gz");
        JsonObject dataset = World.ok(Api.put(uc + "/dataset", host, "{\"format\":\"IDX\",\"files\":{\"images\":" + images + ",\"labels\":" + labels
                + "},\"validationFraction\":0.1,\"testFraction\":0.25,\"seed\":3}"));
        int trainRows = dataset.getInt("trainRows");
        int validationRows = dataset.getInt("validationRows");
        World.activate(host, uc);
        World.created(Api.post(uc + "/participation", alice, "{\"acceptRules\":true,\"teamName\":\"Layers\"}"));
        World.created(Api.post(uc + "/participation", bob, "{\"acceptRules\":true,\"teamName\":\"Others\"}"));

        // validation: every layer's shape and figures, the same the engine computes
        Architecture expected = Architecture.compile(RESIDUAL, new Shape(1, 28, 28), 10, Architecture.MAX_PARAMETERS);
        JsonObject preview = World.ok(Api.post(uc + "/architectures/validation", alice, "{\"architecture\": " + RESIDUAL + "}"));
        assertTrue(preview.getJsonArray("problems").isEmpty(), preview.toString());
        assertEquals("1x28x28", preview.getString("input"));
        assertEquals(expected.parameters(), preview.getInt("parameters"));
        assertEquals(expected.inferenceFlopsPerSample(), preview.getJsonNumber("inferenceFlopsPerSample").longValue());
        List<String> outputs = preview.getJsonArray("layers").stream().map(l -> l.asJsonObject().getString("output")).toList();
        assertEquals(List.of("6x14x14", "6x14x14", "6x14x14", "6x14x14", "6x14x14", "6x7x7", "12x4x4", "12", "10"), outputs, preview.toString());
        assertEquals("residual [conv2d 12 3x3, stride 2, padding 1, gelu] + 1x1 projection, stride 2",
                preview.getJsonArray("layers").getJsonObject(6).getString("layer"), "the projection a shape change needs is added");

        Api.Answer wrong = Api.post(uc + "/architectures/validation", alice,
                "{\"architecture\": {\"layers\": [{\"type\": \"dense\", \"units\": 16}, {\"type\": \"maxpool\", \"size\": 3}]}}");
        assertEquals(400, wrong.status(), wrong.body());
        JsonObject problem = wrong.json().getJsonArray("errors").getJsonObject(0);
        assertEquals("architecture", problem.getString("field"));
        assertTrue(problem.getString("message").startsWith("layers[0] (dense): needs a vector but gets a 1x28x28 image"), wrong.body());
        Api.Answer broken = Api.post(uc + "/architectures/validation", alice, "{\"architecture\": \"{\\\"layers\\\": [\"}");
        assertEquals(400, broken.status(), broken.body());
        assertTrue(broken.body().contains("the JSON is not valid at line 1"), broken.body());

        // saved for the team, named once, invisible to other teams
        JsonObject saved = World.created(Api.post(uc + "/architectures", alice, "{\"name\": \"small resnet\", \"architecture\": " + RESIDUAL + "}"));
        long architectureId = saved.getJsonNumber("id").longValue();
        assertEquals(expected.parameters(), saved.getInt("parameters"));
        assertEquals(8, saved.getJsonObject("architecture").getJsonArray("layers").size());
        assertEquals(409, Api.post(uc + "/architectures", alice, "{\"name\": \"Small ResNet\", \"architecture\": " + RESIDUAL + "}").status());
        Api.Answer invalid = Api.post(uc + "/architectures", alice, "{\"name\": \"flat\", \"architecture\": {\"layers\": [{\"type\": \"dense\"}]}}");
        assertEquals(400, invalid.status(), invalid.body());
        assertTrue(invalid.body().contains("layers[0] (dense): needs 'units'"), invalid.body());
        assertEquals(1, Runs.array(Api.get(uc + "/architectures", alice).body()).size());
        assertEquals(0, Runs.array(Api.get(uc + "/architectures", bob).body()).size());
        assertEquals(404, Api.get(uc + "/architectures/" + architectureId, bob).status());
        Api.Answer theirs = Api.post(uc + "/experiments", bob, "{\"title\": \"theirs\", \"architectureId\": " + architectureId + "}");
        assertEquals(400, theirs.status(), "another team cannot train it: " + theirs.body());
        assertTrue(theirs.body().contains("There is no architecture " + architectureId + " of your team"), theirs.body());

        // trained by its id: the layers it trained are recorded with it, its FLOPs are the analytic count
        JsonObject queued = World.created(Api.post(uc + "/experiments", alice,
                "{\"title\": \"resnet\", \"architectureId\": " + architectureId + ", \"epochs\": 4, \"batchSize\": 50, \"learningRate\": 0.005, \"seed\": 4}"));
        assertEquals("architecture", queued.getString("model"));
        JsonObject trained = Runs.awaitExperiment(uc, queued.getJsonNumber("id").longValue(), alice);
        assertEquals("COMPLETED", trained.getString("status"), trained.toString());
        assertEquals(8, trained.getJsonObject("architecture").getJsonArray("layers").size());
        assertEquals(expected.parameters(), trained.getInt("parameters"));
        try (Network net = expected.network(Network.Loss.SOFTMAX_CROSS_ENTROPY, new JavaBackend(), 50)) {
            Optimizer adam = new Optimizer.Adam(0.005f, 0.9f, 0.999f, 1e-8f, 0f);
            long perEpoch = (trainRows / 50) * net.trainingFlops(50, adam) + (trainRows % 50 == 0 ? 0 : net.trainingFlops(trainRows % 50, adam))
                    + net.inferenceFlops(50) * (validationRows / 50) + (validationRows % 50 == 0 ? 0 : net.inferenceFlops(validationRows % 50));
            assertEquals(4 * perEpoch, trained.getJsonNumber("trainingFlops").longValue(), "training FLOPs = 4 epochs of the analytic count");
        }
        assertTrue(trained.getJsonObject("metrics").getJsonNumber("accuracy").doubleValue() > 0.3, trained.toString());
        JsonObject submission = World.created(Api.post(uc + "/submissions", alice, "{\"experimentId\": " + trained.getJsonNumber("id") + "}"));
        assertEquals("SCORED", Runs.awaitSubmission(uc, submission.getJsonNumber("id").longValue(), alice).getString("status"));

        // finetuning: an architecture that starts with a zoo model's layers takes their weights
        JsonObject mlp = Runs.awaitExperiment(uc, World.created(Api.post(uc + "/experiments", alice,
                "{\"title\": \"mlp 32\", \"model\": \"mlp\", \"hyperparameters\": {\"hidden\": \"32\"}, \"epochs\": 1, \"batchSize\": 50}"))
                .getJsonNumber("id").longValue(), alice);
        String deeper = "{\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"dense\", \"units\": 32}, {\"type\": \"relu\"}, {\"type\": \"dense\", \"units\": 16},"
                + " {\"type\": \"relu\"}]}";
        JsonObject tuned = Runs.awaitExperiment(uc, World.created(Api.post(uc + "/experiments", alice, "{\"title\": \"deeper\", \"architecture\": " + deeper
                + ", \"finetuneFrom\": " + mlp.getJsonNumber("id") + ", \"frozenLayers\": 1, \"epochs\": 1, \"batchSize\": 50}")).getJsonNumber("id").longValue(), alice);
        assertEquals("COMPLETED", tuned.getString("status"), tuned.toString());
        assertEquals(mlp.getJsonNumber("id").longValue(), tuned.getJsonNumber("finetuneFrom").longValue());
        Api.Answer tooFrozen = Api.post(uc + "/experiments", alice, "{\"title\": \"frozen\", \"architecture\": " + deeper
                + ", \"finetuneFrom\": " + mlp.getJsonNumber("id") + ", \"frozenLayers\": 2}");
        assertEquals(400, tooFrozen.status());
        assertTrue(tooFrozen.body().contains("Only the first 1 layer(s) come from experiment"), tooFrozen.body());
        Api.Answer unrelated = Api.post(uc + "/experiments", alice, "{\"title\": \"unrelated\", \"architecture\": " + RESIDUAL
                + ", \"finetuneFrom\": " + mlp.getJsonNumber("id") + "}");
        assertEquals(400, unrelated.status());
        assertTrue(unrelated.body().contains("shares no leading layer"), unrelated.body());

        // the host's cap on parameters, for every model
        World.ok(Api.put(uc, host, "{\"maxParameters\": 1000, \"version\": " + World.ok(Api.get(uc, host)).getJsonNumber("version") + "}"));
        Api.Answer capped = Api.post(uc + "/experiments", alice, "{\"title\": \"too big\", \"architectureId\": " + architectureId + "}");
        assertEquals(400, capped.status());
        assertTrue(capped.body().contains("this use case allows at most 1,000"), capped.body());
        Api.Answer cappedPreview = Api.post(uc + "/architectures/validation", alice, "{\"architecture\": " + RESIDUAL + "}");
        assertEquals(400, cappedPreview.status());
        assertTrue(cappedPreview.body().contains("allows at most 1,000"), cappedPreview.body());
        assertEquals(400, Api.post(uc + "/experiments", alice, "{\"title\": \"big mlp\", \"model\": \"mlp\"}").status());

        // changed and deleted; the experiment keeps the layers it trained
        JsonObject raised = World.ok(Api.put(uc, host, "{\"maxParameters\": 50000000, \"version\": " + World.ok(Api.get(uc, host)).getJsonNumber("version") + "}"));
        assertEquals(50_000_000L, raised.getJsonNumber("maxParameters").longValue());

        // augmentation: shifts always, flips where the host allows them (not by default)
        assertFalse(raised.getBoolean("horizontalFlips"));
        String flipped = "{\"layers\": [{\"type\": \"augment\", \"shift\": 1, \"flip\": true}, {\"type\": \"flatten\"}]}";
        Api.Answer refusedFlips = Api.post(uc + "/experiments", alice, "{\"title\": \"mirrored\", \"architecture\": " + flipped + ", \"epochs\": 1}");
        assertEquals(400, refusedFlips.status());
        assertTrue(refusedFlips.body().contains("layers[0] (augment): this use case's hosts do not let training mirror its images"), refusedFlips.body());
        JsonObject flips = World.ok(Api.put(uc, host, "{\"horizontalFlips\": true, \"version\": " + raised.getJsonNumber("version") + "}"));
        assertTrue(flips.getBoolean("horizontalFlips"));
        JsonObject augmented = Runs.awaitExperiment(uc, World.created(Api.post(uc + "/experiments", alice, "{\"title\": \"mirrored\", \"architecture\": "
                + flipped + ", \"epochs\": 1, \"batchSize\": 50}")).getJsonNumber("id").longValue(), alice);
        assertEquals("COMPLETED", augmented.getString("status"), augmented.toString());
        JsonObject changed = World.ok(Api.put(uc + "/architectures/" + architectureId, alice, "{\"architecture\": " + deeper + "}"));
        assertEquals("small resnet", changed.getString("name"));
        assertEquals(5, changed.getJsonObject("architecture").getJsonArray("layers").size());
        assertEquals(204, Api.delete(uc + "/architectures/" + architectureId, alice).status());
        assertEquals(404, Api.get(uc + "/architectures/" + architectureId, alice).status());
        assertEquals(8, World.ok(Api.get(uc + "/experiments/" + trained.getJsonNumber("id"), alice)).getJsonObject("architecture").getJsonArray("layers").size());

        List<JsonObject> templates = Runs.array(Api.get("api/v1/models/architecture/templates?category=IMAGE_CLASSIFICATION", alice).body());
        assertTrue(templates.stream().anyMatch(t -> t.getString("id").equals("resnet-small") && t.getJsonObject("architecture").getJsonArray("layers").size() > 3),
                templates.toString());
    }
}
