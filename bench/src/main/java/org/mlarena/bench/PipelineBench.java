package org.mlarena.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.mlarena.dataset.control.SplitLoader;
import org.mlarena.dataset.entity.DatasetFormat;
import org.mlarena.evaluation.MetricRegistry;
import org.mlarena.experiment.control.TrainingPlan;
import org.mlarena.numerics.Numerics;
import org.mlarena.numerics.nn.ModelZoo;
import org.mlarena.numerics.nn.Network;
import org.mlarena.numerics.nn.Shape;
import org.mlarena.numerics.nn.Trainer;
import org.mlarena.numerics.nn.TrainingData;
import org.mlarena.pipeline.control.Evaluation;
import org.mlarena.pipeline.control.Predictions;

/**
 * The pipelines against a running server (bench/pipeline.sh starts one): imports the full Fashion-MNIST training file
 * (60,000 images; 10,000 become the hidden test set), trains the MLP 784-256-10 for six epochs as a batch job, and
 * compares its fastest epoch with the bare engine doing the same pass and validation on the same stored split, in this JVM;
 * then measures submission → scored → on the leaderboard, three times.
 * Arguments: base URL, data directory of the server.
 */
public final class PipelineBench {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Path DATA = Path.of("/usr/share/datasets/fashion-mnist");
    /** Epochs the job trains (the server warms up over the first ones) and bare repetitions in this JVM. */
    private static final int EPOCHS = 6;
    private static final int BARE_REPEATS = 3;
    private static String base;

    private PipelineBench() {
    }

