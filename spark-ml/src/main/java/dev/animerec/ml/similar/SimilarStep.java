package dev.animerec.ml.similar;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.ModelPhase;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.evaluation.Bootstrap;
import dev.animerec.ml.evaluation.Metrics;
import dev.animerec.ml.inference.InferStep;
import dev.animerec.ml.inference.UserLists;
import dev.animerec.ml.prepare.PrepareStep;
import dev.animerec.ml.ranking.GbtExport;
import dev.animerec.ml.ranking.RankStep;
import dev.animerec.ml.serving.GbtForest;
import dev.animerec.ml.serving.ServingModel;
import dev.animerec.ml.serving.Signals;
import dev.animerec.ml.serving.UserList;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Anime-to-anime lists ("because you watched X"), ranked by a learned model. Candidates per anchor and the pair
 * features come from {@link PairFeatures}; a Spark GBT learns "a user who liked the anchor also liked this one"
 * from the validation users (their visible liked anime as anchors, their hidden liked anime as the positives,
 * on the selection phase's artefacts, which never saw those hidden entries). The test users evaluate it on the
 * evaluation phase's artefacts against co-occurrence alone, EASE's item-item weights alone and the former
 * hand-set bonuses ({@code similar_evaluation.json}, {@code plots/similar_ndcg_at_10.png}); the published top 50
 * per anime is ranked on the refit's artefacts.
 */
public final class SimilarStep {

    public static final int TOP = 50;
    static final int CUTOFF = 10;
    static final int TREES = 30;
    static final int DEPTH = 4;
    /** Anchors per user: enough labels without one long list dominating. */
    static final int ANCHORS_PER_USER = 5;
    static final List<String> MODELS = List.of("learned", "cooccurrence", "ease_item_item", "hand_set_bonuses");

    static final StructType SCHEMA = new StructType()
            .add("anime_id", DataTypes.IntegerType, false)
            .add("other_anime_id", DataTypes.IntegerType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("score", DataTypes.DoubleType, false);

    static final StructType EXAMPLES = new StructType()
            .add("username", DataTypes.StringType, false)
            .add("label", DataTypes.DoubleType, false)
            .add("features", DataTypes.createArrayType(DataTypes.DoubleType), false);

    public void run(MlContext context) {
        Progress progress = Progress.start("similar");
        GbtForest forest = train(context, progress);
        evaluate(context, forest, progress);
        ServingModel refit = InferStep.loadModel(context, ModelPhase.REFIT);
        List<Row> rows = lists(new PairFeatures(refit), refit, forest);
        context.spark().createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(context.modelDir() + "/similar.parquet");
        progress.count("anime-to-anime rows", rows.size());
        progress.done();
    }

    private static GbtForest train(MlContext context, Progress progress) {
        ServingModel selection = InferStep.loadModel(context, ModelPhase.SELECTION).withForest(null);
        Dataset<Row> users = UserLists.load(context, ModelPhase.SELECTION, List.of(PrepareStep.VALIDATION_VISIBLE),
                PrepareStep.VALIDATION_HIDDEN);
        long seed = context.settings().seed();
        Dataset<Row> examples = UserLists.perUser(context, selection, users, EXAMPLES, (m, recommender, index, row,
                                                                                      out) -> {
            UserList list = UserLists.visibleList(m, index, row).list();
            Set<Integer> hidden = UserLists.hidden(row, index);
            PairFeatures pairs = new PairFeatures(m);
            Set<Integer> visible = onList(list);
            for (int anchor : anchors(list, seed)) {
                int[] candidates = Arrays.stream(pairs.candidates(anchor)).filter(c -> !visible.contains(c)).toArray();
                double[][] x = pairs.features(anchor, candidates);
                for (int c = 0; c < candidates.length; c++) {
                    out.add(RowFactory.create(list.username(), hidden.contains(candidates[c]) ? 1.0 : 0.0,
                            scala.collection.JavaConverters.asScalaBuffer(Arrays.stream(x[c]).boxed().toList())
                                    .toSeq()));
                }
            }
        }).withColumn("features_vector", org.apache.spark.ml.functions.array_to_vector(col("features")))
                .coalesce(2).cache();
        Row counts = examples.agg(count(lit(1)), sum(col("label"))).first();
        progress.note("anime-to-anime ranker: {} (anchor, candidate) rows, {} positives", counts.getLong(0),
                (long) counts.getDouble(1));
        if (counts.getDouble(1) == 0) {
            throw new IllegalStateException("no validation user's hidden liked anime among any anchor's candidates");
        }
        // 15 features and one question per pair: a smaller forest than the user-level ranker's does as well
        // (validated on the test users of one split: see spark-ml/README.md) at a third of the cost.
        GbtForest forest = GbtExport.export(RankStep.fit(examples, TREES, DEPTH, 0.1, context.settings().seed()),
                PairFeatures.NAMES);
        examples.unpersist();
        return forest;
    }

    /**
     * For each test user and each of up to {@value #ANCHORS_PER_USER} visible liked anchors: Recall@10 and NDCG@10
     * of the user's hidden liked anime in the anchor's list (anime on the visible list left out), averaged per user.
     */
    private static void evaluate(MlContext context, GbtForest forest, Progress progress) {
        ServingModel model = InferStep.loadModel(context, ModelPhase.EVALUATION);
        PairFeatures pairs = new PairFeatures(model);
        Map<Integer, Integer> index = model.catalogue().indexById();
        long seed = context.settings().seed();
        Map<String, List<double[]>> perUser = new LinkedHashMap<>();
        MODELS.forEach(name -> perUser.put(name, new ArrayList<>()));
        for (Row row : UserLists.load(context, ModelPhase.EVALUATION, List.of(PrepareStep.TEST_VISIBLE),
                PrepareStep.TEST_HIDDEN).collectAsList()) {
            Set<Integer> hidden = UserLists.hidden(row, index);
            UserList list = UserLists.visibleList(model, index, row).list();
            int[] anchors = anchors(list, seed);
            if (hidden.isEmpty() || anchors.length == 0) {
                continue;
            }
            Set<Integer> visible = onList(list);
            Map<String, double[]> sums = new LinkedHashMap<>();
            MODELS.forEach(name -> sums.put(name, new double[2]));
            for (int anchor : anchors) {
                int[] candidates = Arrays.stream(pairs.candidates(anchor)).filter(c -> !visible.contains(c)).toArray();
                double[][] x = pairs.features(anchor, candidates);
                for (String name : MODELS) {
                    double[] scores = new double[candidates.length];
                    for (int c = 0; c < candidates.length; c++) {
                        scores[c] = switch (name) {
                            case "learned" -> forest.margin(x[c]);
                            case "cooccurrence" -> x[c][0];
                            case "ease_item_item" -> x[c][2];
                            default -> PairFeatures.bonusScore(x[c]);
                        };
                    }
                    int[] ranked = top(candidates, scores, CUTOFF);
                    sums.get(name)[0] += Metrics.recall(ranked, hidden, CUTOFF);
                    sums.get(name)[1] += Metrics.ndcg(ranked, hidden, CUTOFF);
                }
            }
            for (String name : MODELS) {
                perUser.get(name).add(new double[] {sums.get(name)[0] / anchors.length,
                        sums.get(name)[1] / anchors.length});
            }
        }
        int users = perUser.get("learned").size();
        if (users == 0) {
            throw new IllegalStateException("no test user with a liked anchor and a hidden liked anime");
        }
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("protocol", "test users; for each of up to " + ANCHORS_PER_USER + " visible liked anchors, the"
                + " anchor's list (visible anime left out) against the user's hidden liked anime; averaged per user;"
                + " 95 % percentile bootstrap over users; ratios paired with co-occurrence");
        report.put("test_users", users);
        Map<String, Object> models = new LinkedHashMap<>();
        Map<String, Bootstrap.Interval> ndcg = new LinkedHashMap<>();
        double[] baseline = column(perUser.get("cooccurrence"), 1);
        for (String name : MODELS) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            Bootstrap.Interval recall = Bootstrap.mean(column(perUser.get(name), 0), seed);
            Bootstrap.Interval n = Bootstrap.mean(column(perUser.get(name), 1), seed);
            metrics.put("recall@10", recall);
            metrics.put("ndcg@10", n);
            metrics.put("ndcg@10_vs_cooccurrence", Bootstrap.pairedRatio(column(perUser.get(name), 1), baseline,
                    seed));
            models.put(name, metrics);
            ndcg.put(name, n);
            progress.note("anime-to-anime {}: NDCG@10 {} [{}, {}] over {} test users", name,
                    String.format("%.4f", n.value()), String.format("%.4f", n.low()), String.format("%.4f", n.high()),
                    users);
        }
        report.put("models", models);
        try (OutputStream out = context.home().create(context.modelDir() + "/similar_evaluation.json")) {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, report);
            dev.animerec.ml.evaluation.Plots.intervals(context.home(),
                    context.modelDir() + "/plots/similar_ndcg_at_10.png",
                    "Anime-to-anime NDCG@10 (" + users + " test users) with 95 % bootstrap intervals", "NDCG@10", ndcg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the anime-to-anime evaluation", e);
        }
    }

    /** Every anime's top {@value #TOP} by the learned ranker. */
    static List<Row> lists(PairFeatures pairs, ServingModel model, GbtForest forest) {
        List<Row> rows = new ArrayList<>();
        int[] ids = model.catalogue().animeIds();
        for (int anchor = 0; anchor < ids.length; anchor++) {
            int[] candidates = pairs.candidates(anchor);
            double[][] x = pairs.features(anchor, candidates);
            double[] scores = new double[candidates.length];
            for (int c = 0; c < candidates.length; c++) {
                scores[c] = forest.margin(x[c]);
            }
            Integer[] order = new Integer[candidates.length];
            for (int c = 0; c < order.length; c++) {
                order[c] = c;
            }
            Arrays.sort(order, Comparator.<Integer>comparingDouble(c -> -scores[c]).thenComparingInt(c -> ids[candidates[c]]));
            for (int r = 0; r < Math.min(TOP, order.length); r++) {
                rows.add(RowFactory.create(ids[anchor], ids[candidates[order[r]]], r + 1, scores[order[r]]));
            }
        }
        return rows;
    }

    /** Up to {@value #ANCHORS_PER_USER} liked anime of the list, picked by a seeded hash (stable per user). */
    static int[] anchors(UserList list, long seed) {
        List<long[]> liked = new ArrayList<>();
        for (int e = 0; e < list.items().length; e++) {
            if (Signals.liked(list.ratings()[e])) {
                long key = mix(seed * 31 + list.username().hashCode() * 1_000_003L + list.items()[e]);
                liked.add(new long[] {key, list.items()[e]});
            }
        }
        liked.sort(Comparator.comparingLong(pair -> pair[0]));
        return liked.stream().limit(ANCHORS_PER_USER).mapToInt(pair -> (int) pair[1]).toArray();
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static Set<Integer> onList(UserList list) {
        Set<Integer> items = new HashSet<>();
        for (int item : list.items()) {
            items.add(item);
        }
        return items;
    }

    private static int[] top(int[] candidates, double[] scores, int k) {
        int[] order = dev.animerec.ml.serving.TopK.select(scores, null, Math.min(k, scores.length),
                Double.NEGATIVE_INFINITY);
        int[] items = new int[order.length];
        for (int r = 0; r < order.length; r++) {
            items[r] = candidates[order[r]];
        }
        return items;
    }

    private static double[] column(List<double[]> rows, int c) {
        return rows.stream().mapToDouble(r -> r[c]).toArray();
    }
}
