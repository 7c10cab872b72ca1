package dev.animerec.crawler.malapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.AnimeListEntryItem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of MAL API v2 {@code GET /users/{name}/animelist?fields=list_status&limit=1000&nsfw=true}:
 * entries plus the url of the next page ({@code paging.next}), built from the documented response shape.
 */
public final class MalApiUserListPageParser {

    static final String KIND = "mal api user list";
    private final Json json = new Json(KIND);

    public record ListPage(List<AnimeListEntryItem> entries, String nextPageUrl) {
    }

    public ListPage parse(String body, String url, String username, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            JsonNode root = json.read(body);
            List<AnimeListEntryItem> entries = new ArrayList<>();
            for (JsonNode entry : json.array(root, "data")) {
                int animeId = json.requiredInt(json.object(entry, "node"), "id");
                JsonNode status = json.object(entry, "list_status");
                Boolean rewatching = status.has("is_rewatching") ? status.get("is_rewatching").asBoolean() : null;
                entries.add(AnimeListEntryItem.of(url, crawlDate, username, animeId,
                        json.listStatus(status, "status"), json.integer(status, "score"),
                        json.integer(status, "num_episodes_watched"), json.date(status, "start_date"),
                        json.date(status, "finish_date"), json.instant(status, "updated_at"), rewatching));
            }
            String next = Json.text(root.path("paging"), "next");
            return new ListPage(entries, next == null || next.isBlank() ? null : next);
        });
    }
}
