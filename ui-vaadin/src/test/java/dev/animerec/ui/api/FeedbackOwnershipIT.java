package dev.animerec.ui.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.ui.ServingIT;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Feedback belongs to the viewer who gives it: client tokens, per-viewer picks, unknown users, rate limits. */
class FeedbackOwnershipIT extends ServingIT {

    private static Set<Integer> drawn(JsonNode page) {
        Set<Integer> ids = new HashSet<>();
        page.get("recommendations").forEach(item -> ids.add(item.get("anime").get("id").asInt()));
        return ids;
    }

    /** Everything alice's 20 best show under default filters, over several draws of k = 20 from 20 (all of them). */
    private Set<Integer> picks(String token) throws Exception {
        return drawn(json(get("/api/v1/users/alice/recommendations?k=20&from=20&seed=1", token)));
    }

    @Test
    void feedbackOfViewerANeverChangesThePicksViewerBSees() throws Exception {
        String viewerA = clientToken();
        String viewerB = clientToken();
        assertThat(viewerA).isNotEqualTo(viewerB);
        Set<Integer> before = picks(viewerB);
        List<Integer> hiddenByA = new ArrayList<>(before).subList(0, 3);
        for (int anime : hiddenByA) {
            HttpResponse<String> response = post("/api/v1/feedback",
                    "{\"username\":\"alice\",\"anime_id\":" + anime + ",\"type\":\"not-interested\"}", viewerA);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        }
        assertThat(picks(viewerA)).doesNotContainAnyElementsOf(hiddenByA);
        assertThat(picks(viewerB)).as("B's picks are what they were").isEqualTo(before);
        assertThat(drawn(json(get("/api/v1/users/alice/recommendations?k=20&from=20&seed=1"))))
                .as("no token: nobody's feedback").isEqualTo(before);

        HttpResponse<String> liked = post("/api/v1/feedback",
                "{\"username\":\"alice\",\"anime_id\":" + hiddenByA.get(0) + ",\"type\":\"like\"}", viewerB);
        assertThat(liked.statusCode()).isEqualTo(202);
        assertThat(picks(viewerA)).as("B's like does not bring A's not-interested back").doesNotContain(hiddenByA.get(0));
    }

    @Test
    void feedbackNeedsAValidTokenAndAUserServedHere() throws Exception {
        String body = "{\"username\":\"alice\",\"anime_id\":15,\"type\":\"not-interested\"}";
        HttpResponse<String> none = post("/api/v1/feedback", body);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(json(none).get("message").asText()).contains("client token");

        String token = clientToken();
        String forged = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
        assertThat(post("/api/v1/feedback", body, forged).statusCode()).as("a token we did not sign").isEqualTo(401);
        assertThat(get("/api/v1/users/alice/recommendations", forged).statusCode()).isEqualTo(401);

        HttpResponse<String> unknown = post("/api/v1/feedback",
                "{\"username\":\"nobody_here_42\",\"anime_id\":15,\"type\":\"not-interested\"}", token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("message").asText()).contains("no recommendations are served for this user");
        assertThat(post("/api/v1/feedback", "{\"username\":\"carol\",\"anime_id\":15,\"type\":\"like\"}", token)
                .statusCode()).as("a held user without batch picks is served").isEqualTo(202);
    }

    @Test
    void aFloodFromOneClientGetsTooManyRequestsWithRetryAfter() throws Exception {
        String token = clientToken();
        int accepted = 0;
        int limited = 0;
        HttpResponse<String> last = null;
        for (int i = 0; i < 800; i++) {
            HttpResponse<String> response = post("/api/v1/feedback",
                    "{\"username\":\"alice\",\"anime_id\":5,\"type\":\"opened-on-mal\"}", token);
            if (response.statusCode() == 202) {
                accepted++;
            } else {
                assertThat(response.statusCode()).isEqualTo(429);
                limited++;
                last = response;
            }
        }
        // burst 400 (ServingIT), refilled at 10 a second while the flood lasts
        assertThat(accepted).isBetween(400, 500);
        assertThat(limited).isGreaterThanOrEqualTo(300);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
                assertThat(Integer.parseInt(seconds)).isBetween(1, 60));
        assertThat(json(last).get("status").asInt()).isEqualTo(429);
        assertThat(post("/api/v1/feedback", "{\"username\":\"alice\",\"anime_id\":5,\"type\":\"opened-on-mal\"}",
                clientToken()).statusCode()).as("another client is not limited").isEqualTo(202);
    }
}
