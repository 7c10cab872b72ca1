package dev.animerec.ml.bench;

import dev.animerec.bench.BenchFigures;
import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.ml.MlPipeline;
import dev.animerec.ml.SparkSessions;
import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.MlSettings;
import dev.animerec.ml.importcsv.CsvImport;
import dev.animerec.ml.inference.UserLists;
import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import dev.animerec.ml.serving.UserList;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark: wall time and peak heap of each step on the snapshot and on generated larger data
 * ({@code --scales 1,10,30}). A scale-s copy holds s variants of every user: variant 0 is the real list, the
 * others drop a seeded 20% of its entries, so the item side stays real while users and rows grow s-fold.
 * Prints one line per step and writes {@code <home>/bench/ml-bench.json}. With {@code --fold-in-only VERSION} it
 * only measures the fold-in latency of every user of that model version under {@code --home}.
 */
public final class MlBench {

    private static final BenchFigures FIGURES = new BenchFigures();

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        String home = options.getOrDefault("home", "var/bench-ml");
        String snapshot = options.getOrDefault("snapshot", "data/snapshot");
        List<Map<String, Object>> results = new ArrayList<>();
        SparkSession spark = SparkSessions.create(options.get("master"));
        if (options.containsKey("fold-in-only")) {
            try {
                MlPipeline pipeline = new MlPipeline(spark, home, MlSettings.defaults());
                foldInLatency(1, pipeline.context(options.get("fold-in-only")), Integer.MAX_VALUE);
            } finally {
                spark.stop();
            }
            return;
        }
        try {
            for (String scaleText : options.getOrDefault("scales", "1").split(",")) {
                int scale = Integer.parseInt(scaleText.trim());
                String scaleHome = home + "/x" + scale;
                MlPipeline pipeline = new MlPipeline(spark, scaleHome, MlSettings.defaults());
                results.addAll(measure(scale, "import", () -> {
                    new CsvImport().run(spark, pipeline.home(), snapshot + "/animelist_2023.csv.gz",
                            snapshot + "/anime_info.csv.gz", "x1", 100, 42L);
                    if (scale > 1) {
                        scaleUp(spark, pipeline, scale);
                    }
                }));
                MlContext[] context = new MlContext[1];
                results.addAll(measure(scale, "prepare", () -> context[0] = pipeline.prepare("bench")));
                results.addAll(measure(scale, "retrieve", () -> pipeline.retrieve(context[0])));
                results.addAll(measure(scale, "rank", () -> pipeline.rank(context[0])));
                results.addAll(measure(scale, "infer", () -> pipeline.infer(context[0])));
                results.addAll(measure(scale, "similar", () -> pipeline.similar(context[0])));
                results.addAll(measure(scale, "evaluate", () -> pipeline.evaluate(context[0])));
                results.add(foldInLatency(scale, context[0], scale == 1 ? Integer.MAX_VALUE : 2000));
            }
        } finally {
            spark.stop();
        }
        Path out = Path.of(home, "bench", "ml-bench.json");
        Files.createDirectories(out.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out.toFile(), results);
        System.out.println("written " + out);
        FIGURES.writeIfRequested();
    }

    /**
     * Serving latency: each user's visible list (all users, or the first {@code maxUsers}) folded in and ranked
     * (top 100, with reasons), one thread, after one warm-up pass.
     */
    private static Map<String, Object> foldInLatency(int scale, MlContext context, int maxUsers) {
        ServingModel model = ServingModel.load(Path.of(context.servingDir()));
        Map<Integer, Integer> index = model.catalogue().indexById();
        Recommender recommender = new Recommender(model);
        List<UserList> lists = new ArrayList<>();
        for (Row row : UserLists.load(context, dev.animerec.ml.common.ModelPhase.REFIT,
                dev.animerec.ml.common.ModelPhase.REFIT.trainingParts(), null).limit(maxUsers).collectAsList()) {
            lists.add(UserLists.visibleList(model, index, row).list());
        }
        lists.forEach(list -> recommender.recommend(list, 100, true));
        double[] millis = new double[lists.size()];
        for (int u = 0; u < lists.size(); u++) {
            long started = System.nanoTime();
            recommender.recommend(lists.get(u), 100, true);
            millis[u] = (System.nanoTime() - started) / 1e6;
        }
        int longest = 0;
        for (int u = 1; u < lists.size(); u++) {
            if (lists.get(u).items().length > lists.get(longest).items().length) {
                longest = u;
            }
        }
        double longestMillis = millis[longest];
        int longestSize = lists.get(longest).items().length;
        java.util.Arrays.sort(millis);
        double p50 = millis[millis.length / 2];
        double p99 = millis[Math.min(millis.length - 1, (int) (millis.length * 0.99))];
        double max = millis[millis.length - 1];
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scale", scale);
        result.put("step", "fold-in");
        result.put("users", lists.size());
        result.put("p50_ms", p50);
        result.put("p99_ms", p99);
        result.put("max_ms", max);
        result.put("longest_list", longestSize);
        result.put("longest_list_ms", longestMillis);
        String figure = scale + "x fold-in top 100, " + lists.size() + " users: ";
        FIGURES.add(figure + "p50", p50, "ms");
        FIGURES.add(figure + "p99", p99, "ms");
        FIGURES.add(figure + "max", max, "ms");
        System.out.printf("BENCH scale=%dx step=fold-in  users=%d p50=%.1f ms p99=%.1f ms max=%.1f ms "
                + "(longest list %d entries: %.1f ms)%n", scale, lists.size(), p50, p99, max, longestSize,
                longestMillis);
        return result;
    }

    private static void scaleUp(SparkSession spark, MlPipeline pipeline, int scale) {
        String source = pipeline.home().processedVersion();
        String target = "x" + scale;
        Dataset<Row> lists = spark.read().parquet(pipeline.home().processedTable(source, "user_anime"))
                .withColumn("copy", explode(sequence(lit(0), lit(scale - 1))))
                .filter(col("copy").equalTo(0).or(pmod(xxhash64(col("username"), col("anime_id"), col("copy")),
                        lit(10)).geq(2)))
                .withColumn("username", when(col("copy").equalTo(0), col("username"))
                        .otherwise(concat(col("username"), lit("~"), col("copy"))))
                .drop("copy");
        lists.write().mode(SaveMode.Overwrite).parquet(pipeline.home().processedTable(target, "user_anime"));
        spark.read().parquet(pipeline.home().processedTable(target, "user_anime"))
                .select("username", "anime_id", "status", "score", "episodes_watched", "start_date", "finish_date",
                        "updated_at")
                .write().mode(SaveMode.Overwrite).parquet(pipeline.home().processedTable(target, "user_list"));
        for (String table : new String[] {"anime", "anime_anime", "user", "user_user"}) {
            spark.read().parquet(pipeline.home().processedTable(source, table)).write().mode(SaveMode.Overwrite)
                    .parquet(pipeline.home().processedTable(target, table));
        }
        pipeline.home().writePointer(pipeline.home().processedRoot() + "/CURRENT", target);
    }

    private static List<Map<String, Object>> measure(int scale, String step, Runnable body) {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long started = System.nanoTime();
        body.run();
        double seconds = (System.nanoTime() - started) / 1e9;
        long peak = heap.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("scale", scale);
        result.put("step", step);
        result.put("seconds", Math.round(seconds * 10) / 10.0);
        result.put("peak_heap_mib", peak / (1024 * 1024));
        FIGURES.add(scale + "x " + step + ": wall", seconds, "s");
        FIGURES.add(scale + "x " + step + ": peak heap", peak / (1024 * 1024), "MiB");
        System.out.printf("BENCH scale=%dx step=%-8s wall=%7.1f s peak heap=%6d MiB%n", scale, step, seconds,
                peak / (1024 * 1024));
        return List.of(result);
    }
}
