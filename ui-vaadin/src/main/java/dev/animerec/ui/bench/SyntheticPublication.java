package dev.animerec.ui.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.animerec.ml.serving.Ease;
import dev.animerec.ml.serving.ItemCatalogue;
import dev.animerec.ml.serving.ItemFactors;
import dev.animerec.ml.serving.Neighbours;
import dev.animerec.ml.serving.ServingModel;
import dev.animerec.ml.serving.Signals;
import dev.animerec.published.RedisLayout;
import dev.animerec.userlist.UserList;
import dev.animerec.userlist.UserListCodec;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A synthetic published version for the latency benchmark against the bare anchor (bench/anchor/run): {@code
 * users} users {@code u0 .. u<users-1>} with a top 100 (reasons on the first 20, as shown cards have them) and a
 * 60-entry list each, {@code anime} cards, similar lists, and a seeded random fold-in model written by the ML
 * module's own {@link ServingModel#write}. Written in the publish job's layout, then {@code animerec:current} is
 * pointed at it. With 100,000 users most of them are outside the app's in-process cache of 20,000: the cold mix.
 *
 * <p>Usage: {@code SyntheticPublication <redis host> <redis port> <users> <anime>}
 */
public final class SyntheticPublication {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] GENRES = {"Action", "Comedy", "Drama", "Romance", "Sci-Fi", "Slice of Life"};
    private static final String[] TYPES = {"TV", "Movie", "OVA"};

    private SyntheticPublication() {
    }

    public static void main(String[] args) throws IOException {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        int users = Integer.parseInt(args[2]);
        int anime = Integer.parseInt(args[3]);
        String version = "synthetic-" + users;
        Random random = new Random(15);
        RedisClient client = RedisClient.create(RedisURI.create(host, port));
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE)) {
            RedisCommands<byte[], byte[]> redis = connection.sync();
            List<Integer> ids = new ArrayList<>();
            Map<byte[], byte[]> cards = new LinkedHashMap<>();
            for (int id = 1; id <= anime; id++) {
                ids.add(id);
                ObjectNode card = JSON.createObjectNode();
                card.put("id", id);
                card.put("title", "Anime " + id);
                card.put("type", TYPES[id % TYPES.length]);
                card.put("episodes", 12);
                card.put("status", "Finished Airing");
                card.put("year", 2000 + id % 24);
                card.putArray("genres").add(GENRES[id % GENRES.length]).add(GENRES[(id + 1) % GENRES.length]);
                card.putArray("themes");
                card.putArray("studios").add("Madhouse");
                card.put("score", 6.0 + (id % 40) / 10.0);
                card.put("members", 1000L * id);
                card.put("picture", "https://cdn.myanimelist.net/images/anime/" + id + ".jpg");
                card.put("url", "https://myanimelist.net/anime/" + id);
                card.putArray("prequels");
                cards.put(bytes(Integer.toString(id)), JSON.writeValueAsBytes(card));
            }
            redis.hset(key(version, RedisLayout.CARDS), cards);
            Map<byte[], byte[]> similar = new LinkedHashMap<>();
            for (int id = 1; id <= anime; id++) {
                ArrayNode pairs = JSON.createArrayNode();
                for (int r = 1; r <= 50; r++) {
                    pairs.addArray().add(1 + random.nextInt(anime)).add(1.0 / r);
                }
                similar.put(bytes(Integer.toString(id)), JSON.writeValueAsBytes(pairs));
            }
            redis.hset(key(version, RedisLayout.SIMILAR), similar);
            Map<byte[], byte[]> recs = new LinkedHashMap<>();
            Map<byte[], byte[]> lists = new LinkedHashMap<>();
            for (int u = 0; u < users; u++) {
                String name = "u" + u;
                Set<Integer> listed = new HashSet<>();
                List<UserList.Entry> entries = new ArrayList<>();
                while (entries.size() < 60) {
                    int id = 1 + random.nextInt(anime);
                    if (listed.add(id)) {
                        entries.add(new UserList.Entry(id, entries.size() % 3 == 0 ? "plan_to_watch" : "completed",
                                random.nextInt(11)));
                    }
                }
                lists.put(bytes(name), UserListCodec.write(new UserList(name, entries)));
                ObjectNode top = JSON.createObjectNode();
                top.put("username", name);
                ArrayNode items = top.putArray("items");
                for (int rank = 1; rank <= 100; ) {
                    int id = 1 + random.nextInt(anime);
                    if (listed.add(id)) {
                        ObjectNode item = items.addObject();
                        item.put("id", id);
                        item.put("rank", rank);
                        item.put("score", 1.0 - rank / 1000.0);
                        ArrayNode reasons = item.putArray("reasons");
                        if (rank <= 20) {
                            reasons.add("because you watched Anime " + entries.get(rank).animeId() + " (you scored 9)")
                                    .add("lifted by: genres you watch, high MAL score");
                        }
                        rank++;
                    }
                }
                recs.put(bytes(name), JSON.writeValueAsBytes(top));
                if (recs.size() == 2_000) {
                    redis.hset(key(version, RedisLayout.RECOMMENDATIONS), recs);
                    redis.hset(key(version, RedisLayout.LISTS), lists);
                    recs.clear();
                    lists.clear();
                }
            }
            if (!recs.isEmpty()) {
                redis.hset(key(version, RedisLayout.RECOMMENDATIONS), recs);
                redis.hset(key(version, RedisLayout.LISTS), lists);
            }
            Map<byte[], byte[]> serving = new LinkedHashMap<>();
            randomModel(ids, new Random(7)).forEach((name, content) -> serving.put(bytes(name), content));
            redis.hset(key(version, RedisLayout.SERVING), serving);
            redis.hset(key(version, RedisLayout.MANIFEST), Map.of(bytes("version"), bytes(version),
                    bytes("model_version"), bytes("synthetic")));
            redis.set(bytes(RedisLayout.CURRENT), bytes(version));
            System.out.printf("published %s: %d users, %d anime%n", version, users, anime);
        } finally {
            client.shutdown();
        }
    }

    /** A seeded random fold-in model over the catalogue {@code ids}, as the serving app reads it from Redis. */
    public static Map<String, byte[]> randomModel(List<Integer> ids, Random random) {
        int n = ids.size();
        int rank = 8;
        int[] animeIds = ids.stream().mapToInt(Integer::intValue).toArray();
        String[] titles = new String[n];
        double[] popularity = new double[n];
        double[] malScore = new double[n];
        double[] members = new double[n];
        int[] year = new int[n];
        int[] typeCode = new int[n];
        int[][] genres = new int[n][];
        int[][] empty = new int[n][];
        for (int i = 0; i < n; i++) {
            titles[i] = "Anime " + animeIds[i];
            popularity[i] = random.nextInt(100);
            malScore[i] = 6 + random.nextDouble() * 3;
            members[i] = 1000.0 * animeIds[i];
            year[i] = 2000 + i % 20;
            typeCode[i] = i % 3;
            genres[i] = new int[] {i % 6, (i + 1) % 6};
            empty[i] = new int[0];
        }
        float[] factors = new float[n * rank];
        for (int f = 0; f < factors.length; f++) {
            factors[f] = (float) random.nextGaussian() * 0.3f;
        }
        int[][] neighbourItems = new int[n][];
        float[][] neighbourScores = new float[n][];
        for (int i = 0; i < n; i++) {
            neighbourItems[i] = new int[5];
            neighbourScores[i] = new float[5];
            for (int k = 0; k < 5; k++) {
                neighbourItems[i][k] = (i + k + 1) % n;
                neighbourScores[i][k] = 0.5f / (k + 1);
            }
        }
        List<int[]> lists = new ArrayList<>();
        for (int u = 0; u < 50; u++) {
            int[] list = new int[8];
            for (int e = 0; e < list.length; e++) {
                list[e] = random.nextInt(Math.min(n, 40));
            }
            lists.add(list);
        }
        int[] easeItems = new int[Math.min(n, 40)];
        for (int i = 0; i < easeItems.length; i++) {
            easeItems[i] = i;
        }
        ServingModel model = new ServingModel(new Signals(true),
                new ItemCatalogue(animeIds, titles, popularity, malScore, members, year, typeCode, genres, empty,
                        empty, empty, empty, empty),
                ItemFactors.of(rank, 1.0, 10.0, factors), new Neighbours(neighbourItems, neighbourScores),
                Ease.fit(easeItems, n, lists, 50.0), null);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try {
            model.write(new ServingModel.ArtifactFiles() {
                @Override
                public OutputStream create(String name) {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            files.put(name, toByteArray());
                        }
                    };
                }

                @Override
                public InputStream open(String name) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public boolean exists(String name) {
                    return files.containsKey(name);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    private static byte[] key(String version, String table) {
        return bytes(RedisLayout.key(version, table));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
