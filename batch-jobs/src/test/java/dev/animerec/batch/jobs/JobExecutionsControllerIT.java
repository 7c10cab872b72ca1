package dev.animerec.batch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.batch.BatchJobsApplication;
import dev.animerec.batch.TestDatabase;
import dev.animerec.batch.schedule.CrawlScheduleLauncher;
import dev.animerec.schedule.UrlKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The REST side of job operations over a real HTTP port. */
@SpringBootTest(classes = BatchJobsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.data.redis.host=127.0.0.1")
class JobExecutionsControllerIT {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::jdbcUrl);
    }

    @LocalServerPort
    private int port;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private CrawlScheduleLauncher launcher;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void listsExecutionsNewestFirstAndRefusesToRestartACompletedOne() throws Exception {
        TestDatabase.clean(jdbc);
        jdbc.update("INSERT INTO anime_schedule (url, anime_id) VALUES ('https://myanimelist.net/anime/1', 1)");
        long first = launcher.run(UrlKind.ANIME, 5).executionId();
        long second = launcher.run(UrlKind.PROFILE, 5).executionId();

        HttpResponse<String> list = http.send(HttpRequest.newBuilder(uri("/jobs/executions?limit=5")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        JsonNode executions = json.readTree(list.body());
        assertThat(executions).hasSize(2);
        assertThat(executions.get(0).get("id").asLong()).isEqualTo(second);
        assertThat(executions.get(1).get("id").asLong()).isEqualTo(first);
        assertThat(executions.get(1).get("jobName").asText()).isEqualTo("crawl-schedule");
        assertThat(executions.get(1).get("status").asText()).isEqualTo("COMPLETED");
        assertThat(executions.get(1).get("written").asLong()).isEqualTo(1);
        assertThat(executions.get(1).get("parameters").get("kind").asText()).isEqualTo("anime");

        HttpResponse<String> completed = post("/jobs/executions/" + first + "/restart");
        assertThat(completed.statusCode()).isEqualTo(409);
        assertThat(json.readTree(completed.body()).get("error").asText()).contains(String.valueOf(first));
        assertThat(post("/jobs/executions/424242/restart").statusCode()).isEqualTo(404);
        assertThat(http.send(HttpRequest.newBuilder(uri("/jobs/executions?limit=0")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(400);
    }

    private HttpResponse<String> post(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
