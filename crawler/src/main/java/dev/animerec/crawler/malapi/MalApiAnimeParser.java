package dev.animerec.crawler.malapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.AnimeRecommendationItem;
import dev.animerec.items.AnimeStatistics;
import dev.animerec.items.Item;
import dev.animerec.items.RelatedAnimeItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MAL API v2 {@code GET /anime/{id}?fields=...} (see {@link #FIELDS}): the anime with its statistics,
 * pictures, related anime and recommendations in one answer. Built from the documented response shape
 * (https://myanimelist.net/apiconfig/references/api/v2); no real recording exists.
 */
public final class MalApiAnimeParser {

    public static final String FIELDS = "id,title,main_picture,alternative_titles,start_date,end_date,synopsis,"
            + "mean,rank,popularity,num_list_users,num_scoring_users,media_type,status,genres,num_episodes,"
            + "start_season,source,rating,studios,pictures,related_anime,recommendations,statistics";
    static final String KIND = "mal api anime";
    private final Json json = new Json(KIND);

    public Parsed parse(String body, String url, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            JsonNode root = json.read(body);
            int animeId = json.requiredInt(root, "id");
            JsonNode titles = root.path("alternative_titles");
            JsonNode season = root.path("start_season");
            JsonNode status = root.path("statistics").path("status");
            List<String> pictures = new ArrayList<>();
            for (JsonNode picture : root.path("pictures")) {
                String large = Json.text(picture, "large");
                pictures.add(large != null ? large : json.requiredText(picture, "medium"));
            }
            AnimeStatistics statistics = status.isObject() ? new AnimeStatistics(count(status, "watching"),
                    count(status, "completed"), count(status, "on_hold"), count(status, "dropped"),
                    count(status, "plan_to_watch"), json.longValue(root.path("statistics"), "num_list_users"),
                    List.of()) : null;
            AnimeItem anime = AnimeItem.builder(url, crawlDate, animeId, json.requiredText(root, "title"))
                    .titleEnglish(blankToNull(Json.text(titles, "en")))
                    .titleJapanese(blankToNull(Json.text(titles, "ja")))
                    .synopsis(Json.text(root, "synopsis"))
                    .mainPicture(Json.text(root.path("main_picture"), "large"))
                    .type(Json.text(root, "media_type"))
                    .source(Json.text(root, "source"))
                    .episodes(positiveOrNull(json.integer(root, "num_episodes")))
                    .status(Json.text(root, "status"))
                    .airedFrom(json.date(root, "start_date"))
                    .airedTo(json.date(root, "end_date"))
                    .season(Json.text(season, "season"))
                    .seasonYear(json.integer(season, "year"))
                    .studios(names(root.path("studios")))
                    .genres(names(root.path("genres")))
                    .rating(Json.text(root, "rating"))
                    .score(json.decimal(root, "mean"))
                    .scoredBy(json.longValue(root, "num_scoring_users"))
                    .rank(json.integer(root, "rank"))
                    .popularity(json.integer(root, "popularity"))
                    .members(json.longValue(root, "num_list_users"))
                    .statistics(statistics)
                    .pictures(pictures)
                    .build();
            List<Item> items = new ArrayList<>();
            items.add(anime);
            Set<MalUrl> links = new LinkedHashSet<>();
            for (JsonNode related : root.path("related_anime")) {
                JsonNode node = json.object(related, "node");
                int other = json.requiredInt(node, "id");
                items.add(RelatedAnimeItem.of(url, crawlDate, animeId, other,
                        json.requiredText(related, "relation_type").toLowerCase(Locale.ROOT),
                        Json.text(node, "title"), items.size() - 1));
                links.add(Links.anime("node.id", other));
            }
            for (JsonNode recommendation : root.path("recommendations")) {
                JsonNode node = json.object(recommendation, "node");
                int other = json.requiredInt(node, "id");
                items.add(AnimeRecommendationItem.of(url, crawlDate, animeId, other, Json.text(node, "title"), null,
                        json.integer(recommendation, "num_recommendations")));
                links.add(Links.anime("node.id", other));
            }
            return Parsed.of(items, links);
        });
    }

    private Long count(JsonNode status, String field) throws ParseException {
        // MAL API v2 sends these counts as strings ("watching": "1234").
        String text = Json.text(status, field);
        if (text == null) {
            return null;
        }
        if (!text.matches("\\d{1,18}")) {
            throw new ParseException(KIND, "statistics.status." + field, "not a count: '" + text + "'");
        }
        return Long.parseLong(text);
    }

    private static Integer positiveOrNull(Integer episodes) {
        return episodes == null || episodes == 0 ? null : episodes;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        for (JsonNode node : array) {
            String name = Json.text(node, "name");
            if (name != null) {
                names.add(name);
            }
        }
        return names;
    }
}