    public static void main(String[] args) throws Exception {
        base = args[0].endsWith("/") ? args[0] : args[0] + "/";
        Path dataDir = Path.of(args[1]);
        String host = basic("hana");
        String alice = basic("alice");
        String slug = "bench-" + Long.toHexString(System.currentTimeMillis());
        String uc = "api/v1/use-cases/" + slug;
        call("POST", "api/v1/use-cases", host, "application/json", ("{\"slug\":\"" + slug + "\",\"title\":\"Pipeline benchmark\",\"visibility\":\"PUBLIC\","
                + "\"category\":\"IMAGE_CLASSIFICATION\",\"primaryMetric\":\"accuracy\",\"submissionsPerDay\":20}").getBytes(StandardCharsets.UTF_8), 201);
        long t0 = System.nanoTime();
        String images = number(call("POST", "api/v1/uploads?name=train-images", host, "application/octet-stream",
                Files.readAllBytes(DATA.resolve("train-images-idx3-ubyte.gz")), 201), "id");
        String labels = number(call("POST", "api/v1/uploads?name=train-labels", host, "application/octet-stream",
                Files.readAllBytes(DATA.resolve("train-labels-idx1-ubyte.gz")), 201), "id");
        String dataset = call("PUT", uc + "/dataset", host, "application/json", ("{\"format\":\"IDX\",\"files\":{\"images\":" + images + ",\"labels\":"
                + labels + "},\"validationFraction\":0.1,\"testFraction\":0.16666666666666666,\"seed\":1}").getBytes(StandardCharsets.UTF_8), 200);
        System.out.printf(Locale.ROOT, "pipeline import 60000 images (upload + validate + split + store): %.2f s; rows train %s validation %s test %s%n",
                (System.nanoTime() - t0) / 1e9, number(dataset, "trainRows"), number(dataset, "validationRows"), number(dataset, "testRows"));
        String version = number(call("GET", uc, host, null, null, 200), "version");
        call("PUT", uc, host, "application/json", ("{\"status\":\"ACTIVE\",\"version\":" + version + "}").getBytes(StandardCharsets.UTF_8), 200);
        call("POST", uc + "/participation", alice, "application/json", "{\"acceptRules\":true}".getBytes(StandardCharsets.UTF_8), 201);

        long job = System.nanoTime();
        String experiment = number(call("POST", uc + "/experiments", alice, "application/json",
                ("{\"title\":\"mlp 256\",\"model\":\"mlp\",\"hyperparameters\":{\"hidden\":\"256\"},\"epochs\":" + EPOCHS + ",\"batchSize\":128,\"seed\":1}")
                        .getBytes(StandardCharsets.UTF_8), 201), "id");
        String trained = await(uc + "/experiments/" + experiment, alice, "COMPLETED|FAILED|CANCELLED|BUDGET_EXHAUSTED", 1000);
        double jobSeconds = (System.nanoTime() - job) / 1e9;
        if (!trained.contains("\"status\":\"COMPLETED\"")) {
            throw new IllegalStateException("training did not complete: " + trained);
        }
        String curve = call("GET", uc + "/experiments/" + experiment + "/curves", alice, null, null, 200);
        // the first epoch of a fresh server pays for JIT warm-up and the OpenCL kernel builds: the fastest epoch is
        // compared with the fastest of the bare runs below
        Matcher recorded = Pattern.compile("\"seconds\":([0-9.eE+-]+)").matcher(curve);
        List<Double> epochs = new java.util.ArrayList<>();
        while (recorded.find()) {
            epochs.add(Double.parseDouble(recorded.group(1)));
        }
        double epochSeconds = epochs.stream().mapToDouble(Double::doubleValue).min().orElseThrow();

        Path stored;
        try (Stream<Path> dirs = Files.walk(dataDir.resolve("datasets"), 2)) {
            stored = dirs.filter(p -> p.getFileName().toString().startsWith("import-") && Files.isRegularFile(p.resolve("train-images.idx")))
                    .max(Comparator.comparing(p -> p.toFile().lastModified())).orElseThrow();
        }
        List<String> classes = List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        TrainingData train = SplitLoader.load(stored, DatasetFormat.IDX, null, null, classes, new int[]{28, 28}, "train", 0);
        TrainingData validation = SplitLoader.load(stored, DatasetFormat.IDX, null, null, classes, new int[]{28, 28}, "validation", 0);
        double bestPass = Double.MAX_VALUE;
        double bestValidation = Double.MAX_VALUE;
        for (int repeat = 0; repeat < BARE_REPEATS; repeat++) {
            try (Network net = ModelZoo.build("mlp", Map.of("hidden", "256"), new Shape(1, 28, 28), 10, Numerics.get().newBackend(), 128)) {
                net.initialise(1);
                long start = System.nanoTime();
                Trainer.pass(net, train, 128, TrainingPlan.optimizer("adam", 0.001, 0), new SplittableRandom(1));
                long passed = System.nanoTime();
                Evaluation.figures(Predictions.outputs(net, validation), validation, MetricRegistry.standard().get("accuracy"));
                bestPass = Math.min(bestPass, (passed - start) / 1e9);
                bestValidation = Math.min(bestValidation, (System.nanoTime() - passed) / 1e9);
            }
        }
        double bare = bestPass + bestValidation;
        System.out.printf(Locale.ROOT, "pipeline epochs (training pass + validation, as recorded by the job): %s s, fastest %.2f s, on %s%n",
                epochs, epochSeconds, text(trained, "device"));
        System.out.printf(Locale.ROOT, "bare engine, same split, same device, in this JVM, fastest of %d: pass %.2f s + validation %.2f s = %.2f s%n", BARE_REPEATS, bestPass,
                bestValidation, bare);
        System.out.printf(Locale.ROOT, "ratio pipeline epoch / bare epoch: %.3f (overhead %.1f %%)%n", epochSeconds / bare, 100 * (epochSeconds / bare - 1));
        System.out.printf(Locale.ROOT, "whole training job, POST to COMPLETED (queue, data loading, " + EPOCHS + " epochs with checkpoints, model file): %.2f s%n", jobSeconds);

        smallTableOverhead(host, alice);

        for (int i = 1; i <= 3; i++) {
            long submitted = System.nanoTime();
            String submission = number(call("POST", uc + "/submissions", alice, "application/json", ("{\"experimentId\":" + experiment + "}")
                    .getBytes(StandardCharsets.UTF_8), 201), "id");
            String scored = await(uc + "/submissions/" + submission, alice, "SCORED|FAILED|CANCELLED", 20);
            String board = call("GET", uc + "/leaderboard", alice, null, null, 200);
            double seconds = (System.nanoTime() - submitted) / 1e9;
            if (!scored.contains("\"status\":\"SCORED\"") || !board.contains("\"rank\":1")) {
                throw new IllegalStateException("not scored or not ranked: " + scored + " " + board);
            }
            System.out.printf(Locale.ROOT, "submission %d -> scored -> leaderboard read (10000 test rows, bootstrap intervals): %.2f s; public accuracy %s%n",
                    i, seconds, number(scored.substring(scored.indexOf("publicScore")), "value"));
        }
    }

