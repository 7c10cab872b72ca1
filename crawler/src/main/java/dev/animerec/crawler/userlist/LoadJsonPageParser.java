package dev.animerec.crawler.userlist;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.ListStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One page of MAL's list endpoint {@code /animelist/<user>/load.json?status=7&offset=N}: a JSON array of up
 * to {@link #PAGE_SIZE} entries; an empty array ends the list; {@code {"errors": [...]}} means private or
 * unknown.
 */
public final class LoadJsonPageParser {

    public static final int PAGE_SIZE = 300;
    static final String KIND = "mal load.json";

    private static final DateTimeFormatter MAL_DAY = DateTimeFormatter.ofPattern("MM-dd-yy");
    private final Json json = new Json(KIND);

    public List<AnimeListEntryItem> parse(String body, String url, String username, Instant crawlDate)
            throws ParseException {
        return Guard.parse(KIND, () -> {
            JsonNode root = json.read(body);
            if (root.isObject() && root.has("errors")) {
                throw new ParseException(KIND, "errors", "the list is private or unknown: " + root.get("errors"));
            }
            if (!root.isArray()) {
                throw new ParseException(KIND, "$", "expected an array of entries");
            }
            List<AnimeListEntryItem> entries = new ArrayList<>(root.size());
            for (JsonNode entry : root) {
                int animeId = json.requiredInt(entry, "anime_id");
                Integer status = json.integer(entry, "status");
                Boolean rewatching = flag(entry, "is_rewatching");
                Long updated = json.longValue(entry, "updated_at");
                entries.add(AnimeListEntryItem.of(url, crawlDate, username, animeId,
                        status == null ? null : ListStatus.fromMalCode(status), json.integer(entry, "score"),
                        json.integer(entry, "num_watched_episodes"), day(entry, "start_date_string"),
                        day(entry, "finish_date_string"), updated == null ? null : Instant.ofEpochSecond(updated),
                        rewatching));
            }
            return entries;
        });
    }

    /** MAL sends 0, 1, "0", "1" or "" (unknown) for its flags. */
    private static Boolean flag(JsonNode entry, String field) throws ParseException {
        String text = Json.text(entry, field);
        if (text == null || text.isBlank()) {
            return null;
        }
        return switch (text) {
            case "0", "false" -> false;
            case "1", "true" -> true;
            default -> throw new ParseException(KIND, field, "not a flag: '" + text + "'");
        };
    }

    /** MM-DD-YY; MAL writes an unknown day or month as 00 ("03-00-16"), a partial date kept as absent. */
    private static LocalDate day(JsonNode entry, String field) throws ParseException {
        String text = Json.text(entry, field);
        if (text == null || text.isBlank() || text.matches("\\d{2}-\\d{2}-\\d{2}") && text.contains("00-")) {
            return null;
        }
        try {
            return LocalDate.parse(text, MAL_DAY);
        } catch (DateTimeParseException e) {
            throw new ParseException(KIND, field, "not an MM-DD-YY date: '" + text + "'", e);
        }
    }
}
