package dev.animerec.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.ui.ServingIT;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded fuzzing of the API with hostile usernames, parameters and bodies: never a 5xx, never reflected markup. */
class HostileInputIT extends ServingIT {

    private static final String MARKUP = "<script>alert(1)</script>";
    private static final List<String> HOSTILE = List.of(MARKUP, "\"><img src=x onerror=alert(1)>", "' OR 1=1 --",
            "../../etc/passwd", "%00", "\u0000", "a\u202eb", "日本語ユーザー", "x".repeat(5000), "-1", "NaN", "1e309",
            "${jndi:ldap://x}", "{{7*7}}", "null", "[]", "{}", "\\", "%", "%%", "..", "a b", "__proto__");

    @Test
    void hostileUsernamesAndParametersNeverCauseAFiveHundredOrReflectedMarkup() throws Exception {
        Random random = new Random(20261126);
        List<String> params = List.of("k", "from", "seed", "minScore", "minMembers", "genre", "excludeGenre", "type",
                "airing", "hideWatched", "noUnseenSequels");
        int requests = 0;
        for (String hostile : HOSTILE) {
            String encoded = URLEncoder.encode(hostile, StandardCharsets.UTF_8).replace("+", "%20");
            check(get("/api/v1/users/" + encoded + "/recommendations"));
            check(get("/api/v1/anime/" + encoded + "/similar"));
            String param = params.get(random.nextInt(params.size()));
            check(get("/api/v1/users/alice/recommendations?" + param + "=" + encoded));
            requests += 3;
        }
        for (int i = 0; i < 200; i++) {
            StringBuilder query = new StringBuilder("/api/v1/users/alice/recommendations?");
            for (int p = 0; p < 3; p++) {
                String value = random.nextBoolean() ? HOSTILE.get(random.nextInt(HOSTILE.size()))
                        : Long.toString(random.nextLong() % 1000);
                query.append(params.get(random.nextInt(params.size()))).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8)).append('&');
            }
            check(get(query.toString()));
            requests++;
        }
        assertThat(requests).isEqualTo(HOSTILE.size() * 3 + 200);
    }

    @Test
    void hostileBodiesNeverCauseAFiveHundredOrReflectedMarkup() throws Exception {
        Random random = new Random(7);
        List<String> bodies = new ArrayList<>(List.of("", "null", "[]", "{}", "{\"entries\":null}",
                "{\"entries\":[null]}", "{\"entries\":[{}]}", "{\"entries\":\"" + MARKUP + "\"}",
                "{\"entries\":[{\"anime_id\":\"" + MARKUP + "\",\"status\":\"completed\"}]}",
                "{\"entries\":[{\"anime_id\":1,\"status\":\"" + MARKUP + "\"}]}",
                "{\"entries\":[{\"anime_id\":1,\"status\":\"completed\",\"score\":99}]}",
                "{\"entries\":[{\"anime_id\":-5,\"status\":\"completed\"}]}",
                "{\"entries\":[{\"anime_id\":1e999,\"status\":\"completed\"}]}",
                "{\"username\":\"" + MARKUP + "\",\"anime_id\":1,\"type\":\"like\"}",
                "{\"username\":\"alice\",\"anime_id\":1,\"type\":\"" + MARKUP + "\"}",
                "{\"username\":\"alice\",\"anime_id\":1,\"type\":\"like\",\"context\":\"" + MARKUP + "\"}",
                "{\"username\":\"alice\",\"anime_id\":null,\"type\":\"like\"}", "{".repeat(10000), MARKUP));
        for (int i = 0; i < 100; i++) {
            byte[] noise = new byte[random.nextInt(200)];
            random.nextBytes(noise);
            bodies.add(new String(noise, StandardCharsets.ISO_8859_1));
        }
        for (String body : bodies) {
            check(post("/api/v1/recommendations", body));
            check(post("/api/v1/feedback", body));
        }
        HttpResponse<String> wrongType = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/v1/feedback")).header("Content-Type", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(MARKUP)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(wrongType.statusCode()).isEqualTo(415);
        assertThat(wrongType.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        check(wrongType);
    }

    private static void check(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.uri() + " -> " + response.body()).isBetween(200, 499);
        assertThat(response.body()).doesNotContain("<script>alert").doesNotContain("onerror=alert")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }
}
