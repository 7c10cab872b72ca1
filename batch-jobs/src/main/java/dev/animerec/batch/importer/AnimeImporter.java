package dev.animerec.batch.importer;

import dev.animerec.batch.warehouse.DeadLetterFile;
import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.AnimeStatistics;
import dev.animerec.items.ScoreCount;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads anime metadata in the layout of the MAL 2022 scrape ({@code anime_info.csv}: anime_id, title, type,
 * aired, premiered, studios, source, genres, rating, theme, anime_img_url) into the landing area as anime
 * items, joining the statistics files found beside it ({@code anime_site_stats}, {@code anime_watch_stats},
 * {@code anime_score_stats}, plain or .gz) when present.
 */
public class AnimeImporter {

    static final String BAD_ROW = "bad anime rows (dead-lettered)";
    static final String DUPLICATE = "duplicate anime ids (first kept)";
    static final String STATS_WITHOUT_ID = "statistics rows without a valid anime id (not joined)";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d, yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("MMM yyyy", Locale.ENGLISH);
    private static final Pattern PREMIERED = Pattern.compile("(?i)(winter|spring|summer|fall)\\s+(\\d{4})");

    private final WarehousePaths paths;
    private final ItemOutput.Factory output;

    /** Imports into the landing area directly. */
    public AnimeImporter(WarehousePaths paths) {
        this(paths, stem -> new LandingWriter(paths, stem));
    }

    /** Imports into the given output; dead letters still go under {@code paths}. */
    public AnimeImporter(WarehousePaths paths, ItemOutput.Factory output) {
        this.paths = paths;
        this.output = output;
    }

    /** Returns the report; {@code landedIds} receives every anime id landed (for the interactions' check). */
    public ImportReport importFile(Path animeInfo, Instant crawlDate, Set<Integer> landedIds) throws IOException {
        ImportReport report = new ImportReport();
        Map<Integer, Map<String, String>> site = table(CsvFiles.sibling(animeInfo, "anime_site_stats"), report);
        Map<Integer, Map<String, String>> watch = table(CsvFiles.sibling(animeInfo, "anime_watch_stats"), report);
        Map<Integer, Map<String, String>> scores = table(CsvFiles.sibling(animeInfo, "anime_score_stats"), report);
        String stem = "import-" + crawlDate.toEpochMilli();
        try (CSVParser parser = CsvFiles.open(animeInfo);
             ItemOutput items = output.open(stem + "-anime");
             DeadLetterFile deadLetters = new DeadLetterFile(
                     paths.deadLetter("import").resolve(stem + "-anime.jsonl"))) {
            Map<String, Integer> columns = columns(parser.getHeaderNames());
            for (String required : new String[] {"anime_id", "title"}) {
                if (!columns.containsKey(required)) {
                    throw new IllegalArgumentException(animeInfo + ": missing column '" + required + "'");
                }
            }
            for (CSVRecord record : parser) {
                report.read();
                AnimeItem anime;
                try {
                    anime = anime(new Row(record, columns), crawlDate, site, watch, scores);
                } catch (RuntimeException e) {
                    String reason = "line " + record.getRecordNumber() + ": " + e.getMessage();
                    deadLetters.write(reason, String.join(",", record.toList()), animeInfo.toString());
                    report.problem(BAD_ROW, reason);
                    continue;
                }
                if (!items.write(anime)) {
                    report.problem(DUPLICATE, String.valueOf(anime.animeId()));
                    continue;
                }
                landedIds.add(anime.animeId());
            }
            items.counts().forEach((kind, count) -> report.landed(kind.wireName(), count));
        }
        return report;
    }

    private static AnimeItem anime(Row row, Instant crawlDate, Map<Integer, Map<String, String>> site,
                                   Map<Integer, Map<String, String>> watch, Map<Integer, Map<String, String>> scores) {
        int animeId = row.integer("anime_id").orElseThrow(() -> new IllegalArgumentException("anime_id: is required"));
        String title = row.text("title").orElseThrow(() -> new IllegalArgumentException("title: is required"));
        AnimeItem.Builder anime = AnimeItem.builder("https://myanimelist.net/anime/" + animeId, crawlDate, animeId,
                        title)
                .type(row.text("type").orElse(null))
                .source(row.text("source").filter(s -> !s.equalsIgnoreCase("Unknown")).orElse(null))
                .studios(list(row.text("studios")))
                .genres(list(row.text("genres")))
                .themes(list(row.text("theme")))
                .rating(row.text("rating").filter(r -> !r.equalsIgnoreCase("None")).orElse(null))
                .mainPicture(row.text("anime_img_url").orElse(null));
        row.text("premiered").map(PREMIERED::matcher).filter(Matcher::matches).ifPresent(season -> anime
                .season(season.group(1).toLowerCase(Locale.ROOT)).seasonYear(Integer.valueOf(season.group(2))));
        Optional<String> aired = row.text("aired");
        LocalDate from = aired.map(text -> date(text.split(" to ")[0])).orElse(null);
        LocalDate to = aired.filter(text -> text.contains(" to ")).map(text -> date(text.split(" to ")[1])).orElse(null);
        anime.airedFrom(from).airedTo(to)
                .status(airingStatus(aired.orElse(null), from, crawlDate.atZone(ZoneOffset.UTC).toLocalDate()));

        Map<String, String> siteStats = site.getOrDefault(animeId, Map.of());
        anime.score(decimal(siteStats.get("score"))).scoredBy(number(siteStats.get("rating_count")))
                .rank(intOrNull(number(siteStats.get("ranked")))).popularity(intOrNull(number(siteStats.get("popularity"))))
                .members(number(siteStats.get("members"))).favorites(number(siteStats.get("favorites")));
        Map<String, String> watchStats = watch.get(animeId);
        Map<String, String> scoreStats = scores.get(animeId);
        if (watchStats != null || scoreStats != null) {
            Map<String, String> w = watchStats == null ? Map.of() : watchStats;
            List<ScoreCount> counts = new ArrayList<>();
            if (scoreStats != null) {
                for (int score = 10; score >= 1; score--) {
                    Long votes = number(scoreStats.get(String.valueOf(score)));
                    if (votes != null) {
                        counts.add(new ScoreCount(score, votes));
                    }
                }
            }
            anime.statistics(new AnimeStatistics(number(w.get("watching")), number(w.get("completed")),
                    number(w.get("on_hold")), number(w.get("dropped")), number(w.get("plan_to_watch")),
                    number(w.get("total")), counts));
        }
        return anime.build();
    }

