package dev.animerec.crawler.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.AnimeItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Jikan v4 {@code /anime/{id}} (or {@code /full}): the anime's main info. */
public final class JikanAnimeParser {

    static final String KIND = "jikan anime";
    private final Json json = new Json(KIND);

    public AnimeItem.Builder parse(String body, String url, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            JsonNode data = json.object(json.read(body), "data");
            AnimeItem.Builder anime = AnimeItem.builder(url, crawlDate, json.requiredInt(data, "mal_id"),
                            json.requiredText(data, "title"))
                    .titleEnglish(Json.text(data, "title_english"))
                    .titleJapanese(Json.text(data, "title_japanese"))
                    .synopsis(Json.text(data, "synopsis"))
                    .type(Json.text(data, "type"))
                    .source(Json.text(data, "source"))
                    .episodes(json.integer(data, "episodes"))
                    .status(Json.text(data, "status"))
                    .season(Json.text(data, "season"))
                    .seasonYear(json.integer(data, "year"))
                    .studios(names(data.get("studios")))
                    .genres(names(data.get("genres")))
                    .themes(names(data.get("themes")))
                    .rating(Json.text(data, "rating"))
                    .score(json.decimal(data, "score"))
                    .scoredBy(json.longValue(data, "scored_by"))
                    .rank(json.integer(data, "rank"))
                    .popularity(json.integer(data, "popularity"))
                    .members(json.longValue(data, "members"))
                    .favorites(json.longValue(data, "favorites"));
            JsonNode images = data.path("images").path("jpg");
            anime.mainPicture(Json.text(images, "image_url"));
            JsonNode aired = data.get("aired");
            if (aired != null && aired.isObject()) {
                anime.airedFrom(json.date(aired, "from")).airedTo(json.date(aired, "to"));
            }
            // Validates the contract now, so a broken field is this answer's typed error, not the caller's.
            anime.build();
            return anime;
        });
    }

    static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode node : array) {
                String name = Json.text(node, "name");
                if (name != null) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
