package dev.animerec.crawler.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.AnimeRecommendationItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Jikan v4 {@code /anime/{id}/recommendations}: recommended anime with the number of recommenders. */
public final class JikanRecommendationsParser {

    static final String KIND = "jikan anime recommendations";
    private final Json json = new Json(KIND);

    public Parsed parse(String body, String url, int animeId, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            List<AnimeRecommendationItem> items = new ArrayList<>();
            Set<MalUrl> links = new LinkedHashSet<>();
            for (JsonNode recommendation : json.array(json.read(body), "data")) {
                JsonNode entry = json.object(recommendation, "entry");
                int other = json.requiredInt(entry, "mal_id");
                items.add(AnimeRecommendationItem.of(url, crawlDate, animeId, other, Json.text(entry, "title"),
                        Json.text(recommendation, "url"), json.integer(recommendation, "votes")));
                links.add(Links.anime("recommended_anime_id", other));
            }
            return Parsed.of(items, links);
        });
    }
}