    /**
     * The 2022 scrape has no status column; "X to ?" means still airing, a start after the crawl date means
     * not yet aired, any other known start means finished. Unknown dates give no status.
     */
    static String airingStatus(String aired, LocalDate from, LocalDate crawlDay) {
        if (aired == null || from == null) {
            return null;
        }
        if (from.isAfter(crawlDay)) {
            return "Not yet aired";
        }
        return aired.trim().endsWith("to ?") ? "Currently Airing" : "Finished Airing";
    }

    static LocalDate date(String text) {
        String value = text.trim();
        if (value.isEmpty() || value.equals("?") || value.equalsIgnoreCase("Not available")) {
            return null;
        }
        try {
            return LocalDate.parse(value, DAY);
        } catch (DateTimeParseException notDay) {
            try {
                return YearMonth.parse(value, MONTH).atDay(1);
            } catch (DateTimeParseException notMonth) {
                if (value.matches("\\d{4}")) {
                    return LocalDate.of(Integer.parseInt(value), 1, 1);
                }
                throw new IllegalArgumentException("aired: not a date: '" + value + "'");
            }
        }
    }

    private static List<String> list(Optional<String> text) {
        return text.filter(value -> !value.toLowerCase(Locale.ROOT).startsWith("none found"))
                .map(value -> Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    private static Double decimal(String text) {
        if (text == null || text.isBlank() || text.equalsIgnoreCase("N/A")) {
            return null;
        }
        return Double.valueOf(text.trim());
    }

    private static Long number(String text) {
        if (text == null) {
            return null;
        }
        String digits = text.replace(",", "").replace("#", "").trim();
        return digits.isEmpty() || digits.equalsIgnoreCase("N/A") ? null : Long.valueOf(digits);
    }

    private static Integer intOrNull(Long value) {
        return value == null ? null : Math.toIntExact(value);
    }

    private static Map<Integer, Map<String, String>> table(Optional<Path> file, ImportReport report)
            throws IOException {
        Map<Integer, Map<String, String>> rows = new HashMap<>();
        if (file.isEmpty()) {
            return rows;
        }
        try (CSVParser parser = CsvFiles.open(file.get())) {
            List<String> headers = parser.getHeaderNames().stream().map(CsvFiles::normalise).toList();
            Set<Integer> seen = new HashSet<>();
            for (CSVRecord record : parser) {
                Map<String, String> row = new HashMap<>();
                for (int i = 0; i < headers.size() && i < record.size(); i++) {
                    row.put(headers.get(i), record.get(i));
                }
                try {
                    int id = Integer.parseInt(row.getOrDefault("anime_id", "").trim());
                    if (seen.add(id)) {
                        rows.put(id, row);
                    }
                } catch (NumberFormatException rowWithoutId) {
                    // It cannot be joined to any anime (whose row still lands); say so instead of dropping it quietly.
                    report.problem(STATS_WITHOUT_ID, file.get().getFileName() + " line " + record.getRecordNumber());
                }
            }
        }
        return rows;
    }

    private static Map<String, Integer> columns(List<String> headers) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < headers.size(); i++) {
            columns.putIfAbsent(CsvFiles.normalise(headers.get(i)), i);
        }
        if (!columns.containsKey("anime_id") && columns.containsKey("mal_id")) {
            columns.put("anime_id", columns.get("mal_id"));
        }
        return columns;
    }

    /** A CSV row read by normalised column name. */
    private record Row(CSVRecord record, Map<String, Integer> columns) {
        Optional<String> text(String name) {
            Integer index = columns.get(name);
            if (index == null || index >= record.size()) {
                return Optional.empty();
            }
            String value = record.get(index).trim();
            return value.isEmpty() ? Optional.empty() : Optional.of(value);
        }

        Optional<Integer> integer(String name) {
            return text(name).map(value -> {
                try {
                    return Integer.valueOf(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + ": not a number: '" + value + "'");
                }
            });
        }
    }
}
