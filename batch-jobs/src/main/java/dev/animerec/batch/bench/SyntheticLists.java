package dev.animerec.batch.bench;

import dev.animerec.batch.importer.LandingWriter;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.ListStatus;
import dev.animerec.items.ProfileItem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * Generates anime lists shaped like the real snapshot, at any scale: list lengths are drawn from the real
 * users' list lengths, anime from the real popularity curve (an anime is picked with the probability of a
 * real row being about it), and each entry's (status, score, progress) copies a real row about the same
 * anime, which keeps the status mix and score distribution per anime. Seeded, so runs are comparable.
 */
public final class SyntheticLists {

    private record Row(int animeId, ListStatus status, int score, int episodes) {
    }

    private final List<Row> rows = new ArrayList<>();
    private final List<Integer> listLengths = new ArrayList<>();
    private final Map<Integer, List<Row>> rowsByAnime = new HashMap<>();

    private SyntheticLists() {
    }

    /** Learns the distributions from the snapshot's {@code animelist_2023.csv.gz}. */
    public static SyntheticLists calibrate(Path animelistCsvGz) throws IOException {
        SyntheticLists model = new SyntheticLists();
        Map<String, Integer> lengths = new HashMap<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(animelistCsvGz)), StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",");
                Row row = new Row(Integer.parseInt(f[2]), ListStatus.fromMalCode(Integer.parseInt(f[4])),
                        Integer.parseInt(f[3]), Integer.parseInt(f[5]));
                model.rows.add(row);
                model.rowsByAnime.computeIfAbsent(row.animeId(), id -> new ArrayList<>()).add(row);
                lengths.merge(f[1], 1, Integer::sum);
            }
        }
        model.listLengths.addAll(lengths.values());
        return model;
    }

    public int realRows() {
        return rows.size();
    }

    public int realUsers() {
        return listLengths.size();
    }

    /** Writes {@code scale} times the snapshot's users (and about as many times its rows) into the landing area. */
    public long generate(LandingWriter landing, int scale, Instant crawlDate, long seed) {
        Random random = new Random(seed);
        long written = 0;
        int users = realUsers() * scale;
        for (int u = 0; u < users; u++) {
            String username = "synth_" + u;
            int length = Math.min(listLengths.get(random.nextInt(listLengths.size())), rowsByAnime.size());
            Set<Integer> picked = new HashSet<>();
            int completed = 0;
            while (picked.size() < length) {
                Row popular = rows.get(random.nextInt(rows.size()));
                if (!picked.add(popular.animeId())) {
                    continue;
                }
                List<Row> about = rowsByAnime.get(popular.animeId());
                Row shape = about.get(random.nextInt(about.size()));
                landing.write(AnimeListEntryItem.of("https://myanimelist.net/animelist/" + username, crawlDate,
                        username, shape.animeId(), shape.status(), shape.score(), shape.episodes(), null, null, null,
                        null));
                completed += shape.status() == ListStatus.COMPLETED ? 1 : 0;
                written++;
            }
            landing.write(ProfileItem.builder("https://myanimelist.net/profile/" + username, crawlDate, username)
                    .completed(completed).totalEntries(length).build());
        }
        return written;
    }
}
