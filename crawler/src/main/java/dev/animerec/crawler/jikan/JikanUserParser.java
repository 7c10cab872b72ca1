package dev.animerec.crawler.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.ClubRef;
import dev.animerec.items.Item;
import dev.animerec.items.ProfileItem;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Jikan v4 {@code /users/{name}/full} (or the plain {@code /users/{name}}): the profile with its anime
 * statistics; the favorites block of {@code /full} is mapped like {@code /favorites}.
 */
public final class JikanUserParser {

    static final String KIND = "jikan user";
    private final Json json = new Json(KIND);

    public Parsed parse(String body, String url, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            JsonNode data = json.object(json.read(body), "data");
            String username = json.requiredText(data, "username");
            Instant joined = json.instant(data, "joined");
            JsonNode anime = data.path("statistics").path("anime");
            List<ClubRef> clubs = new ArrayList<>();
            for (JsonNode club : data.path("clubs")) {
                clubs.add(new ClubRef(json.requiredInt(club, "mal_id"), Json.text(club, "name"),
                        Json.text(club, "url")));
            }
            ProfileItem profile = ProfileItem.builder(url, crawlDate, username)
                    .userId(json.longValue(data, "mal_id"))
                    .lastOnline(json.instant(data, "last_online"))
                    .joined(joined == null ? null : joined.atOffset(ZoneOffset.UTC).toLocalDate())
                    .gender(Json.text(data, "gender"))
                    .location(Json.text(data, "location"))
                    .daysWatched(json.decimal(anime, "days_watched"))
                    .meanScore(json.decimal(anime, "mean_score"))
                    .watching(json.integer(anime, "watching"))
                    .completed(json.integer(anime, "completed"))
                    .onHold(json.integer(anime, "on_hold"))
                    .dropped(json.integer(anime, "dropped"))
                    .planToWatch(json.integer(anime, "plan_to_watch"))
                    .totalEntries(json.integer(anime, "total_entries"))
                    .rewatched(json.integer(anime, "rewatched"))
                    .episodesWatched(json.longValue(anime, "episodes_watched"))
                    .clubs(clubs)
                    .build();
            List<Item> items = new ArrayList<>();
            items.add(profile);
            Parsed parsed = Parsed.of(items, java.util.Set.of());
            JsonNode favorites = data.get("favorites");
            if (favorites != null && favorites.isObject()) {
                parsed = parsed.plus(JikanFavoritesParser.favorites(json, favorites, url, username, crawlDate));
            }
            return parsed;
        });
    }
}
