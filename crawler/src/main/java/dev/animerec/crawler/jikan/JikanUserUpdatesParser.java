package dev.animerec.crawler.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.ActivityItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Jikan v4 {@code /users/{name}/userupdates}: the latest anime list updates (activity). */
public final class JikanUserUpdatesParser {

    static final String KIND = "jikan user updates";
    private final Json json = new Json(KIND);

    public Parsed parse(String body, String url, String username, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            JsonNode data = json.object(json.read(body), "data");
            List<ActivityItem> items = new ArrayList<>();
            Set<MalUrl> links = new LinkedHashSet<>();
            for (JsonNode update : json.array(data, "anime")) {
                int animeId = json.requiredInt(json.object(update, "entry"), "mal_id");
                Instant date = json.instant(update, "date");
                if (date == null) {
                    throw new ParseException(KIND, "date", "missing");
                }
                items.add(ActivityItem.of(url, crawlDate, username, animeId,
                        json.listStatus(update, "status"), json.integer(update, "score"),
                        json.integer(update, "episodes_seen"), json.integer(update, "episodes_total"), date));
                links.add(Links.anime("anime_id", animeId));
            }
            return Parsed.of(items, links);
        });
    }
}
