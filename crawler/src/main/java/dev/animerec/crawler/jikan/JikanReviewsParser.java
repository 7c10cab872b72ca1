package dev.animerec.crawler.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.ReviewItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Jikan v4 {@code /anime/{id}/reviews}: reviews with their per-criterion scores. */
public final class JikanReviewsParser {

    static final String KIND = "jikan anime reviews";
    private final Json json = new Json(KIND);

    public Parsed parse(String body, String url, int animeId, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            List<ReviewItem> items = new ArrayList<>();
            Set<MalUrl> links = new LinkedHashSet<>();
            for (JsonNode review : json.array(json.read(body), "data")) {
                String reviewer = json.requiredText(json.object(review, "user"), "username");
                JsonNode scores = review.path("scores");
                Instant date = json.instant(review, "date");
                items.add(new ReviewItem(null, 0, url, crawlDate, animeId, reviewer, json.longValue(review, "mal_id"),
                        date == null ? null : date.atOffset(ZoneOffset.UTC).toLocalDate(),
                        json.integer(review, "votes"), json.integer(scores, "overall"), json.integer(scores, "story"),
                        json.integer(scores, "animation"), json.integer(scores, "sound"),
                        json.integer(scores, "character"), json.integer(scores, "enjoyment"),
                        json.integer(review, "episodes_watched")));
                links.add(Links.profile("reviewer", reviewer));
            }
            return Parsed.of(items, links);
        });
    }
}
