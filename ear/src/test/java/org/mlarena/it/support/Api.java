package org.mlarena.it.support;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/** A small client of the REST API for tests: plain HTTP, JSON read with JSON-P. */
public final class Api {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** An HTTP answer with its body. */
    public record Answer(int status, String contentType, String body, HttpResponse<String> raw) {

        public JsonObject json() {
            try (JsonReader reader = Json.createReader(new StringReader(body))) {
                return reader.readObject();
            }
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }

    private Api() {
    }

    /** The Authorization header for a user of this suite: Basic for the built-in users, a bearer token with OIDC. */
    public static String authorization(String user) {
        if (TestEnvironment.oidc()) {
            List<String> groups = "hana".equals(user) ? List.of("host") : List.of();
            return "Bearer " + OidcProvider.token(user, groups, 3600);
        }
        return basic(user, user);
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public static Answer get(String path, String authorization) {
        return send(request(path, authorization).GET().build());
    }

    /** GET from another address of the application than the tested one (a cluster's node rather than its balancer). */
    public static Answer getFrom(String baseUrl, String path, String authorization) {
        return send(request(baseUrl, path, authorization).GET().build());
    }

    /** GET of a URL outside the application, without credentials. */
    public static Answer getAbsolute(String url) {
        return send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET().build());
    }

    public static Answer post(String path, String authorization, String json) {
        return send(request(path, authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static Answer postCsv(String path, String authorization, String csv) {
        return send(request(path, authorization).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofString(csv)).build());
    }

    public static Answer put(String path, String authorization, String json) {
        return send(request(path, authorization).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static Answer delete(String path, String authorization) {
        return send(request(path, authorization).DELETE().build());
    }

    /** A file download: accepts any media type. */
    public static Answer download(String path, String authorization) {
        return send(request(path, authorization).setHeader("Accept", "*/*").GET().build());
    }

    /** Any method with any body and content type (null body: none). */
    public static Answer send(String method, String path, String authorization, String contentType, byte[] body) {
        HttpRequest.Builder builder = request(path, authorization);
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        return send(builder.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body)).build());
    }

    private static HttpRequest.Builder request(String path, String authorization) {
        return request(TestEnvironment.BASE_URL, path, authorization);
    }

    private static HttpRequest.Builder request(String baseUrl, String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60)).header("Accept", "application/json");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            // behind a cluster's balancer, a request sent on a pooled connection to a node that was just killed gets a 503
            // from the balancer (it cannot know whether the node ran it); a client sends a GET again, as a browser reloads
            for (int retry = 0; retry < 5 && response.statusCode() == 503 && "GET".equals(request.method()) && TestEnvironment.cluster(); retry++) {
                sleep(500);
                response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            }
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body(), response);
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls a device check until it has finished, for at most two minutes. */
    public static JsonObject awaitFinished(String location, String authorization) {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        JsonObject run;
        do {
            Answer answer = send(HttpRequest.newBuilder(URI.create(location)).header("Authorization", authorization).GET().build());
            if (answer.status() != 200) {
                throw new AssertionError("GET " + location + " answered " + answer.status() + ": " + answer.body());
            }
            run = answer.json();
            String status = run.getString("status");
            if ("MATCHED".equals(status) || "FAILED".equals(status)) {
                return run;
            }
            sleep(250);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("device check at " + location + " did not finish in two minutes: " + run);
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
