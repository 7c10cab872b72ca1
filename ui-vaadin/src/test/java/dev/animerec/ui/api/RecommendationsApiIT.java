package dev.animerec.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.ui.ServingIT;
import dev.animerec.ui.feedback.ClickStream;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

class RecommendationsApiIT extends ServingIT {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ClickStream clicks;

    private static List<Integer> ids(JsonNode items) {
        List<Integer> ids = new ArrayList<>();
        items.forEach(item -> ids.add(item.get("anime").get("id").asInt()));
        return ids;
    }

    @Test
    void aKnownUserGetsKDrawnFromTheTopFromWithReasonsAndTheSameSeedDrawsTheSameCards() throws Exception {
        HttpResponse<String> response = get("/api/v1/users/ALICE/recommendations?k=5&from=20&seed=7");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = json(response);
        assertThat(page.get("source").asText()).isEqualTo("batch");
        assertThat(page.get("username").asText()).isEqualTo("Alice");
        assertThat(page.get("seed").asLong()).isEqualTo(7);
        // 40 ranked; completed 14, dropped 13, 18 (on the list without a status) and 12 (the sequel of planned 11)
        // are hidden by default, planned 11 is not.
        assertThat(page.get("candidates").asInt()).isEqualTo(36);
        JsonNode recommendations = page.get("recommendations");
        assertThat(recommendations).hasSize(5);
        List<Integer> first = ids(recommendations);
        assertThat(first).doesNotContain(12, 13, 14, 18).allMatch(id -> id >= 11 && id <= 33);
        recommendations.forEach(item -> assertThat(item.get("reasons").get(0).asText()).startsWith("because you watched"));
        assertThat(recommendations.get(0).get("anime").get("url").asText()).startsWith("https://myanimelist.net/anime/");

        assertThat(ids(json(get("/api/v1/users/alice/recommendations?k=5&from=20&seed=7")).get("recommendations")))
                .isEqualTo(first);
        Set<List<Integer>> draws = new HashSet<>();
        for (long seed = 1; seed <= 5; seed++) {
            draws.add(ids(json(get("/api/v1/users/alice/recommendations?seed=" + seed)).get("recommendations")));
        }
        assertThat(draws).hasSizeGreaterThan(1);

        JsonNode lane = page.get("becauseYouWatched");
        assertThat(lane.get("anchor").get("id").asInt()).isEqualTo(1);
        assertThat(lane.get("anchorScore").asInt()).isEqualTo(9);
        assertThat(lane.get("items")).hasSize(5);
        assertThat(ids(lane.get("items"))).doesNotContain(1, 2, 13, 14);
    }

    @Test
    void aUserTheVersionHoldsWithoutBatchPicksIsFoldedInFromTheHeldListWithoutAskingMal() throws Exception {
        HttpResponse<String> response = get("/api/v1/users/Carol/recommendations?k=5&from=20&seed=4");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode page = json(response);
        assertThat(page.get("source").asText()).isEqualTo("held");
        assertThat(page.get("username").asText()).isEqualTo("Carol");
        assertThat(page.get("notice").asText()).contains("4 entries");
        assertThat(page.get("recommendations")).hasSize(5);
        assertThat(ids(page.get("recommendations"))).doesNotContain(3, 4, 5, 6);
        assertThat(page.get("becauseYouWatched").get("anchor").get("id").asInt()).isEqualTo(3);
        assertThat(MAL_LIST_REQUESTS).doesNotContainKeys("Carol", "carol");
    }

    @Test
    void theNextSeasonsLaneOffersTheSequelsOfCompletedShows() throws Exception {
        JsonNode page = json(get("/api/v1/users/alice/recommendations?k=1&from=1&seed=2"));
        JsonNode next = page.get("nextSeasons");
        assertThat(ids(next)).as("17 follows 14, which alice completed; 12 follows 11, which she only plans")
                .containsExactly(17);
        assertThat(next.get(0).get("reasons").get(0).asText()).isEqualTo("the next season of Anime 14, which you"
                + " completed and scored 8");
        assertThat(ids(page.get("recommendations"))).doesNotContain(17);
        JsonNode noSequel = json(get("/api/v1/users/alice/recommendations?k=1&from=1&seed=2&excludeType="
                + dev.animerec.ui.TestPublication.TYPES[17 % dev.animerec.ui.TestPublication.TYPES.length]));
        assertThat(noSequel.get("nextSeasons")).as("the lane obeys the filters").isEmpty();
    }

