package dev.animerec.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.ui.ServingIT;
import dev.animerec.testing.ConcurrentReaders;
import dev.animerec.ui.TestPublication;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * Readers hammering the API while new versions are published: every answer is a 200 of exactly one published
 * version (the model named in every reason is that version's model), never empty, and the last version published
 * is served within the pointer TTL (1 s).
 */
class PublishWhileServingIT extends ServingIT {

    @Test
    void readersHammeringTheApiDuringPublishesGetWholeAnswersOfOneVersion() throws Exception {
        Map<String, String> modelOf = new ConcurrentHashMap<>(Map.of("test-v1", "m1"));
        Set<String> versionsSeen = ConcurrentHashMap.newKeySet();
        ConcurrentReaders readers = ConcurrentReaders.start(4, () -> readOnce(modelOf, versionsSeen));
        List<String> published = List.of("hammer-v2", "hammer-v3", "hammer-v4", "hammer-v5");
        for (int p = 0; p < published.size(); p++) {
            String version = published.get(p);
            String model = p % 2 == 0 ? "m2" : "m1";
            // The model is known before the pointer flips, so no reader can see a version it cannot check.
            modelOf.put(version, model);
            TestPublication.publish(redis, version, model);
            Thread.sleep(1_500);
        }
        String last = published.get(published.size() - 1);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (!last.equals(json(get("/api/v1/users/alice/recommendations?k=5&from=40")).get("version").asText())) {
            assertThat(Instant.now()).as("the last published version is served").isBefore(deadline);
            Thread.sleep(50);
        }
        ConcurrentReaders.Outcome outcome = readers.stop();

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.reads()).isGreaterThan(100);
        assertThat(versionsSeen).as("the readers saw the flips").hasSizeGreaterThanOrEqualTo(3);
    }

    private String readOnce(Map<String, String> modelOf, Set<String> versionsSeen) {
        try {
            HttpResponse<String> response = get("/api/v1/users/alice/recommendations?k=5&from=40");
            if (response.statusCode() != 200) {
                return response.statusCode() + ": " + response.body();
            }
            JsonNode page = json(response);
            String version = page.get("version").asText();
            String model = modelOf.get(version);
            if (model == null) {
                return "an answer of a version never published: " + version;
            }
            versionsSeen.add(version);
            JsonNode recommendations = page.get("recommendations");
            if (recommendations.size() != 5) {
                return version + ": " + recommendations.size() + " recommendations";
            }
            for (JsonNode item : recommendations) {
                if (!item.get("reasons").toString().contains("model " + model)) {
                    return "mixed answer: version " + version + " of model " + model + " with reasons "
                            + item.get("reasons");
                }
            }
            return null;
        } catch (Exception e) {
            return e.toString();
        }
    }
}
