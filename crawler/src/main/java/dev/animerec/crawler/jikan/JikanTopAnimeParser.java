package dev.animerec.crawler.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.schedule.MalUrl;
import java.util.LinkedHashSet;
import java.util.Set;

/** Jikan v4 {@code /top/anime?page=N}: anime urls to seed the schedule with. */
public final class JikanTopAnimeParser {

    static final String KIND = "jikan top anime";
    private final Json json = new Json(KIND);

    public record TopPage(Set<MalUrl> anime, boolean hasNextPage) {
    }

    public TopPage parse(String body) throws ParseException {
        return Guard.parse(KIND, () -> {
            JsonNode root = json.read(body);
            Set<MalUrl> anime = new LinkedHashSet<>();
            for (JsonNode entry : json.array(root, "data")) {
                anime.add(Links.anime("mal_id", json.requiredInt(entry, "mal_id")));
            }
            return new TopPage(anime, root.path("pagination").path("has_next_page").asBoolean());
        });
    }
}
