package dev.animerec.ui.ondemand;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.ui.ServingIT;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Users the batch never saw, fetched through the crawler's load.json client from recorded MAL pages. */
class OnDemandUsersIT extends ServingIT {

    @Autowired
    JdbcTemplate jdbc;

    private int requests(String user) {
        AtomicInteger count = MAL_LIST_REQUESTS.get(user);
        return count == null ? 0 : count.get();
    }

    @Test
    void anUnknownUserIsFetchedFoldedInCachedAndSeededIntoTheSchedule() throws Exception {
        HttpResponse<String> response = get("/api/v1/users/Littoface/recommendations?k=5&from=20&seed=1");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = json(response);
        assertThat(page.get("source").asText()).isEqualTo("on-demand");
        assertThat(page.get("notice").asText()).contains("158 entries");
        assertThat(page.get("recommendations")).hasSize(5);
        List<Integer> listed = new ArrayList<>();
        JSON.readTree(getClass().getClassLoader().getResource("mal/animelist_load_json_Littoface_offset0.json"))
                .forEach(entry -> listed.add(entry.get("anime_id").asInt()));
        page.get("recommendations").forEach(item -> {
            assertThat(listed).doesNotContain(item.get("anime").get("id").asInt());
            assertThat(item.get("reasons")).isNotEmpty();
        });
        assertThat(requests("Littoface")).isEqualTo(1);

        assertThat(get("/api/v1/users/littoface/recommendations?seed=2").statusCode()).isEqualTo(200);
        assertThat(requests("Littoface")).as("served from the Redis cache").isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM profile_schedule WHERE username = 'Littoface'",
                Long.class)).isEqualTo(1);
    }

    @Test
    void aPrivateOrUnknownUserGetsAClearMessageAndMalIsNotAskedAgain() throws Exception {
        HttpResponse<String> response = get("/api/v1/users/PrivateUser/recommendations");
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(json(response).get("message").asText()).contains("private or the user does not exist");
        assertThat(get("/api/v1/users/PrivateUser/recommendations").statusCode()).isEqualTo(404);
        assertThat(requests("PrivateUser")).isEqualTo(1);

        assertThat(get("/api/v1/users/NoSuchUser42/recommendations").statusCode()).isEqualTo(404);
    }

    @Test
    void concurrentRequestsForOneUserFetchOnce() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        List<Future<HttpResponse<String>>> responses = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            long seed = c;
            responses.add(clients.submit(() -> get("/api/v1/users/reltats/recommendations?seed=" + seed)));
        }
        for (Future<HttpResponse<String>> response : responses) {
            assertThat(response.get().statusCode()).isEqualTo(200);
        }
        clients.shutdown();
        assertThat(requests("reltats")).isEqualTo(1);
    }
}
