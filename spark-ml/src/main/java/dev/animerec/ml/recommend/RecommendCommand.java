package dev.animerec.ml.recommend;

import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code recommend}: folds every user of a lists CSV (the interactions format) into the current model and writes
 * {@code username,anime_id,rank,score}, never an anime already on that user's list. No Spark: this is the
 * serving scorer run from the command line. Malformed rows and unknown anime go to
 * {@code warehouse/dead-letter/ml-recommend/}.
 */
public final class RecommendCommand {

    private static final Logger LOG = LoggerFactory.getLogger(RecommendCommand.class);
    private static final Map<String, String> STATUS_CODES = Map.of("1", "watching", "2", "completed", "3", "on_hold",
            "4", "dropped", "6", "plan_to_watch");

    public record Summary(int users, int rows, int deadLetters, double meanMillisPerUser) {
    }

    public Summary run(Path workspace, Path lists, int k, Path out) throws IOException {
        Path models = workspace.resolve("models");
        String version = Files.readString(models.resolve("CURRENT")).trim();
        ServingModel model = ServingModel.load(models.resolve(version).resolve("serving"));
        if (model.forest() == null) {
            throw new IllegalStateException("model " + version + " has no ranking forest");
        }
        Map<Integer, Integer> index = model.catalogue().indexById();
        Path deadLetters = workspace.resolve("warehouse/dead-letter/ml-recommend")
                .resolve("recommend-" + System.currentTimeMillis() + ".jsonl");
        Files.createDirectories(deadLetters.getParent());
        Map<String, List<String[]>> byUser = new LinkedHashMap<>();
        int rejected = 0;
        try (BufferedReader reader = open(lists);
             Writer dead = Files.newBufferedWriter(deadLetters, StandardCharsets.UTF_8)) {
            String[] header = reader.readLine().split(",", -1);
            int username = column(header, "username");
            int animeId = column(header, "anime_id");
            int score = column(header, "score");
            int status = column(header, "watching_status");
            String line;
            while ((line = reader.readLine()) != null) {
                String[] cells = line.split(",", -1);
                String reason = null;
                String statusName = null;
                if (cells.length != header.length) {
                    reason = "expected " + header.length + " columns, got " + cells.length;
                } else {
                    statusName = STATUS_CODES.getOrDefault(cells[status].trim(), cells[status].trim().toLowerCase(Locale.ROOT));
                    try {
                        int id = Integer.parseInt(cells[animeId].trim());
                        model.signals().weight(statusName, Integer.parseInt(cells[score].trim()));
                        if (!index.containsKey(id)) {
                            reason = "anime " + id + " unknown to model " + version;
                        }
                    } catch (IllegalArgumentException e) {
                        reason = e.getMessage();
                    }
                }
                if (reason != null) {
                    rejected++;
                    dead.write(deadLetter(reason, line, lists));
                    continue;
                }
                byUser.computeIfAbsent(cells[username].trim(), u -> new ArrayList<>())
                        .add(new String[] {cells[animeId].trim(), statusName, cells[score].trim()});
            }
        }
        Recommender recommender = new Recommender(model);
        int rows = 0;
        long nanos = 0;
        try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            writer.write("username,anime_id,rank,score\n");
            for (Map.Entry<String, List<String[]>> user : byUser.entrySet()) {
                List<String[]> entries = user.getValue();
                int[] ids = entries.stream().mapToInt(e -> Integer.parseInt(e[0])).toArray();
                String[] statuses = entries.stream().map(e -> e[1]).toArray(String[]::new);
                int[] scores = entries.stream().mapToInt(e -> Integer.parseInt(e[2])).toArray();
                long started = System.nanoTime();
                ServingModel.MappedList mapped = model.userList(user.getKey(), index, ids, statuses, scores);
                List<Recommender.Ranked> ranked = recommender.recommend(mapped.list(), k, false);
                nanos += System.nanoTime() - started;
                for (int r = 0; r < ranked.size(); r++) {
                    writer.write(csv(user.getKey()) + "," + model.catalogue().animeIds()[ranked.get(r).item()] + ","
                            + (r + 1) + "," + String.format(Locale.ROOT, "%.6f", ranked.get(r).score()) + "\n");
                    rows++;
                }
            }
        }
        Summary summary = new Summary(byUser.size(), rows, rejected,
                byUser.isEmpty() ? 0 : nanos / 1e6 / byUser.size());
        LOG.info("[recommend] {} users, {} rows written to {}, {} rows dead-lettered to {}, {} ms per fold-in",
                summary.users(), rows, out, rejected, deadLetters, String.format("%.2f", summary.meanMillisPerUser()));
        return summary;
    }

    private static BufferedReader open(Path file) throws IOException {
        var in = Files.newInputStream(file);
        return new BufferedReader(new InputStreamReader(
                file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in, StandardCharsets.UTF_8));
    }

    private static int column(String[] header, String name) {
        int position = Arrays.asList(header).indexOf(name);
        if (position < 0) {
            throw new IllegalArgumentException("lists file has no '" + name + "' column (header "
                    + String.join(",", header) + ")");
        }
        return position;
    }

    private static String deadLetter(String reason, String payload, Path source) {
        return "{\"reason\":" + json(reason) + ",\"payload\":" + json(payload) + ",\"source\":" + json(source.toString())
                + ",\"at\":" + json(Instant.now().toString()) + "}\n";
    }

    private static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }
}
