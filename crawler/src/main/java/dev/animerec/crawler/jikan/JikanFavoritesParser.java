package dev.animerec.crawler.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.FavoriteItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Jikan v4 {@code /users/{name}/favorites}: the user's favorite anime in their order. */
public final class JikanFavoritesParser {

    static final String KIND = "jikan user favorites";
    private final Json json = new Json(KIND);

    public Parsed parse(String body, String url, String username, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> favorites(json, json.object(json.read(body), "data"), url, username,
                crawlDate));
    }

    static Parsed favorites(Json json, JsonNode favorites, String url, String username, Instant crawlDate)
            throws ParseException {
        List<FavoriteItem> items = new ArrayList<>();
        Set<MalUrl> links = new LinkedHashSet<>();
        for (JsonNode anime : json.array(favorites, "anime")) {
            int animeId = json.requiredInt(anime, "mal_id");
            items.add(FavoriteItem.of(url, crawlDate, username, animeId, Json.text(anime, "title"), items.size()));
            links.add(Links.anime("anime_id", animeId));
        }
        return Parsed.of(items, links);
    }
}
