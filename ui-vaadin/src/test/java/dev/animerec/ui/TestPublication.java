package dev.animerec.ui;

import dev.animerec.published.RedisLayout;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.animerec.ml.serving.ServingModel;
import dev.animerec.ui.bench.SyntheticPublication;
import dev.animerec.ui.published.RedisKeys;
import dev.animerec.userlist.UserList;
import dev.animerec.userlist.UserListCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * A small published version written in the publish job's layout: anime 1..60 plus every anime of the recorded
 * load.json lists (so an on-demand user folds in), users {@code alice} (batch) with her list, {@code carol} (a held
 * list without batch recommendations), similar lists,
 * and real serving artefacts of a seeded random model written by the ML module's own writer.
 */
public final class TestPublication {

    public static final String[] GENRES = {"Action", "Comedy", "Drama", "Romance", "Sci-Fi", "Slice of Life"};
    public static final String[] TYPES = {"TV", "Movie", "OVA"};
    private static final ObjectMapper JSON = new ObjectMapper();

    private TestPublication() {
    }

    /**
     * alice's list: her batch top 40 is anime 11..50, so 11 (planned), 13 (dropped), 14 (completed) and 18 (on the
     * list without a status) are ranked; 17 is the sequel of 14, 12 the sequel of 11.
     */
    public static final UserList ALICE = new UserList("Alice", List.of(new UserList.Entry(1, "completed", 9),
            new UserList.Entry(2, "completed", 7), new UserList.Entry(11, "plan_to_watch", 0),
            new UserList.Entry(13, "dropped", 3), new UserList.Entry(14, "completed", 8),
            new UserList.Entry(18, null, 0)));

    /** A user the version holds a list for but no batch recommendations (the ETL cleaned all her rows away). */
    public static final UserList CAROL = new UserList("Carol", List.of(new UserList.Entry(3, "completed", 8),
            new UserList.Entry(4, "dropped", 0), new UserList.Entry(5, "watching", 0),
            new UserList.Entry(6, "on_hold", 0)));

    public static List<Integer> catalogueIds() {
        Set<Integer> ids = new LinkedHashSet<>();
        for (int id = 1; id <= 60; id++) {
            ids.add(id);
        }
        for (String fixture : List.of("mal/animelist_load_json_Littoface_offset0.json",
                "mal/animelist_load_json_reltats_offset0.json")) {
            try (InputStream in = TestPublication.class.getClassLoader().getResourceAsStream(fixture)) {
                for (JsonNode entry : JSON.readTree(in)) {
                    ids.add(entry.get("anime_id").asInt());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ArrayList<>(ids);
    }

    public static void publish(RedisConnectionFactory connections, String version, String model) {
        List<Integer> ids = catalogueIds();
        Map<String, byte[]> cards = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            ObjectNode card = JSON.createObjectNode();
            card.put("id", id);
            card.put("title", (id == 12 ? "Sequel Season 2" : "Anime " + id));
            card.put("type", TYPES[id % TYPES.length]);
            card.put("episodes", 12);
            card.put("status", id % 10 == 0 ? "Currently Airing" : "Finished Airing");
            card.put("year", 2000 + id % 20);
            card.putArray("genres").add(GENRES[id % GENRES.length]).add(GENRES[(id + 1) % GENRES.length]);
            card.putArray("themes");
            card.putArray("studios").add("Madhouse");
            card.put("score", 6.0 + (id % 40) / 10.0);
            card.put("members", 1000L * id);
            card.put("picture", "/missing-cover/" + id + ".jpg");
            card.put("url", "https://myanimelist.net/anime/" + id);
            ArrayNode prequels = card.putArray("prequels");
            if (id == 12) {
                prequels.add(11);
            }
            if (id == 17) {
                prequels.add(14);
            }
            cards.put(Integer.toString(id), bytes(card));
        }
        Map<String, byte[]> recs = new HashMap<>();
        ObjectNode alice = JSON.createObjectNode();
        alice.put("username", "Alice");
        ArrayNode items = alice.putArray("items");
        for (int rank = 1; rank <= 40; rank++) {
            int id = rank + 10;
            ObjectNode item = items.addObject();
            item.put("id", id);
            item.put("rank", rank);
            item.put("score", 1.0 - rank / 100.0);
            item.putArray("reasons").add("because you watched Anime 1 (you scored 9)")
                    .add("lifted by: genres you watch, high MAL score").add("model " + model);
        }
        recs.put("alice", bytes(alice));
        Map<String, byte[]> lists = new HashMap<>();
        lists.put("alice", UserListCodec.write(ALICE));
        lists.put("carol", UserListCodec.write(CAROL));
        Map<String, byte[]> similar = new HashMap<>();
        for (int id = 1; id <= 60; id++) {
            ArrayNode pairs = JSON.createArrayNode();
            for (int r = 1; r <= 30; r++) {
                pairs.addArray().add((id + r - 1) % 60 + 1).add(1.0 / r);
            }
            similar.put(Integer.toString(id), bytes(pairs));
        }
        try (RedisConnection connection = connections.getConnection()) {
            hset(connection, version, RedisLayout.CARDS, cards);
            hset(connection, version, RedisLayout.RECOMMENDATIONS, recs);
            hset(connection, version, RedisLayout.LISTS, lists);
            hset(connection, version, RedisLayout.SIMILAR, similar);
            hset(connection, version, RedisLayout.SERVING, servingArtefacts(ids));
            hset(connection, version, RedisLayout.MANIFEST, Map.of("version", version.getBytes(StandardCharsets.UTF_8),
                    "model_version", model.getBytes(StandardCharsets.UTF_8)));
            connection.stringCommands().set(RedisLayout.CURRENT.getBytes(StandardCharsets.UTF_8),
                    version.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A seeded random model over the catalogue, written by {@link ServingModel#write}. */
    public static Map<String, byte[]> servingArtefacts(List<Integer> ids) {
        return SyntheticPublication.randomModel(ids, new Random(7));
    }

    private static void hset(RedisConnection connection, String version, String table, Map<String, byte[]> fields) {
        Map<byte[], byte[]> raw = new LinkedHashMap<>();
        fields.forEach((field, value) -> raw.put(field.getBytes(StandardCharsets.UTF_8), value));
        connection.hashCommands().hMSet(RedisLayout.key(version, table).getBytes(StandardCharsets.UTF_8), raw);
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
