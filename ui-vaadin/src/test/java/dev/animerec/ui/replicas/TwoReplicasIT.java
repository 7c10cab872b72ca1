package dev.animerec.ui.replicas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.ui.ServingApplication;
import dev.animerec.ui.TestPublication;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Two serving replicas, as the chart runs them: two instances of the app on one Redis and one PostgreSQL (the
 * first starts the embedded servers, the second attaches to them, as a second pod reaches Memorystore and Cloud
 * SQL), with the same viewer-id secret (the chart's {@code anime-rec-viewer} Secret). One viewer's calls go to
 * both, alternating, as they would without affinity: the viewer id one replica signed is accepted by the other,
 * feedback given on one is applied by the other, and both answer the same published version with the same picks,
 * also after a new version is published.
 */
class TwoReplicasIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "two-replicas-it-viewer-secret-of-at-least-32-bytes";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;
    private static List<Integer> ports;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static ConfigurableApplicationContext replica(Path home, int postgresPort, int redisPort) {
        // Command-line arguments, not builder properties: application.yml overrides those (server.port among them).
        return new SpringApplicationBuilder(ServingApplication.class)
                .profiles("local")
                .run("--server.port=0", "--animerec.local.home=" + home,
                        "--animerec.local.postgres-port=" + postgresPort, "--animerec.local.redis-port=" + redisPort,
                        "--animerec.viewer.secret=" + SECRET);
    }

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        Path home = Files.createTempDirectory("two-replicas-it");
        int postgresPort = freePort();
        int redisPort = freePort();
        first = replica(home, postgresPort, redisPort);
        second = replica(home, postgresPort, redisPort);
        ports = List.of(((WebServerApplicationContext) first).getWebServer().getPort(),
                ((WebServerApplicationContext) second).getWebServer().getPort());
        assertThat(ports.get(0)).isNotEqualTo(ports.get(1));
        TestPublication.publish(first.getBean(RedisConnectionFactory.class), "replicas-v1", "m1");
    }

    @AfterAll
    static void stopBoth() {
        // The second attached to the servers the first started: it goes first.
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    private static HttpResponse<String> send(int replica, String method, String path, String body, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(replica) + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode picks(int replica, String token) throws Exception {
        HttpResponse<String> response = send(replica, "GET", "/api/v1/users/alice/recommendations?k=20&from=20&seed=1",
                null, token);
        assertThat(response.statusCode()).as("replica %d: %s", replica, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static Set<Integer> ids(JsonNode page) {
        Set<Integer> ids = new HashSet<>();
        page.get("recommendations").forEach(item -> ids.add(item.get("anime").get("id").asInt()));
        return ids;
    }

    @Test
    void oneViewerAcrossBothReplicasSeesOneStateOfFeedbackVersionAndAnswers() throws Exception {
        HttpResponse<String> created = send(0, "POST", "/api/v1/clients", "", null);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String viewer = JSON.readTree(created.body()).get("token").asText();

        JsonNode onFirst = picks(0, viewer);
        JsonNode onSecond = picks(1, viewer);
        assertThat(onSecond.get("version").asText()).isEqualTo(onFirst.get("version").asText()).isEqualTo("replicas-v1");
        assertThat(onSecond.get("recommendations")).as("the same answer on both").isEqualTo(onFirst.get("recommendations"));

        // Feedback given on alternating replicas, then read on each: both apply all of it.
        List<Integer> hidden = new ArrayList<>(ids(onFirst)).subList(0, 4);
        for (int i = 0; i < hidden.size(); i++) {
            HttpResponse<String> feedback = send(i % 2, "POST", "/api/v1/feedback",
                    "{\"username\":\"alice\",\"anime_id\":" + hidden.get(i) + ",\"type\":\"not-interested\"}", viewer);
            assertThat(feedback.statusCode()).as("replica %d: %s", i % 2, feedback.body()).isEqualTo(202);
        }
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!(ids(picks(0, viewer)).stream().noneMatch(hidden::contains)
                && ids(picks(1, viewer)).stream().noneMatch(hidden::contains))) {
            assertThat(Instant.now()).as("both replicas apply the feedback given on either").isBefore(deadline);
            Thread.sleep(100);
        }
        assertThat(picks(1, viewer).get("recommendations")).isEqualTo(picks(0, viewer).get("recommendations"));

        // A new version: both replicas move to it (the pointer is re-read at most once a second) and agree again.
        TestPublication.publish(second.getBean(RedisConnectionFactory.class), "replicas-v2", "m2");
        deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!(picks(0, viewer).get("version").asText().equals("replicas-v2")
                && picks(1, viewer).get("version").asText().equals("replicas-v2"))) {
            assertThat(Instant.now()).as("both replicas serve the new version").isBefore(deadline);
            Thread.sleep(100);
        }
        JsonNode afterFirst = picks(0, viewer);
        JsonNode afterSecond = picks(1, viewer);
        assertThat(afterSecond.get("recommendations")).isEqualTo(afterFirst.get("recommendations"));
        assertThat(ids(afterFirst)).as("the feedback outlives the version").doesNotContainAnyElementsOf(hidden);
    }

    @Test
    void aViewerIdSignedByOneReplicaIsAcceptedByTheOtherAndAForgedOneByNeither() throws Exception {
        String viewer = JSON.readTree(send(1, "POST", "/api/v1/clients", "", null).body()).get("token").asText();
        assertThat(send(0, "GET", "/api/v1/users/alice/recommendations", null, viewer).statusCode()).isEqualTo(200);
        String forged = viewer.substring(0, viewer.length() - 2) + (viewer.endsWith("AA") ? "BB" : "AA");
        assertThat(send(0, "GET", "/api/v1/users/alice/recommendations", null, forged).statusCode()).isEqualTo(401);
        assertThat(send(1, "GET", "/api/v1/users/alice/recommendations", null, forged).statusCode()).isEqualTo(401);
    }
}