    @Test
    void filtersApply() throws Exception {
        JsonNode drama = json(get("/api/v1/users/alice/recommendations?k=20&from=40&genre=drama&seed=1"));
        assertThat(drama.get("recommendations")).isNotEmpty().allSatisfy(item ->
                assertThat(item.get("anime").get("genres").toString()).contains("Drama"));
        JsonNode noComedy = json(get("/api/v1/users/alice/recommendations?k=20&from=40&excludeGenre=Comedy&seed=1"));
        assertThat(noComedy.get("recommendations")).isNotEmpty().allSatisfy(item ->
                assertThat(item.get("anime").get("genres").toString()).doesNotContain("Comedy"));
        JsonNode movies = json(get("/api/v1/users/alice/recommendations?k=20&from=40&type=Movie&minScore=7&seed=1"));
        assertThat(movies.get("recommendations")).isNotEmpty().allSatisfy(item -> {
            assertThat(item.get("anime").get("type").asText()).isEqualTo("Movie");
            assertThat(item.get("anime").get("score").asDouble()).isGreaterThanOrEqualTo(7);
        });
        JsonNode airing = json(get("/api/v1/users/alice/recommendations?k=20&from=40&airing=airing&seed=1"));
        assertThat(ids(airing.get("recommendations"))).containsExactlyInAnyOrder(20, 30, 40, 50);
        JsonNode members = json(get("/api/v1/users/alice/recommendations?k=20&from=40&minMembers=45000&seed=1"));
        assertThat(ids(members.get("recommendations"))).allMatch(id -> id >= 45);

        // 12 is the sequel of 11, which alice only plans to watch: left out by default.
        assertThat(ids(json(get("/api/v1/users/alice/recommendations?k=20&from=20&seed=1")).get("recommendations")))
                .contains(11).doesNotContain(12, 18);
        assertThat(ids(json(get("/api/v1/users/alice/recommendations?k=20&from=20&seed=1&noUnseenSequels=false"))
                .get("recommendations"))).contains(11, 12);
        assertThat(ids(json(get("/api/v1/users/alice/recommendations?k=20&from=20&seed=1&hidePlanned=true"
                + "&noUnseenSequels=false")).get("recommendations"))).doesNotContain(11).contains(12);
        assertThat(ids(json(get("/api/v1/users/alice/recommendations?k=20&from=20&seed=1&hideWatched=false"))
                .get("recommendations"))).contains(14);
    }

