package dev.animerec.batch.publish;

import dev.animerec.batch.warehouse.DeadLetterFile;
import dev.animerec.pipeline.Progress;
import dev.animerec.published.RedisLayout;
import dev.animerec.userlist.UserList;
import dev.animerec.userlist.UserListCodec;
import static dev.animerec.published.RedisLayout.bytes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work of each publish step: read one source table, write it as one hash of the new version, in batches,
 * with a progress line per 10,000 rows. Each step overwrites its fields, so a restarted step ends as an
 * uninterrupted one would.
 */
public class PublishSteps {

    private static final Logger log = LoggerFactory.getLogger(PublishSteps.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RedisVersionStore store;
    private final int batchSize;

    public PublishSteps(RedisVersionStore store, int batchSize) {
        this.store = store;
        this.batchSize = batchSize;
    }

    /**
     * Anime cards: the fields a card and the filters need, plus the prequels (for "no sequels of unseen seasons") and,
     * among them, those the ETL inferred from titles and air dates rather than crawled ({@code inferred_prequels}),
     * so the UI can say so.
     */
    public long cards(PublishInputs inputs, String version) {
        Map<Integer, List<Integer>> prequels = new HashMap<>();
        Map<Integer, List<Integer>> inferredPrequels = new HashMap<>();
        Path relations = inputs.processedTable("anime_anime");
        if (Files.exists(relations)) {
            try (ParquetTables tables = new ParquetTables()) {
                // Processed versions written before issue 21 have no relation_source: every relation was crawled.
                boolean labelled = tables.stream("SELECT name FROM parquet_schema(?) WHERE name = 'relation_source'",
                        row -> { }, relations) > 0;
                tables.stream("SELECT anime_id, other_anime_id, "
                                + (labelled ? "relation_source = 'inferred'" : "FALSE") + " AS inferred"
                                + " FROM read_parquet(?) WHERE source = 'related' AND lower(relation_type) = 'sequel'",
                        row -> {
                            prequels.computeIfAbsent(row.getInt(2), id -> new ArrayList<>()).add(row.getInt(1));
                            if (row.getBoolean(3)) {
                                inferredPrequels.computeIfAbsent(row.getInt(2), id -> new ArrayList<>()).add(row.getInt(1));
                            }
                        }, relations);
            }
        }
        try (ParquetTables tables = new ParquetTables()) {
            Batch batch = new Batch(version, RedisLayout.CARDS, "cards");
            tables.stream("SELECT anime_id, title, title_english, type, episodes, status, season, season_year,"
                    + " genres, themes, studios, score, members, main_picture, mal_url FROM read_parquet(?)"
                    + " ORDER BY anime_id", row -> {
                        int id = row.getInt("anime_id");
                        ObjectNode card = JSON.createObjectNode();
                        card.put("id", id);
                        card.put("title", row.getString("title"));
                        card.put("title_english", row.getString("title_english"));
                        card.put("type", row.getString("type"));
                        card.put("episodes", integer(row.getObject("episodes")));
                        card.put("status", row.getString("status"));
                        card.put("season", row.getString("season"));
                        card.put("year", integer(row.getObject("season_year")));
                        card.set("genres", strings(row.getArray("genres")));
                        card.set("themes", strings(row.getArray("themes")));
                        card.set("studios", strings(row.getArray("studios")));
                        Object score = row.getObject("score");
                        card.put("score", score == null ? null : ((Number) score).doubleValue());
                        Object members = row.getObject("members");
                        card.put("members", members == null ? null : ((Number) members).longValue());
                        card.put("picture", row.getString("main_picture"));
                        card.put("url", row.getString("mal_url") != null ? row.getString("mal_url")
                                : "https://myanimelist.net/anime/" + id);
                        ArrayNode before = card.putArray("prequels");
                        prequels.getOrDefault(id, List.of()).forEach(before::add);
                        ArrayNode inferred = card.putArray("inferred_prequels");
                        inferredPrequels.getOrDefault(id, List.of()).forEach(inferred::add);
                        batch.add(Integer.toString(id), card);
                    }, inputs.processedTable("anime"));
            return batch.finish();
        }
    }

    /**
     * Each user's list as they have it: every row of the ETL's uncleaned {@code user_list} (status, own score,
     * progress, dates), never the training table {@code user_anime}, whose cleaning rules drop rows a person still
     * has (a dropped anime with no progress, say). Written in the one Redis form of {@link UserListCodec}; the
     * anchor of "because you watched" is the contract's one "last completed" rule. A processed version without
     * {@code user_list} (an ETL older than the table) fails the step: serving cleaned lists would recommend anime
     * people already have.
     */
    public long lists(PublishInputs inputs, String version) {
        Path table = inputs.processedTable("user_list");
        if (!Files.exists(table)) {
            throw new IllegalStateException("publish input missing: " + table.toAbsolutePath() + " (the held lists,"
                    + " written by the ETL since issue 15): run ./anime-rec etl again to write a processed version"
                    + " with it");
        }
        try (ParquetTables tables = new ParquetTables()) {
            Batch batch = new Batch(version, RedisLayout.LISTS, "lists");
            ListCollector current = new ListCollector(batch);
            tables.stream("SELECT username, anime_id, status, score, episodes_watched, finish_date, updated_at"
                    + " FROM read_parquet(?) WHERE username IS NOT NULL AND anime_id IS NOT NULL"
                    + " ORDER BY lower(username), anime_id", current::add, table);
            current.flush();
            return batch.finish();
        }
    }

    /** The batch top-100 per user with reasons; entries whose anime has no card are dead-lettered. */
    public long recommendations(PublishInputs inputs, String version, Set<Integer> knownAnime) {
        Path deadLetters = inputs.home().resolve("warehouse").resolve("dead-letter").resolve("publish")
                .resolve("recommendations-" + version.replace(':', '-') + ".jsonl");
        try (ParquetTables tables = new ParquetTables(); DeadLetterFile dead = new DeadLetterFile(deadLetters)) {
            Batch batch = new Batch(version, RedisLayout.RECOMMENDATIONS, "recommendations");
            String[] username = {null};
            ObjectNode[] list = {null};
            tables.stream("SELECT username, anime_id, rank, score, reasons FROM read_parquet(?)"
                    + " ORDER BY lower(username), rank", row -> {
                        String user = row.getString(1);
                        int animeId = row.getInt(2);
                        if (!knownAnime.contains(animeId)) {
                            dead.write("anime " + animeId + " has no card in processed version "
                                    + inputs.processedVersion(), user + "," + animeId + "," + row.getInt(3),
                                    inputs.recommendations().toString());
                            return;
                        }
                        if (!user.equalsIgnoreCase(username[0])) {
                            if (list[0] != null) {
                                batch.add(username[0].toLowerCase(Locale.ROOT), list[0]);
                            }
                            username[0] = user;
                            list[0] = JSON.createObjectNode();
                            list[0].put("username", user);
                            list[0].putArray("items");
                        }
                        ObjectNode item = ((ArrayNode) list[0].get("items")).addObject();
                        item.put("id", animeId);
                        item.put("rank", row.getInt(3));
                        item.put("score", row.getDouble(4));
                        item.set("reasons", strings(row.getArray(5)));
                    }, inputs.recommendations());
            if (list[0] != null) {
                batch.add(username[0].toLowerCase(Locale.ROOT), list[0]);
            }
            if (dead.count() > 0) {
                log.warn("{} recommendations dead-lettered to {}", dead.count(), deadLetters);
            }
            return batch.finish();
        }
    }

    /** Top-50 similar anime per anime, in rank order. */
    public long similar(PublishInputs inputs, String version) {
        try (ParquetTables tables = new ParquetTables()) {
            Batch batch = new Batch(version, RedisLayout.SIMILAR, "similar");
            int[] anime = {Integer.MIN_VALUE};
            ArrayNode[] items = {null};
            tables.stream("SELECT anime_id, other_anime_id, score FROM read_parquet(?)"
                    + " WHERE rank <= 50 ORDER BY anime_id, rank", row -> {
                        int id = row.getInt(1);
                        if (id != anime[0]) {
                            if (items[0] != null) {
                                batch.add(Integer.toString(anime[0]), items[0]);
                            }
                            anime[0] = id;
                            items[0] = JSON.createArrayNode();
                        }
                        items[0].addArray().add(row.getInt(2)).add(row.getDouble(3));
                    }, inputs.similar());
            if (items[0] != null) {
                batch.add(Integer.toString(anime[0]), items[0]);
            }
            return batch.finish();
        }
    }

    /** The fold-in artefacts of {@code serving/} as one blob per file (Hadoop's .crc side files left out). */
    public long servingArtefacts(PublishInputs inputs, String version) {
        long count = 0;
        long bytes = 0;
        try (Stream<Path> files = Files.list(inputs.servingArtefacts())) {
            for (Path file : files.sorted().toList()) {
                String name = file.getFileName().toString();
                if (name.startsWith(".") || !Files.isRegularFile(file)) {
                    continue;
                }
                byte[] content = Files.readAllBytes(file);
                store.put(version, RedisLayout.SERVING, Map.of(bytes(name), content));
                count++;
                bytes += content.length;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read serving artefacts in " + inputs.servingArtefacts(), e);
        }
        log.info("serving: {} artefacts, {} MB", count, bytes / 1_000_000);
        return count;
    }

    public Set<Integer> cardIds(String version) {
        Set<Integer> ids = new HashSet<>();
        store.fields(version, RedisLayout.CARDS).forEach(field -> ids.add(Integer.parseInt(field)));
        return ids;
    }

    /** Parquet writers differ in integer widths (INT, BIGINT); cards hold plain integers. */
    private static Integer integer(Object value) {
        return value == null ? null : ((Number) value).intValue();
    }

    private static ArrayNode strings(Array array) throws SQLException {
        ArrayNode node = JSON.createArrayNode();
        if (array != null) {
            for (Object value : (Object[]) array.getArray()) {
                if (value != null) {
                    node.add(value.toString());
                }
            }
        }
        return node;
    }

    /** Collects one user's rows (they arrive sorted by user) into a {@link UserList}. */
    private static final class ListCollector {
        private final Batch batch;
        private String username;
        private final List<UserList.Entry> entries = new ArrayList<>();

        ListCollector(Batch batch) {
            this.batch = batch;
        }

        void add(ResultSet row) throws SQLException {
            String user = row.getString(1);
            if (!user.equalsIgnoreCase(username)) {
                flush();
                username = user;
            }
            entries.add(new UserList.Entry(row.getInt(2), row.getString(3),
                    row.getObject(4) == null ? 0 : row.getInt(4), row.getObject(5) == null ? 0 : row.getInt(5),
                    date(row.getObject(6)), instant(row.getObject(7))));
        }

        void flush() {
            if (username != null && !entries.isEmpty()) {
                batch.addBytes(username.toLowerCase(Locale.ROOT), UserListCodec.write(new UserList(username, entries)));
            }
            entries.clear();
        }

        private static LocalDate date(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof java.sql.Date date) {
                return date.toLocalDate();
            }
            if (value instanceof LocalDate date) {
                return date;
            }
            throw new IllegalStateException("user_list.finish_date is not a DATE: " + value.getClass().getName());
        }

        /** DuckDB hands TIMESTAMP as {@link java.sql.Timestamp} of UTC wall time and TIMESTAMPTZ as OffsetDateTime. */
        private static Instant instant(Object value) {
            if (value == null) {
                return null;
            }
            if (value instanceof java.sql.Timestamp timestamp) {
                return timestamp.toLocalDateTime().toInstant(ZoneOffset.UTC);
            }
            if (value instanceof LocalDateTime time) {
                return time.toInstant(ZoneOffset.UTC);
            }
            if (value instanceof OffsetDateTime time) {
                return time.toInstant();
            }
            throw new IllegalStateException("user_list.updated_at is not a TIMESTAMP: " + value.getClass().getName());
        }
    }

    /** Buffers hash fields and sends them {@code batchSize} at a time, logging progress. */
    private final class Batch {
        private final String version;
        private final String table;
        private final String label;
        private final Map<byte[], byte[]> fields = new LinkedHashMap<>();
        private final long started = System.nanoTime();
        private long written;

        Batch(String version, String table, String label) {
            this.version = version;
            this.table = table;
            this.label = label;
        }

        void add(String field, Object value) {
            try {
                addBytes(field, JSON.writeValueAsBytes(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }

        void addBytes(String field, byte[] value) {
            fields.put(bytes(field), value);
            if (fields.size() >= batchSize) {
                flush();
            }
        }

        private void flush() {
            store.put(version, table, fields);
            long before = written;
            written += fields.size();
            fields.clear();
            if (written / 10_000 != before / 10_000) {
                log.info("{}: {} written ({} /s)", label, written, rate());
            }
            Progress.report(label, written, -1, "entries");
        }

        long finish() {
            flush();
            log.info("{}: {} written in {} ms ({} /s)", label, written, (System.nanoTime() - started) / 1_000_000, rate());
            return written;
        }

        private long rate() {
            double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
            return Math.round(written / seconds);
        }

    }
}
