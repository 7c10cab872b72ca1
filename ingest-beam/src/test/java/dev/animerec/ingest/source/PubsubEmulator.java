package dev.animerec.ingest.source;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Pub/Sub emulator of the Google Cloud SDK, started on a free loopback port and spoken to over its REST
 * API (the same API PubsubIO's JSON client uses).
 */
final class PubsubEmulator implements AutoCloseable {

    private final Process process;
    private final int port;
    private final String project;
    private final HttpClient http = HttpClient.newHttpClient();

    private PubsubEmulator(Process process, int port, String project) {
        this.process = process;
        this.port = port;
        this.project = project;
    }

    /** Starts the emulator, or throws {@link IllegalStateException} saying why it cannot run here. */
    static PubsubEmulator start(String project, Path log) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process process;
        try {
            process = new ProcessBuilder("gcloud", "beta", "emulators", "pubsub", "start",
                    "--host-port=127.0.0.1:" + port, "--project=" + project, "--quiet")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("gcloud is not on the PATH (" + e.getMessage() + ")");
        }
        PubsubEmulator emulator = new PubsubEmulator(process, port, project);
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Pub/Sub emulator exited with " + process.exitValue()
                        + " (is the pubsub-emulator component installed?), see " + log);
            }
            if (emulator.ready()) {
                return emulator;
            }
            Thread.sleep(250);
        }
        emulator.close();
        throw new IllegalStateException("the Pub/Sub emulator did not answer within 90 s, see " + log);
    }

    String rootUrl() {
        return "http://127.0.0.1:" + port;
    }

    String createTopicAndSubscription(String topic, String subscription) throws IOException, InterruptedException {
        call("PUT", "/v1/projects/" + project + "/topics/" + topic, "{}");
        String path = "projects/" + project + "/subscriptions/" + subscription;
        call("PUT", "/v1/" + path, "{\"topic\": \"projects/" + project + "/topics/" + topic + "\", "
                + "\"ackDeadlineSeconds\": 60}");
        return path;
    }

    void publish(String topic, List<byte[]> payloads) throws IOException, InterruptedException {
        String messages = payloads.stream()
                .map(payload -> "{\"data\": \"" + Base64.getEncoder().encodeToString(payload) + "\"}")
                .collect(Collectors.joining(", "));
        call("POST", "/v1/projects/" + project + "/topics/" + topic + ":publish", "{\"messages\": [" + messages + "]}");
    }

    private boolean ready() {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(rootUrl() + "/")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void call(String method, String path, String body) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(rootUrl() + path))
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(method + " " + path + " -> " + response.statusCode() + ": " + response.body());
        }
    }

    /** Stops the emulator and the JVM gcloud started for it. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