    @Test
    void notInterestedSticksAndFeedbackIsLoggedAsClickStreamEvents() throws Exception {
        // rank 5 for alice; the filter test's expectations leave it out of account
        int target = 15;
        String token = clientToken();
        assertThat(ids(json(get("/api/v1/users/alice/recommendations?k=20&from=20&seed=3", token))
                .get("recommendations"))).contains(target);
        HttpResponse<String> accepted = post("/api/v1/feedback",
                "{\"username\":\"alice\",\"anime_id\":" + target + ",\"type\":\"not-interested\"}", token);
        assertThat(accepted.statusCode()).isEqualTo(202);
        for (long seed = 1; seed <= 5; seed++) {
            assertThat(ids(json(get("/api/v1/users/Alice/recommendations?k=20&from=20&seed=" + seed, token))
                    .get("recommendations"))).doesNotContain(target);
        }
        int liked = 16;
        assertThat(post("/api/v1/feedback", "{\"username\":\"alice\",\"anime_id\":" + liked + ",\"type\":\"like\"}",
                token).statusCode()).isEqualTo(202);
        JsonNode page = json(get("/api/v1/users/alice/recommendations?k=20&from=40&seed=1", token));
        page.get("recommendations").forEach(item -> {
            if (item.get("anime").get("id").asInt() == liked) {
                assertThat(item.get("feedback").asText()).isEqualTo("like");
            }
        });
        assertThat(post("/api/v1/feedback", "{\"username\":\"alice\",\"anime_id\":5,\"type\":\"opened-on-mal\"}",
                token).statusCode()).isEqualTo(202);

        clicks.flush();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM clickstream_event WHERE username = 'alice'"
                + " AND event_type = 'not_interested' AND anime_id = ?", Long.class, target)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM clickstream_event WHERE event_type = 'opened_on_mal'"
                + " AND anime_id = 5", Long.class)).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM clickstream_event WHERE lower(username) = 'alice'"
                + " AND event_type = 'impression'", Long.class)).isGreaterThanOrEqualTo(20);
        assertThat(jdbc.queryForObject("SELECT feedback FROM user_feedback WHERE username_key = 'alice'"
                + " AND anime_id = ? AND viewer_id <> ''", String.class, target)).isEqualTo("not_interested");
    }

    @Test
    void anAnonymousListIsFoldedIn() throws Exception {
        HttpResponse<String> response = post("/api/v1/recommendations?k=5&from=20&seed=9",
                "{\"entries\":[{\"anime_id\":1,\"status\":\"completed\",\"score\":9},"
                        + "{\"anime_id\":2,\"status\":\"completed\",\"score\":8},"
                        + "{\"anime_id\":3,\"status\":\"watching\"},{\"anime_id\":4,\"status\":\"dropped\",\"score\":2},"
                        + "{\"anime_id\":999999,\"status\":\"completed\",\"score\":10}]}");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode page = json(response);
        assertThat(page.get("source").asText()).isEqualTo("anonymous");
        assertThat(page.get("recommendations")).hasSize(5);
        assertThat(ids(page.get("recommendations"))).doesNotContain(1, 2, 3, 4);
        assertThat(page.get("notice").asText()).contains("1 anime");
        assertThat(page.get("becauseYouWatched").get("anchor").get("id").asInt()).isEqualTo(1);
    }

    @Test
    void similarAnimeAndUnknownIds() throws Exception {
        JsonNode similar = json(get("/api/v1/anime/5/similar?limit=10"));
        assertThat(similar.get("similar")).hasSize(10);
        assertThat(similar.get("similar").get(0).get("id").asInt()).isEqualTo(5 % 60 + 1);
        HttpResponse<String> unknown = get("/api/v1/anime/999999/similar");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("message").asText()).contains("no anime with this id");
    }

    @Test
    void badInputGetsAClearFourHundredAsJson() throws Exception {
        String token = clientToken();
        assertError(get("/api/v1/users/a/recommendations"), 400, "2 to 16 letters");
        assertError(get("/api/v1/users/seventeen_chars_x/recommendations"), 400, "2 to 16 letters");
        assertError(get("/api/v1/users/alice/recommendations?k=0"), 400, "k must be between");
        assertError(get("/api/v1/users/alice/recommendations?k=abc"), 400, "'k'");
        assertError(get("/api/v1/users/alice/recommendations?from=500"), 400, "from must be");
        assertError(get("/api/v1/users/alice/recommendations?minScore=11"), 400, "minimum MAL score");
        assertError(get("/api/v1/users/alice/recommendations?airing=soon"), 400, "airing status");
        assertError(get("/api/v1/users/alice/recommendations?minMembers=-1"), 400, "must not be negative");
        assertError(get("/api/v1/users/alice/recommendations?hideWatched=maybe"), 400, "'hideWatched' has the wrong type");
        assertError(get("/api/v1/users/alice/recommendations?seed=%3Cb%3E"), 400, "'seed' has the wrong type");
        assertError(post("/api/v1/recommendations?k=21", "{\"entries\":[{\"anime_id\":1,\"status\":\"completed\"}]}"),
                400, "k must be between");
        assertError(post("/api/v1/recommendations?minScore=x", "{\"entries\":[{\"anime_id\":1,\"status\":\"completed\"}]}"),
                400, "'minScore' has the wrong type");
        assertError(get("/api/v1/anime/abc/similar"), 400, "'id'");
        assertError(post("/api/v1/feedback", "{\"username\":\"alice\",\"anime_id\":5,\"type\":\"love\"}", token), 400,
                "feedback type");
        assertError(post("/api/v1/feedback", "{\"username\":\"alice\",\"anime_id\":424242,\"type\":\"like\"}", token),
                404, "no anime");
        assertError(post("/api/v1/feedback", "not json", token), 400, "not JSON");
        assertError(post("/api/v1/recommendations", "{\"entries\":[]}"), 400, "list is empty");
        assertError(post("/api/v1/recommendations", "{\"entries\":[{\"anime_id\":1,\"status\":\"loved\"}]}"), 400,
                "status must be");
        assertError(post("/api/v1/recommendations", "{\"entries\":[{\"anime_id\":999999,\"status\":\"completed\"}]}"),
                400, "none of the 1 anime");
        assertError(get("/api/v1/nothing-here"), 404, "no such API resource");
    }

    private static void assertError(HttpResponse<String> response, int status, String message) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(json(response).get("message").asText()).contains(message);
    }

    @Test
    void theOpenApiDocumentDescribesTheApi() throws Exception {
        HttpResponse<String> response = get("/v3/api-docs");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode paths = json(response).get("paths");
        assertThat(paths.has("/api/v1/users/{username}/recommendations")).isTrue();
        assertThat(paths.has("/api/v1/recommendations")).isTrue();
        assertThat(paths.has("/api/v1/anime/{id}/similar")).isTrue();
        assertThat(paths.has("/api/v1/feedback")).isTrue();
        for (String path : new String[] {"/api/v1/users/{username}/recommendations", "/api/v1/recommendations"}) {
            JsonNode operation = paths.get(path).elements().next();
            List<String> query = new ArrayList<>();
            operation.get("parameters").forEach(parameter -> {
                if (parameter.get("in").asText().equals("query")) {
                    query.add(parameter.get("name").asText());
                }
            });
            assertThat(query).as(path).containsExactlyInAnyOrder("k", "from", "seed", "hideWatched", "hideDropped",
                    "hidePlanned", "noUnseenSequels", "genre", "excludeGenre", "type", "excludeType", "minScore",
                    "minMembers", "airing");
        }
    }
}
