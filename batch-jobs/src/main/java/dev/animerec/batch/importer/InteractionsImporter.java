package dev.animerec.batch.importer;

import dev.animerec.batch.warehouse.DeadLetterFile;
import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.InvalidItemException;
import dev.animerec.items.ListStatus;
import dev.animerec.items.ProfileItem;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Loads an interactions CSV ({@code username, anime_id, score, watching_status, watched_episodes}, optional
 * {@code start_date, finish_date, updated_at}; extra columns ignored) into the landing area as if each
 * user's list and profile had been crawled at {@code crawlDate}. Broken rows go to the import dead letters
 * with the reason; unknown anime and duplicate pairs are counted and landed anyway, for the ETL's rules.
 */
public class InteractionsImporter {

    static final String BAD_ROW = "bad rows (dead-lettered)";
    static final String DUPLICATE = "duplicate (user, anime) rows (first kept)";
    static final String UNKNOWN_ANIME = "rows with an anime id unknown to the metadata (the ETL drops them)";

    private final WarehousePaths paths;
    private final ItemOutput.Factory output;

    /** Imports into the landing area directly. */
    public InteractionsImporter(WarehousePaths paths) {
        this(paths, stem -> new LandingWriter(paths, stem));
    }

    /** Imports into the given output; dead letters still go under {@code paths}. */
    public InteractionsImporter(WarehousePaths paths, ItemOutput.Factory output) {
        this.paths = paths;
        this.output = output;
    }

    /**
     * @param knownAnimeIds the anime ids of the metadata, to report unknown ones; empty to skip the check
     * @param progress called with the number of rows read so far, every 50,000 rows
     */
    public ImportReport importFile(Path csv, Instant crawlDate, Set<Integer> knownAnimeIds, Consumer<Long> progress)
            throws IOException {
        ImportReport report = new ImportReport();
        String stem = "import-" + crawlDate.toEpochMilli();
        Map<String, UserCounts> users = new LinkedHashMap<>();
        try (CSVParser parser = CsvFiles.open(csv);
             ItemOutput items = output.open(stem + "-interactions");
             DeadLetterFile deadLetters = new DeadLetterFile(paths.deadLetter("import").resolve(stem + ".jsonl"))) {
            Map<String, Integer> columns = columns(parser);
            for (String required : new String[] {"username", "anime_id", "score", "watching_status",
                    "watched_episodes"}) {
                if (!columns.containsKey(required)) {
                    throw new IllegalArgumentException(csv + ": missing column '" + required + "' (found "
                            + columns.keySet() + ")");
                }
            }
            for (CSVRecord record : parser) {
                report.read();
                if (report.rowsRead() % 50_000 == 0) {
                    progress.accept(report.rowsRead());
                }
                AnimeListEntryItem entry;
                try {
                    entry = entry(record, columns, crawlDate);
                } catch (RuntimeException e) {
                    String reason = "line " + record.getRecordNumber() + ": " + e.getMessage();
                    deadLetters.write(reason, String.join(",", record.toList()), csv.toString());
                    report.problem(BAD_ROW, reason);
                    continue;
                }
                if (!knownAnimeIds.isEmpty() && !knownAnimeIds.contains(entry.animeId())) {
                    report.problem(UNKNOWN_ANIME, entry.username() + "/" + entry.animeId());
                }
                if (!items.write(entry)) {
                    report.problem(DUPLICATE, entry.username() + "/" + entry.animeId());
                    continue;
                }
                users.computeIfAbsent(entry.username().toLowerCase(Locale.ROOT), k -> new UserCounts(entry.username()))
                        .add(entry);
            }
            for (UserCounts user : users.values()) {
                items.write(user.profile(crawlDate));
            }
            items.counts().forEach((kind, count) -> report.landed(kind.wireName(), count));
        }
        return report;
    }

