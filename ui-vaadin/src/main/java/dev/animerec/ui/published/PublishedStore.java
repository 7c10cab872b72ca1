package dev.animerec.ui.published;

import dev.animerec.userlist.UserListCodec;

import dev.animerec.published.RedisLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads what the publish job wrote. {@link #current()} resolves {@code animerec:current} and returns that
 * version loaded in memory (cards, similar lists and the fold-in model); callers then read per-user data of exactly that
 * version. A new version is loaded once, by one thread, while the others keep serving the previous one (its
 * keys outlive the flip by the publish job's grace period).
 *
 * <p>The pointer itself is re-read at most once per {@code animerec.published.pointer-ttl} (default 1 s), not per
 * request: a Redis round trip on every request was a tenth of a known-user request's CPU, and a flip that reaches
 * the readers within a second is still whole (the previous version's keys outlive it by the grace period, minutes).
 */
@Component
public class PublishedStore {

    private static final Logger log = LoggerFactory.getLogger(PublishedStore.class);

    private final RedisConnectionFactory connections;
    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final AtomicReference<PublishedVersion> loaded = new AtomicReference<>();
    private final ReentrantLock loading = new ReentrantLock();
    private final long pointerTtlNanos;
    private volatile Pointer pointer;

    /** The value of {@code animerec:current} and when it was read ({@link System#nanoTime()}). */
    private record Pointer(String version, long readAt) {
    }

    public PublishedStore(RedisConnectionFactory connections, StringRedisTemplate redis, ObjectMapper json,
                          @Value("${animerec.published.pointer-ttl:PT1S}") Duration pointerTtl) {
        this.connections = connections;
        this.redis = redis;
        this.json = json;
        this.pointerTtlNanos = pointerTtl.toNanos();
    }

    /** {@code animerec:current}, read again when the held value is older than the pointer TTL; null: never published. */
    private String pointer() {
        long now = System.nanoTime();
        Pointer held = pointer;
        if (held != null && now - held.readAt() < pointerTtlNanos) {
            return held.version();
        }
        String version = redis.opsForValue().get(RedisLayout.CURRENT);
        pointer = version == null ? null : new Pointer(version, now);
        return version;
    }

    public PublishedVersion current() {
        String pointer = pointer();
        PublishedVersion held = loaded.get();
        if (pointer == null) {
            if (held != null) {
                return held;
            }
            throw new NotPublishedException();
        }
        if (held != null && held.version().equals(pointer)) {
            return held;
        }
        if (held != null && !loading.tryLock()) {
            return held;
        }
        if (held == null) {
            loading.lock();
        }
        try {
            PublishedVersion again = loaded.get();
            if (again != null && again.version().equals(pointer)) {
                return again;
            }
            PublishedVersion fresh = load(pointer);
            loaded.set(fresh);
            return fresh;
        } finally {
            loading.unlock();
        }
    }

    private PublishedVersion load(String version) {
        long started = System.nanoTime();
        Map<String, String> manifest = new LinkedHashMap<>();
        redis.opsForHash().entries(RedisLayout.key(version, RedisLayout.MANIFEST))
                .forEach((field, value) -> manifest.put((String) field, (String) value));
        if (manifest.isEmpty()) {
            throw new IllegalStateException("animerec:current names version " + version + " but it has no manifest");
        }
        Map<Integer, AnimeCard> cards = new HashMap<>();
        redis.opsForHash().entries(RedisLayout.key(version, RedisLayout.CARDS)).forEach((field, value) -> {
            try {
                cards.put(Integer.parseInt((String) field), json.readValue((String) value, AnimeCard.class));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable card " + field + " in version " + version, e);
            }
        });
        Map<Integer, List<SimilarAnime>> similar = readSimilar(version);
        ServingModel model;
        try {
            model = ServingModel.read(redisArtefacts(version));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the fold-in model of version " + version, e);
        }
        log.info("Loaded published version {}: {} cards, {} similar lists, fold-in model of {} anime, in {} ms",
                version, cards.size(), similar.size(), model.catalogue().size(), (System.nanoTime() - started) / 1_000_000);
        return new PublishedVersion(version, Map.copyOf(manifest), Collections.unmodifiableMap(cards), similar, model,
                new Recommender(model), model.catalogue().indexById(), PublishedVersion.sequelsOf(cards));
    }

    private ServingModel.ArtifactFiles redisArtefacts(String version) {
        byte[] key = RedisLayout.key(version, RedisLayout.SERVING).getBytes(StandardCharsets.UTF_8);
        return new ServingModel.ArtifactFiles() {
            @Override
            public OutputStream create(String name) {
                throw new UnsupportedOperationException("published artefacts are read-only");
            }

            @Override
            public InputStream open(String name) throws IOException {
                try (RedisConnection connection = connections.getConnection()) {
                    byte[] content = connection.hashCommands().hGet(key, name.getBytes(StandardCharsets.UTF_8));
                    if (content == null) {
                        throw new IOException("version " + version + " has no serving artefact " + name);
                    }
                    return new ByteArrayInputStream(content);
                }
            }

            @Override
            public boolean exists(String name) {
                try (RedisConnection connection = connections.getConnection()) {
                    return Boolean.TRUE.equals(connection.hashCommands().hExists(key, name.getBytes(StandardCharsets.UTF_8)));
                }
            }
        };
    }

    /**
     * A version's per-user data never changes once published, so parsed users are kept in a bounded concurrent cache
     * keyed by version and user (absent users too: they go on-demand, and a published version never gains them).
     * Redis stays the source: a cold user is one pipelined round trip for the ranked list and the MAL list.
     */
    private final Cache<UserKey, Optional<PublishedUser>> users = Caffeine.newBuilder().maximumSize(20_000).build();

    private record UserKey(String version, String usernameKey) {
    }

    /**
     * The batch's top 100 and the held list of a user in this version, or empty for a user the version holds
     * neither for (a user the batch never saw).
     */
    public Optional<PublishedUser> user(String version, String usernameKey) {
        return users.get(new UserKey(version, usernameKey), key -> readUser(version, usernameKey));
    }

    private Optional<PublishedUser> readUser(String version, String usernameKey) {
        List<Object> values = redis.executePipelined((RedisCallback<Object>) connection -> {
            byte[] field = usernameKey.getBytes(StandardCharsets.UTF_8);
            connection.hashCommands().hGet(bytes(RedisLayout.key(version, RedisLayout.RECOMMENDATIONS)), field);
            connection.hashCommands().hGet(bytes(RedisLayout.key(version, RedisLayout.LISTS)), field);
            return null;
        });
        String recommendations = (String) values.get(0);
        String list = (String) values.get(1);
        if (recommendations == null && list == null) {
            return Optional.empty();
        }
        try {
            List<RankedAnime> ranked = null;
            if (recommendations != null) {
                JsonNode items = json.readTree(recommendations).get("items");
                ranked = new ArrayList<>(items.size());
                for (JsonNode item : items) {
                    ranked.add(json.treeToValue(item, RankedAnime.class));
                }
                ranked = List.copyOf(ranked);
            }
            return Optional.of(new PublishedUser(ranked, list == null ? null : UserListCodec.read(list)));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable recommendations of " + usernameKey + " in " + version, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("unreadable list of " + usernameKey + " in " + version, e);
        }
    }

    private static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    /** Every similar list of the version, in rank order (one HGETALL when the version is loaded). */
    private Map<Integer, List<SimilarAnime>> readSimilar(String version) {
        Map<Integer, List<SimilarAnime>> similar = new HashMap<>();
        redis.opsForHash().entries(RedisLayout.key(version, RedisLayout.SIMILAR)).forEach((field, value) -> {
            try {
                List<SimilarAnime> ranked = new ArrayList<>();
                for (JsonNode pair : json.readTree((String) value)) {
                    ranked.add(new SimilarAnime(pair.get(0).asInt(), ranked.size() + 1));
                }
                similar.put(Integer.parseInt((String) field), List.copyOf(ranked));
            } catch (IOException e) {
                throw new UncheckedIOException("unreadable similar list of " + field + " in version " + version, e);
            }
        });
        return Collections.unmodifiableMap(similar);
    }
}
