package dev.animerec.ui.published;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads what the publish job wrote. {@link #current()} resolves {@code animerec:current} and returns that
 * version loaded in memory (cards and the fold-in model); callers then read per-user data of exactly that
 * version. A new version is loaded once, by one thread, while the others keep serving the previous one (its
 * keys outlive the flip by the publish job's grace period).
 */
@Component
public class PublishedStore {

    private static final Logger log = LoggerFactory.getLogger(PublishedStore.class);

    private final RedisConnectionFactory connections;
    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final AtomicReference<PublishedVersion> loaded = new AtomicReference<>();
    private final ReentrantLock loading = new ReentrantLock();

    public PublishedStore(RedisConnectionFactory connections, StringRedisTemplate redis, ObjectMapper json) {
        this.connections = connections;
        this.redis = redis;
        this.json = json;
    }

    public PublishedVersion current() {
        String pointer = redis.opsForValue().get(RedisLayout.CURRENT);
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
        ServingModel model;
        try {
            model = ServingModel.read(redisArtefacts(version));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load the fold-in model of version " + version, e);
        }
        log.info("Loaded published version {}: {} cards, fold-in model of {} anime, in {} ms", version, cards.size(),
                model.catalogue().size(), (System.nanoTime() - started) / 1_000_000);
        return new PublishedVersion(version, Map.copyOf(manifest), Map.copyOf(cards), model, new Recommender(model),
                model.catalogue().indexById());
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
     * A version's per-user data never changes once published, so parsed lists are kept in a bounded LRU keyed by
     * version and user; Redis stays the source (a cold entry is one HGET).
     */
    private final Map<String, Object> parsed = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                    return size() > 20_000;
                }
            });

    @SuppressWarnings("unchecked")
    private <T> Optional<T> cached(String key, java.util.function.Supplier<Optional<T>> load) {
        Object hit = parsed.get(key);
        if (hit != null) {
            return Optional.of((T) hit);
        }
        Optional<T> value = load.get();
        value.ifPresent(v -> parsed.put(key, v));
        return value;
    }

    public Optional<List<RankedAnime>> recommendations(String version, String usernameKey) {
        return cached("r\u0000" + version + "\u0000" + usernameKey, () -> readRecommendations(version, usernameKey));
    }

    private Optional<List<RankedAnime>> readRecommendations(String version, String usernameKey) {
        String value = (String) redis.opsForHash().get(RedisLayout.key(version, RedisLayout.RECOMMENDATIONS), usernameKey);
        if (value == null) {
            return Optional.empty();
        }
        try {
            JsonNode items = json.readTree(value).get("items");
            List<RankedAnime> ranked = new ArrayList<>(items.size());
            for (JsonNode item : items) {
                ranked.add(json.treeToValue(item, RankedAnime.class));
            }
            return Optional.of(List.copyOf(ranked));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable recommendations of " + usernameKey + " in " + version, e);
        }
    }

    public Optional<UserList> list(String version, String usernameKey) {
        return cached("l\u0000" + version + "\u0000" + usernameKey, () -> readList(version, usernameKey));
    }

    private Optional<UserList> readList(String version, String usernameKey) {
        String value = (String) redis.opsForHash().get(RedisLayout.key(version, RedisLayout.LISTS), usernameKey);
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parseList(json.readTree(value)));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable list of " + usernameKey + " in " + version, e);
        }
    }

    /** The list format of the publish job: {@code {"username", "last_completed", "entries": [[id, status, score]]}}. */
    public static UserList parseList(JsonNode node) {
        List<UserList.Entry> entries = new ArrayList<>(node.get("entries").size());
        for (JsonNode entry : node.get("entries")) {
            entries.add(new UserList.Entry(entry.get(0).asInt(), entry.get(1).asText(null), entry.get(2).asInt()));
        }
        JsonNode last = node.get("last_completed");
        return new UserList(node.get("username").asText(), entries, last == null || last.isNull() ? null : last.asInt());
    }

    /** Similar anime in rank order with their scores, or empty when the anime has no list in this version. */
    public List<int[]> similar(String version, int animeId) {
        return this.<List<int[]>>cached("s\u0000" + version + "\u0000" + animeId,
                () -> Optional.of(readSimilar(version, animeId))).orElseThrow();
    }

    private List<int[]> readSimilar(String version, int animeId) {
        String value = (String) redis.opsForHash().get(RedisLayout.key(version, RedisLayout.SIMILAR),
                Integer.toString(animeId));
        if (value == null) {
            return List.of();
        }
        try {
            List<int[]> similar = new ArrayList<>();
            int rank = 1;
            for (JsonNode pair : json.readTree(value)) {
                similar.add(new int[] {pair.get(0).asInt(), rank++});
            }
            return similar;
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable similar list of " + animeId + " in " + version, e);
        }
    }
}
