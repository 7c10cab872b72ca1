package dev.animerec.batch.publish;

import dev.animerec.published.RedisLayout;
import static dev.animerec.published.RedisLayout.bytes;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Writes one version's hashes, flips {@link RedisLayout#CURRENT} to it in one MULTI/EXEC, and deletes versions
 * that were retired longer ago than the grace period (readers that resolved the old pointer just before the
 * flip finish their request inside that period).
 */
public class RedisVersionStore {

    private static final Logger log = LoggerFactory.getLogger(RedisVersionStore.class);

    private final RedisConnectionFactory connections;
    private final StringRedisTemplate strings;

    public RedisVersionStore(RedisConnectionFactory connections) {
        this.connections = connections;
        this.strings = new StringRedisTemplate(connections);
    }

    public Optional<String> current() {
        return Optional.ofNullable(strings.opsForValue().get(RedisLayout.CURRENT));
    }

    /** Marks a version as being written, so an abandoned one is found and removed later. */
    public void startLoading(String version) {
        strings.opsForZSet().add(RedisLayout.LOADING, version, System.currentTimeMillis());
    }

    /** Sets hash fields of one table of a version; callers send batches of a few hundred fields. */
    public void put(String version, String table, Map<byte[], byte[]> fields) {
        if (fields.isEmpty()) {
            return;
        }
        try (RedisConnection connection = connections.getConnection()) {
            connection.hashCommands().hMSet(bytes(RedisLayout.key(version, table)), fields);
        }
    }

    public long size(String version, String table) {
        Long size = strings.opsForHash().size(RedisLayout.key(version, table));
        return size == null ? 0 : size;
    }

    public Set<String> fields(String version, String table) {
        Set<String> fields = new java.util.HashSet<>();
        strings.opsForHash().keys(RedisLayout.key(version, table)).forEach(field -> fields.add((String) field));
        return fields;
    }

    public Map<String, String> manifest(String version) {
        Map<String, String> manifest = new LinkedHashMap<>();
        strings.opsForHash().entries(RedisLayout.key(version, RedisLayout.MANIFEST))
                .forEach((field, value) -> manifest.put((String) field, (String) value));
        return manifest;
    }

    public void putManifest(String version, Map<String, String> fields) {
        strings.opsForHash().putAll(RedisLayout.key(version, RedisLayout.MANIFEST), fields);
    }

    /**
     * Makes {@code version} current after checking that every table holds the count its step recorded in the
     * manifest: a version with a missing or short table is refused and the pointer stays where it was.
     */
    public Optional<String> flip(String version, Map<String, Long> expectedSizes) {
        for (Map.Entry<String, Long> expected : expectedSizes.entrySet()) {
            long actual = size(version, expected.getKey());
            if (actual != expected.getValue()) {
                throw new IllegalStateException("version " + version + " is incomplete: " + expected.getKey()
                        + " has " + actual + " entries, expected " + expected.getValue() + "; not published");
            }
        }
        long now = System.currentTimeMillis();
        List<Object> results = strings.execute(new SessionCallback<>() {
            @Override
            @SuppressWarnings({"unchecked", "rawtypes"})
            public List<Object> execute(RedisOperations operations) throws DataAccessException {
                operations.multi();
                operations.opsForValue().getAndSet(RedisLayout.CURRENT, version);
                operations.opsForZSet().remove(RedisLayout.LOADING, version);
                operations.opsForZSet().remove(RedisLayout.RETIRED, version);
                return operations.exec();
            }
        });
        String previous = results == null || results.isEmpty() ? null : (String) results.get(0);
        if (previous != null && !previous.equals(version)) {
            strings.opsForZSet().add(RedisLayout.RETIRED, previous, now);
        }
        log.info("Published version {} (previous: {})", version, previous);
        return Optional.ofNullable(previous);
    }

    /**
     * Deletes retired versions older than {@code grace} and loading versions abandoned for longer than
     * {@code abandonedAfter}; never the current one. Returns the deleted versions.
     */
    public List<String> removeExpired(Duration grace, Duration abandonedAfter, Instant now) {
        String current = current().orElse(null);
        List<String> removed = new ArrayList<>();
        removed.addAll(removeOlderThan(RedisLayout.RETIRED, now.minus(grace), current));
        removed.addAll(removeOlderThan(RedisLayout.LOADING, now.minus(abandonedAfter), current));
        return removed;
    }

    private List<String> removeOlderThan(String index, Instant before, String current) {
        Set<String> versions = strings.opsForZSet().rangeByScore(index, 0, before.toEpochMilli());
        List<String> removed = new ArrayList<>();
        if (versions == null) {
            return removed;
        }
        for (String version : versions) {
            if (!version.equals(current)) {
                deleteVersion(version);
                removed.add(version);
            }
            strings.opsForZSet().remove(index, version);
        }
        return removed;
    }

    public void deleteVersion(String version) {
        try (RedisConnection connection = connections.getConnection()) {
            byte[][] keys = new byte[RedisLayout.TABLES.length][];
            for (int i = 0; i < keys.length; i++) {
                keys[i] = RedisLayout.key(version, RedisLayout.TABLES[i]).getBytes(StandardCharsets.UTF_8);
            }
            // UNLINK frees big hashes in the background instead of blocking Redis while readers are served.
            connection.keyCommands().unlink(keys);
        }
        log.info("Removed version {}", version);
    }
}
