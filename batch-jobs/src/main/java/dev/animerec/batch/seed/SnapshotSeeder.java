package dev.animerec.batch.seed;

import dev.animerec.batch.warehouse.DeadLetterFile;
import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.schedule.MalUrl;
import dev.animerec.schedule.ScheduleRepository;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Seeds the schedule from a snapshot folder: every anime id of {@code anime_info.csv.gz} and every username
 * of {@code animelist_2023.csv.gz}. Existing rows are left alone, so seeding twice adds nothing. Rows that
 * are not a valid id or username go to {@code warehouse/dead-letter/seed/} with the reason.
 */
@Component
public class SnapshotSeeder {

    static final String ANIME_FILE = "anime_info.csv.gz";
    static final String PROFILE_FILE = "animelist_2023.csv.gz";
    private static final int BATCH = 5_000;
    private static final Logger log = LoggerFactory.getLogger(SnapshotSeeder.class);

    private final ScheduleRepository repository;
    private final JdbcTemplate jdbc;
    private final Path localHome;

    public SnapshotSeeder(JdbcTemplate jdbc, @Value("${animerec.local.home:var}") Path localHome) {
        this.repository = new ScheduleRepository(jdbc);
        this.jdbc = jdbc;
        this.localHome = localHome;
    }

    public SeedResult seed(Path snapshot) throws IOException {
        Instant started = Instant.now();
        try (DeadLetterFile deadLetters = new DeadLetterFile(WarehousePaths.under(localHome).deadLetter("seed")
                .resolve("seed-" + started.toString().replace(':', '-') + ".jsonl"))) {
            Count anime = seedColumn(snapshot.resolve(ANIME_FILE), "anime_id",
                    id -> MalUrl.anime(Integer.parseInt(id.trim())), deadLetters);
            Count profiles = seedColumn(snapshot.resolve(PROFILE_FILE), "username", MalUrl::profile, deadLetters);
            return new SeedResult(anime.distinct, anime.added, profiles.distinct, profiles.added,
                    deadLetters.count(), deadLetters.count() == 0 ? null : deadLetters.file());
        }
    }

    private Count seedColumn(Path file, String column, Function<String, MalUrl> toUrl, DeadLetterFile deadLetters)
            throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("snapshot file missing: " + file.toAbsolutePath());
        }
        long started = System.nanoTime();
        Set<String> seen = new HashSet<>();
        List<MalUrl> batch = new ArrayList<>(BATCH);
        Count count = new Count();
        long rows = 0;
        try (Reader reader = new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
            if (!parser.getHeaderMap().containsKey(column)) {
                throw new IllegalArgumentException(file + " has no column '" + column + "' (header "
                        + parser.getHeaderNames() + ")");
            }
            for (CSVRecord record : parser) {
                rows++;
                String value = record.isSet(column) ? record.get(column) : null;
                MalUrl url;
                try {
                    url = toUrl.apply(value);
                } catch (RuntimeException e) {
                    deadLetters.write(column + " is not valid: " + e.getMessage(), String.join(",", record.values()),
                            file.getFileName() + ":" + record.getRecordNumber());
                    continue;
                }
                // Usernames are case-insensitive on MAL (and unique that way in profile_schedule).
                if (seen.add(url.url().toLowerCase(Locale.ROOT))) {
                    batch.add(url);
                    if (batch.size() == BATCH) {
                        flush(batch, count);
                    }
                }
            }
        }
        flush(batch, count);
        double seconds = Math.max(System.nanoTime() - started, 1) / 1e9;
        log.info("Seeded {}: {} rows, {} distinct urls, {} new ({} rows/s)", file.getFileName(), rows, count.distinct,
                count.added, String.format("%.0f", rows / seconds));
        return count;
    }

    private void flush(List<MalUrl> batch, Count count) {
        if (batch.isEmpty()) {
            return;
        }
        count.distinct += batch.size();
        count.added += repository.seed(withoutOtherSpellings(batch));
        batch.clear();
    }

    /** A profile already scheduled under another capitalisation is the same user: not a new row. */
    private List<MalUrl> withoutOtherSpellings(List<MalUrl> batch) {
        List<String> usernames = batch.stream().filter(url -> url.username() != null)
                .map(url -> url.username().toLowerCase(Locale.ROOT)).toList();
        if (usernames.isEmpty()) {
            return batch;
        }
        Set<String> known = new HashSet<>(jdbc.query(connection -> {
            var statement = connection.prepareStatement(
                    "SELECT lower(username) FROM profile_schedule WHERE lower(username) = ANY (?)");
            statement.setArray(1, connection.createArrayOf("text", usernames.toArray()));
            return statement;
        }, (row, number) -> row.getString(1)));
        return batch.stream().filter(url -> url.username() == null
                || !known.contains(url.username().toLowerCase(Locale.ROOT))).toList();
    }

    private static final class Count {
        long distinct;
        long added;
    }

    /** What a seeding did; {@code deadLetterFile} is null when every row was valid. */
    public record SeedResult(long animeUrls, long animeAdded, long profileUrls, long profileAdded, long deadLetters,
            Path deadLetterFile) {

        @Override
        public String toString() {
            return String.format("seed: anime %d urls (%d new), profiles %d urls (%d new), %d rows dead-lettered%s",
                    animeUrls, animeAdded, profileUrls, profileAdded, deadLetters,
                    deadLetterFile == null ? "" : " to " + deadLetterFile);
        }
    }
}
