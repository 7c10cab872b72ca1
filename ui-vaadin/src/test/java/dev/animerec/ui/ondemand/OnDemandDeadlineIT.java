package dev.animerec.ui.ondemand;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.ui.ServingApplication;
import dev.animerec.ui.TestPublication;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * MyAnimeList unreachable: a local server that accepts connections and never answers (not even robots.txt). 32
 * unknown users looked up at once all get their 503 with Retry-After within the deadline (3 s) + 1 s, again on a
 * second wave, while a known user is served as usual all along. Its own app context: MAL points elsewhere here.
 */
@SpringBootTest(classes = ServingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class OnDemandDeadlineIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long DEADLINE_MS = 3_000;
    private static final ServerSocket BLACK_HOLE;
    private static final List<Socket> HELD = new CopyOnWriteArrayList<>();

    static {
        try {
            BLACK_HOLE = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(() -> {
            while (!BLACK_HOLE.isClosed()) {
                try {
                    HELD.add(BLACK_HOLE.accept());   // read nothing, answer nothing
                } catch (IOException closed) {
                    return;
                }
            }
        }, "black-hole");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
        String home = Files.createTempDirectory("on-demand-deadline-it").toString();
        registry.add("animerec.local.home", () -> home);
        registry.add("animerec.local.postgres-port", OnDemandDeadlineIT::freePort);
        registry.add("animerec.local.redis-port", OnDemandDeadlineIT::freePort);
        registry.add("MAL_BASE_URL", () -> "http://127.0.0.1:" + BLACK_HOLE.getLocalPort());
        registry.add("CRAWLER_MAL_PER_SECOND", () -> "50");
    }

    @AfterAll
    static void closeBlackHole() throws IOException {
        BLACK_HOLE.close();
        for (Socket socket : HELD) {
            socket.close();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    RedisConnectionFactory redis;

    private final HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(8)).build();

    private record Answer(String user, int status, long millis, String retryAfter, String body) {
    }

    private Answer get(String user) throws Exception {
        long started = System.nanoTime();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/users/" + user + "/recommendations")).build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(user, response.statusCode(), (System.nanoTime() - started) / 1_000_000,
                response.headers().firstValue("Retry-After").orElse(null), response.body());
    }

    private List<Answer> wave(String prefix, ExecutorService clients) throws Exception {
        List<Future<Answer>> futures = new ArrayList<>();
        for (int u = 0; u < 32; u++) {
            String user = prefix + u;
            futures.add(clients.submit(() -> get(user)));
        }
        List<Answer> answers = new ArrayList<>();
        for (Future<Answer> future : futures) {
            answers.add(future.get());
        }
        return answers;
    }

    @Test
    void thirtyTwoUnknownUsersAgainstAnUnreachableMalAllGetA503InTimeAndKnownUsersAreServedMeanwhile()
            throws Exception {
        TestPublication.publish(redis, "test-v1", "m1");
        assertThat(get("alice").status()).isEqualTo(200);

        AtomicBoolean running = new AtomicBoolean(true);
        List<Answer> known = new CopyOnWriteArrayList<>();
        Thread prober = new Thread(() -> {
            while (running.get()) {
                try {
                    known.add(get("alice"));
                    Thread.sleep(20);
                } catch (Exception e) {
                    known.add(new Answer("alice", -1, -1, null, e.toString()));
                    return;
                }
            }
        });
        prober.start();
        ExecutorService clients = Executors.newFixedThreadPool(32);
        try {
            for (String prefix : List.of("nobody_", "nobody_", "other_")) {
                List<Answer> answers = wave(prefix, clients);
                System.out.printf("OnDemandDeadlineIT: wave %s: 32 answers, slowest %d ms, statuses %s%n", prefix,
                        answers.stream().mapToLong(Answer::millis).max().orElse(-1),
                        answers.stream().map(Answer::status).distinct().toList());
                for (Answer answer : answers) {
                    assertThat(answer.status()).as(answer.toString()).isEqualTo(503);
                    assertThat(answer.millis()).as(answer.toString()).isLessThanOrEqualTo(DEADLINE_MS + 1_000);
                    assertThat(answer.retryAfter()).as(answer.toString()).isNotNull();
                    assertThat(Integer.parseInt(answer.retryAfter())).isBetween(1, 60);
                    assertThat(JSON.readTree(answer.body()).get("message").asText()).contains("MyAnimeList");
                }
            }
        } finally {
            running.set(false);
            prober.join();
            clients.shutdownNow();
        }
        System.out.printf("OnDemandDeadlineIT: known user meanwhile: %d requests, slowest %d ms%n", known.size(),
                known.stream().mapToLong(Answer::millis).max().orElse(-1));
        assertThat(known).hasSizeGreaterThan(20).allSatisfy(answer -> {
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            assertThat(answer.millis()).as("a known user waits for nobody").isLessThan(1_000);
        });
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