    private static AnimeListEntryItem entry(CSVRecord record, Map<String, Integer> columns, Instant crawlDate) {
        String username = text(record, columns, "username");
        if (username == null || !username.matches("[A-Za-z0-9_-]{2,16}")) {
            throw new InvalidItemException("username", "not a MAL username: '" + username + "'");
        }
        int animeId = integer(record, columns, "anime_id", true);
        String statusText = text(record, columns, "watching_status");
        ListStatus status = statusText == null || statusText.equals("0") ? null : ListStatus.parse(statusText);
        return AnimeListEntryItem.of("https://myanimelist.net/animelist/" + username, crawlDate, username, animeId,
                status, integer(record, columns, "score", false), integer(record, columns, "watched_episodes", false),
                date(record, columns, "start_date"), date(record, columns, "finish_date"),
                instant(record, columns, "updated_at"), null);
    }

    private static Map<String, Integer> columns(CSVParser parser) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < parser.getHeaderNames().size(); i++) {
            columns.putIfAbsent(CsvFiles.normalise(parser.getHeaderNames().get(i)), i);
        }
        // The 2019 / Hernan files call it "status" or "rating"; accept the obvious aliases.
        aliases(columns, "watching_status", "status", "my_status");
        aliases(columns, "score", "rating", "my_score");
        aliases(columns, "anime_id", "mal_id");
        aliases(columns, "watched_episodes", "my_watched_episodes", "num_watched_episodes");
        return columns;
    }

    private static void aliases(Map<String, Integer> columns, String name, String... aliases) {
        for (String alias : aliases) {
            if (!columns.containsKey(name) && columns.containsKey(alias)) {
                columns.put(name, columns.get(alias));
            }
        }
    }

    private static String text(CSVRecord record, Map<String, Integer> columns, String name) {
        Integer index = columns.get(name);
        if (index == null || index >= record.size()) {
            return null;
        }
        String value = record.get(index).trim();
        return value.isEmpty() ? null : value;
    }

    private static Integer integer(CSVRecord record, Map<String, Integer> columns, String name, boolean required) {
        String value = text(record, columns, name);
        if (value == null) {
            if (required) {
                throw new InvalidItemException(name, "is required");
            }
            return null;
        }
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            throw new InvalidItemException(name, "not a number: '" + value + "'");
        }
    }

    private static LocalDate date(CSVRecord record, Map<String, Integer> columns, String name) {
        String value = text(record, columns, name);
        if (value == null || value.startsWith("0000")) {
            return null;
        }
        try {
            return LocalDate.parse(value.length() > 10 ? value.substring(0, 10) : value);
        } catch (RuntimeException e) {
            throw new InvalidItemException(name, "not a date (YYYY-MM-DD): '" + value + "'");
        }
    }

    private static Instant instant(CSVRecord record, Map<String, Integer> columns, String name) {
        String value = text(record, columns, name);
        if (value == null) {
            return null;
        }
        try {
            return value.matches("\\d+") ? Instant.ofEpochSecond(Long.parseLong(value)) : Instant.parse(value);
        } catch (RuntimeException e) {
            throw new InvalidItemException(name, "not an ISO-8601 instant or epoch seconds: '" + value + "'");
        }
    }

    /** Per-user list counts, for the profile the import lands beside the list (the ETL needs known users). */
    private static final class UserCounts {
        private final String username;
        private final Map<ListStatus, Integer> byStatus = new HashMap<>();
        private long scoreSum;
        private int scored;
        private int total;

        UserCounts(String username) {
            this.username = username;
        }

        void add(AnimeListEntryItem entry) {
            total++;
            if (entry.status() != null) {
                byStatus.merge(entry.status(), 1, Integer::sum);
            }
            if (entry.score() != null && entry.score() > 0) {
                scoreSum += entry.score();
                scored++;
            }
        }

        ProfileItem profile(Instant crawlDate) {
            return ProfileItem.builder("https://myanimelist.net/profile/" + username, crawlDate, username)
                    .watching(byStatus.getOrDefault(ListStatus.WATCHING, 0))
                    .completed(byStatus.getOrDefault(ListStatus.COMPLETED, 0))
                    .onHold(byStatus.getOrDefault(ListStatus.ON_HOLD, 0))
                    .dropped(byStatus.getOrDefault(ListStatus.DROPPED, 0))
                    .planToWatch(byStatus.getOrDefault(ListStatus.PLAN_TO_WATCH, 0))
                    .totalEntries(total)
                    .meanScore(scored == 0 ? null : Math.round(100.0 * scoreSum / scored) / 100.0)
                    .build();
        }
    }
}
