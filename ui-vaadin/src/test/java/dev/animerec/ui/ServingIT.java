package dev.animerec.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole serving app on a random port with its embedded Redis and PostgreSQL (own ports, temporary home),
 * a published test version, and MAL replaced by a local MockWebServer serving recorded load.json pages:
 * {@code Littoface} and {@code reltats} (the latter answered after 1 s, to overlap concurrent requests), and
 * {@code PrivateUser}, answered with MAL's recorded 400 error body. One Spring context for every IT class.
 */
@SpringBootTest(classes = ServingApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
public abstract class ServingIT {

    protected static final ObjectMapper JSON = new ObjectMapper();
    protected static final Path HOME;
    protected static final MockWebServer MAL = new MockWebServer();
    protected static final Map<String, AtomicInteger> MAL_LIST_REQUESTS = new ConcurrentHashMap<>();
    private static final int POSTGRES_PORT = freePort();
    private static final int REDIS_PORT = freePort();
    private static volatile boolean published;

    static {
        try {
            HOME = Files.createTempDirectory("serving-it");
            MAL.setDispatcher(new Dispatcher() {
                @Override
                public MockResponse dispatch(RecordedRequest request) {
                    String path = request.getPath();
                    if (path.equals("/robots.txt")) {
                        return new MockResponse().setBody("User-agent: *\nAllow: /\n");
                    }
                    if (path.startsWith("/animelist/")) {
                        String user = path.split("/")[2];
                        MAL_LIST_REQUESTS.computeIfAbsent(user, key -> new AtomicInteger()).incrementAndGet();
                        return switch (user) {
                            case "Littoface" -> json(200, fixture("animelist_load_json_Littoface_offset0.json"));
                            case "reltats" -> json(200, fixture("animelist_load_json_reltats_offset0.json"))
                                    .setBodyDelay(1, java.util.concurrent.TimeUnit.SECONDS);
                            case "PrivateUser" -> json(400, fixture("animelist_load_json_error_400.json"));
                            default -> json(404, "{\"errors\":[{\"message\":\"invalid request\"}]}");
                        };
                    }
                    return new MockResponse().setResponseCode(404);
                }
            });
            MAL.start(java.net.InetAddress.getLoopbackAddress(), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MockResponse json(int status, String body) {
        return new MockResponse().setResponseCode(status).setHeader("Content-Type", "application/json").setBody(body);
    }

    private static String fixture(String name) {
        try (InputStream in = ServingIT.class.getClassLoader().getResourceAsStream("mal/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("animerec.local.home", HOME::toString);
        registry.add("animerec.local.postgres-port", () -> POSTGRES_PORT);
        registry.add("animerec.local.redis-port", () -> REDIS_PORT);
        registry.add("MAL_BASE_URL", () -> "http://127.0.0.1:" + MAL.getPort());
        registry.add("CRAWLER_MAX_ATTEMPTS", () -> "1");
        registry.add("CRAWLER_MAL_PER_SECOND", () -> "50");
        // Every IT of this context posts from 127.0.0.1 (about 300 hostile bodies among them); the flood test of
        // FeedbackOwnershipIT sends twice the burst.
        registry.add("animerec.rate-limit.burst", () -> "400");
        registry.add("animerec.rate-limit.per-minute", () -> "600");
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected RedisConnectionFactory redis;

    protected final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void publishOnce() {
        if (!published) {
            TestPublication.publish(redis, "test-v1", "m1");
            published = true;
        }
    }

    protected HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> get(String pathAndQuery, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    protected HttpResponse<String> post(String path, String body, String token) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A new API client token ({@code POST /api/v1/clients}): a viewer of its own. */
    protected String clientToken() throws IOException, InterruptedException {
        HttpResponse<String> response = post("/api/v1/clients", "");
        if (response.statusCode() != 201) {
            throw new IllegalStateException("no client token: " + response.statusCode() + " " + response.body());
        }
        return json(response).get("token").asText();
    }

    protected static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
