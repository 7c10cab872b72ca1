package dev.animerec.ingest;

import dev.animerec.items.AnimeItem;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.FriendItem;
import dev.animerec.items.Item;
import dev.animerec.items.ListStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Items built from rows of the real MAL snapshot copied into {@code src/test/resources/real}. */
public final class RealItems {

    private RealItems() {
    }

    /** The 60 anime-list rows of 3 real users (2023 Jikan crawl). */
    public static List<AnimeListEntryItem> listEntries(Instant crawlDate) {
        List<AnimeListEntryItem> items = new ArrayList<>();
        for (Map<String, String> row : csv("animelist_sample.csv")) {
            String user = row.get("username");
            items.add(AnimeListEntryItem.of("https://myanimelist.net/animelist/" + user + "/load.json?status=7&offset=0",
                    crawlDate, user, Integer.parseInt(row.get("anime_id")),
                    ListStatus.fromMalCode(Integer.parseInt(row.get("watching_status"))),
                    Integer.parseInt(row.get("score")), Integer.parseInt(row.get("watched_episodes")),
                    null, null, null, null));
        }
        return items;
    }

    /** The anime of those rows that the 2022 MAL scrape knows, with their site statistics. */
    public static List<AnimeItem> anime(Instant crawlDate) {
        Map<String, Map<String, String>> stats = new HashMap<>();
        for (Map<String, String> row : csv("anime_site_stats_sample.csv")) {
            stats.put(row.get("anime_id"), row);
        }
        List<AnimeItem> items = new ArrayList<>();
        for (Map<String, String> row : csv("anime_info_sample.csv")) {
            int id = Integer.parseInt(row.get("anime_id"));
            Map<String, String> stat = stats.getOrDefault(row.get("anime_id"), Map.of());
            items.add(AnimeItem.builder("https://myanimelist.net/anime/" + id, crawlDate, id, row.get("title"))
                    .type(blankToNull(row.get("type"))).source(blankToNull(row.get("source")))
                    .studios(split(row.get("studios"))).genres(split(row.get("genres")))
                    .themes(split(row.get("theme"))).rating(blankToNull(row.get("rating")))
                    .mainPicture(blankToNull(row.get("anime_img_url")))
                    .score(number(stat.get("score"), Double::valueOf))
                    .scoredBy(number(stat.get("rating_count"), Long::valueOf))
                    .rank(number(stat.get("ranked"), Integer::valueOf))
                    .popularity(number(stat.get("popularity"), Integer::valueOf))
                    .members(number(stat.get("members"), Long::valueOf))
                    .favorites(number(stat.get("favorites"), Long::valueOf))
                    .build());
        }
        return items;
    }

    /** Friendships between consecutive users of the sample (the snapshot has no friend lists). */
    public static List<FriendItem> friends(Instant crawlDate) {
        List<String> users = listEntries(crawlDate).stream().map(AnimeListEntryItem::username).distinct().toList();
        List<FriendItem> friends = new ArrayList<>();
        for (int i = 0; i + 1 < users.size(); i++) {
            friends.add(FriendItem.of("https://myanimelist.net/profile/" + users.get(i) + "/friends", crawlDate,
                    users.get(i), users.get(i + 1), null, null));
        }
        return friends;
    }

    public static List<Item> all(Instant crawlDate) {
        List<Item> items = new ArrayList<>();
        items.addAll(anime(crawlDate));
        items.addAll(listEntries(crawlDate));
        items.addAll(friends(crawlDate));
        return items;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static List<String> split(String value) {
        return value == null || value.isBlank() ? List.of()
                : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static <T> T number(String value, java.util.function.Function<String, T> parse) {
        // The scrape writes "N/A" for unscored or unranked anime.
        return value == null || value.isBlank() || value.trim().equals("N/A") ? null : parse.apply(value.trim());
    }

    /** A small RFC 4180 reader: quoted fields may hold commas and doubled quotes. */
    static List<Map<String, String>> csv(String name) {
        try (InputStream in = RealItems.class.getResourceAsStream("/real/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /real/" + name);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<String> header = fields(reader.readLine());
            List<Map<String, String>> rows = new ArrayList<>();
            String line;
            while ((line = reader.readLine()) != null) {
                List<String> values = fields(line);
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < header.size(); i++) {
                    row.put(header.get(i), i < values.size() ? values.get(i) : "");
                }
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> fields(String line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        fields.add(field.toString());
        return fields;
    }
}
