package dev.animerec.crawler.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.RelatedAnimeItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Jikan v4 {@code /anime/{id}/relations}: related anime with the relation type (manga entries skipped). */
public final class JikanRelationsParser {

    static final String KIND = "jikan anime relations";
    private final Json json = new Json(KIND);

    public Parsed parse(String body, String url, int animeId, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            List<RelatedAnimeItem> items = new ArrayList<>();
            Set<MalUrl> links = new LinkedHashSet<>();
            for (JsonNode relation : json.array(json.read(body), "data")) {
                String type = json.requiredText(relation, "relation").trim().toLowerCase(Locale.ROOT)
                        .replaceAll("[^a-z]+", "_");
                for (JsonNode entry : json.array(relation, "entry")) {
                    if (!"anime".equals(Json.text(entry, "type"))) {
                        continue;
                    }
                    int other = json.requiredInt(entry, "mal_id");
                    items.add(RelatedAnimeItem.of(url, crawlDate, animeId, other, type, Json.text(entry, "name"),
                            items.size()));
                    links.add(Links.anime("related_anime_id", other));
                }
            }
            return Parsed.of(items, links);
        });
    }
}