    /**
     * The per-job overhead on a small table: a 5-epoch linear regression on 400 rows of the demo's diabetes table, the
     * job's time from its start to its end against the epochs' own time (training pass and validation, as recorded).
     */
    static void smallTableOverhead(String host, String alice) throws IOException, InterruptedException {
        String slug = "bench-small-" + Long.toHexString(System.currentTimeMillis());
        String uc = "api/v1/use-cases/" + slug;
        call("POST", "api/v1/use-cases", host, "application/json", ("{\"slug\":\"" + slug + "\",\"title\":\"Small table\",\"visibility\":\"PUBLIC\","
                + "\"category\":\"TABULAR_REGRESSION\",\"primaryMetric\":\"rmse\"}").getBytes(StandardCharsets.UTF_8), 201);
        List<String> lines = Files.readAllLines(Path.of("ejb/src/main/resources/demo/diabetes.csv"));
        String table = String.join("\n", lines.subList(0, 401)) + "\n";
        String upload = number(call("POST", "api/v1/uploads?name=small.csv", host, "text/csv", table.getBytes(StandardCharsets.UTF_8), 201), "id");
        call("PUT", uc + "/dataset", host, "application/json", ("{\"format\":\"CSV\",\"targetColumn\":\"progression\",\"files\":{\"table\":" + upload
                + "}}").getBytes(StandardCharsets.UTF_8), 200);
        String version = number(call("GET", uc, host, null, null, 200), "version");
        call("PUT", uc, host, "application/json", ("{\"status\":\"ACTIVE\",\"version\":" + version + "}").getBytes(StandardCharsets.UTF_8), 200);
        call("POST", uc + "/participation", alice, "application/json", "{\"acceptRules\":true}".getBytes(StandardCharsets.UTF_8), 201);
        for (int i = 1; i <= 3; i++) {
            long posted = System.nanoTime();
            String experiment = number(call("POST", uc + "/experiments", alice, "application/json",
                    ("{\"title\":\"small " + i + "\",\"model\":\"linear-regression\",\"epochs\":5,\"patience\":0,\"seed\":" + i + "}")
                            .getBytes(StandardCharsets.UTF_8), 201), "id");
            String done = await(uc + "/experiments/" + experiment, alice, "COMPLETED|FAILED|CANCELLED|BUDGET_EXHAUSTED", 20);
            double wall = (System.nanoTime() - posted) / 1e9;
            double job = java.time.Duration.between(java.time.Instant.parse(text(done, "startedAt")), java.time.Instant.parse(text(done, "finishedAt")))
                    .toNanos() / 1e9;
            double engine = Double.parseDouble(number(done, "secondsSpent"));
            System.out.printf(Locale.ROOT, "small table job %d (400 rows, 5 epochs, linear regression): started to finished %.3f s, epochs %.3f s,"
                    + " overhead %.3f s; POST to COMPLETED seen %.3f s%n", i, job, engine, job - engine, wall);
        }
    }

    private static String await(String path, String auth, String ends, long pollMillis) throws IOException, InterruptedException {
        Pattern done = Pattern.compile("\"status\":\"(" + ends + ")\"");
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (System.nanoTime() < deadline) {
            String body = call("GET", path, auth, null, null, 200);
            if (done.matcher(body).find()) {
                return body;
            }
            Thread.sleep(pollMillis);
        }
        throw new IllegalStateException(path + " did not end in 20 minutes");
    }

    private static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    private static String call(String method, String path, String auth, String type, byte[] body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth).header("Accept", "application/json")
                .timeout(Duration.ofMinutes(5))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (type != null) {
            request.header("Content-Type", type);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":(-?[0-9.eE+-]+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return m.group(1);
    }

    private static String text(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\":\"([^\"]*)\"").matcher(json);
        return m.find() ? m.group(1) : "?";
    }
}
