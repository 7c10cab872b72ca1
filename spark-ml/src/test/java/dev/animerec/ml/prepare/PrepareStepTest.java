package dev.animerec.ml.prepare;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.animerec.ml.TestSpark;
import dev.animerec.ml.common.MlSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareStepTest {

    private static final StructType USER_ANIME = new StructType()
            .add("username", DataTypes.StringType).add("anime_id", DataTypes.IntegerType)
            .add("status", DataTypes.StringType).add("score", DataTypes.IntegerType)
            .add("finish_date", DataTypes.DateType).add("updated_at", DataTypes.TimestampType)
            .add("last_activity", DataTypes.TimestampType);

    private final SparkSession spark = TestSpark.get();

    @Test
    void hiddenEntriesOfHeldOutUsersNeverReachTraining(@TempDir Path deadLetters) throws Exception {
        List<Row> rows = new ArrayList<>();
        Set<String> planToWatch = new HashSet<>();
        for (int u = 0; u < 40; u++) {
            for (int a = 1; a <= 15; a++) {
                rows.add(RowFactory.create("user" + u, (u * 7 + a) % 30 + 1, a % 5 == 0 ? "plan_to_watch" : "completed",
                        a % 3 == 0 ? 0 : 8, null, null, null));
                if (a % 5 == 0) {
                    planToWatch.add("user" + u + "/" + ((u * 7 + a) % 30 + 1));
                }
            }
        }
        rows.add(RowFactory.create("user1", 999, "completed", 8, null, null, null));
        rows.add(RowFactory.create("user2", 5, "bogus", 8, null, null, null));
        MlSettings settings = settings(30, 30);

        List<Row> split = PrepareStep.split(frame(rows), anime(30), settings, deadLetters.toString())
                .select("username", "anime_id", "part").collectAsList();

        Set<String> trainingPairs = pairs(split, Set.of(PrepareStep.TRAIN, PrepareStep.VALIDATION_VISIBLE,
                PrepareStep.TEST_VISIBLE));
        Set<String> hiddenPairs = pairs(split, Set.of(PrepareStep.VALIDATION_HIDDEN, PrepareStep.TEST_HIDDEN));
        assertFalse(hiddenPairs.isEmpty());
        assertTrue(hiddenPairs.stream().noneMatch(trainingPairs::contains), "a hidden pair is visible to training");
        Set<String> parts = split.stream().map(r -> r.getString(2)).collect(Collectors.toSet());
        assertTrue(parts.containsAll(Set.of(PrepareStep.TRAIN, PrepareStep.VALIDATION_HIDDEN, PrepareStep.TEST_HIDDEN)));
        for (String user : split.stream().filter(r -> r.getString(2).endsWith("_hidden")).map(r -> r.getString(0))
                .collect(Collectors.toSet())) {
            long hidden = split.stream().filter(r -> r.getString(0).equals(user) && r.getString(2).endsWith("_hidden"))
                    .count();
            // Only liked entries hide: 12 of the 15 are completed (the 3 plan-to-watch stay visible), so 3 hide.
            long liked = split.stream().filter(r -> r.getString(0).equals(user)
                    && !planToWatch.contains(r.getString(0) + "/" + r.getInt(1))).count();
            assertEquals((long) Math.ceil(liked * 0.2), hidden, "hidden share of " + user);
            assertTrue(split.stream().filter(r -> r.getString(0).equals(user) && r.getString(2).endsWith("_hidden"))
                    .noneMatch(r -> planToWatch.contains(r.getString(0) + "/" + r.getInt(1))), user + " hid a plan-to-watch");
            assertTrue(split.stream().filter(r -> r.getString(0).equals(user))
                    .noneMatch(r -> r.getString(2).equals(PrepareStep.TRAIN)), user + " is held out and in train");
        }
        assertEquals(40 * 15, split.size());
        List<String> rejected;
        try (Stream<Path> files = Files.list(deadLetters)) {
            rejected = files.filter(p -> p.getFileName().toString().startsWith("part-")).flatMap(p -> {
                try {
                    return Files.readAllLines(p).stream();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(2, rejected.size());
        assertTrue(rejected.stream().anyMatch(l -> l.contains("anime unknown") && l.contains("999")));
        assertTrue(rejected.stream().anyMatch(l -> l.contains("unknown status bogus")));
    }

    @Test
    void datedListsHideTheirLatestEntries() {
        List<Row> rows = new ArrayList<>();
        for (int a = 1; a <= 20; a++) {
            rows.add(RowFactory.create("dated", a, "completed", 8,
                    Date.valueOf(LocalDate.of(2020, 1, 1).plusDays(a)), null, null));
        }
        List<Row> split = PrepareStep.split(frame(rows), anime(30), settings(100, 0), null)
                .filter(col("part").equalTo(PrepareStep.VALIDATION_HIDDEN)).select("anime_id").collectAsList();
        assertEquals(Set.of(17, 18, 19, 20), split.stream().map(r -> r.getInt(0)).collect(Collectors.toSet()));
    }

    private static MlSettings settings(int validationPercent, int testPercent) {
        MlSettings d = MlSettings.defaults();
        return new MlSettings(d.seed(), validationPercent, testPercent, 0, 0.2, 5, d.alsRank(), d.alsIterations(),
                d.alsRegParam(), d.alsAlpha(), d.alsBlocks(), true, d.coOccurrenceCap(), d.neighbours(),
                d.gbtTrees(), d.gbtDepth(), d.gbtStep(), d.easeItems(), d.easeLambda());
    }

    private Dataset<Row> frame(List<Row> rows) {
        return spark.createDataFrame(rows, USER_ANIME);
    }

    private Dataset<Row> anime(int count) {
        List<Row> rows = new ArrayList<>();
        for (int a = 1; a <= count; a++) {
            rows.add(RowFactory.create(a));
        }
        return spark.createDataFrame(rows, new StructType().add("anime_id", DataTypes.IntegerType));
    }

    private static Set<String> pairs(List<Row> split, Set<String> parts) {
        Set<String> pairs = new HashSet<>();
        for (Row row : split) {
            if (parts.contains(row.getString(2))) {
                pairs.add(row.getString(0) + "/" + row.getInt(1));
            }
        }
        return pairs;
    }
}
