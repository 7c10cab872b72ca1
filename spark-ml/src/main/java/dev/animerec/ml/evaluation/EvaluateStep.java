package dev.animerec.ml.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.ModelPhase;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.evaluation.yardstick.Yardstick;
import dev.animerec.ml.inference.InferStep;
import dev.animerec.ml.inference.UserLists;
import dev.animerec.ml.prepare.PrepareStep;
import dev.animerec.ml.serving.ItemCatalogue;
import dev.animerec.ml.serving.Neighbours;
import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import dev.animerec.ml.serving.TopK;
import dev.animerec.ml.serving.UserList;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Offline evaluation of the selection phase on the test users: every model ranks the whole catalogue minus the
 * user's visible list (no sampled negatives) and is scored against the user's hidden positives, by anime id (an
 * anime a model does not know is still a miss). Beside the product's models it reports the {@link Yardstick}
 * (textbook EASE tuned on the validation users, popularity), 95 % bootstrap intervals over users for every metric,
 * and paired ratios against the yardstick EASE. The product's ranker is scored twice: with the ALS factor trained
 * with the user's visible list (the batch path) and folded in from that list (the serving path). Writes
 * {@code evaluation.json}, {@code evaluation_users.json} (per-user metrics, for cross-validation) and the plots.
 */
public final class EvaluateStep {

    public static final int[] CUTOFFS = {1, 5, 10, 20, 50, 100};
    public static final String YARDSTICK = "yardstick_ease";
    public static final String PRODUCT = "als_gbt";
    public static final List<String> MODELS = List.of("popularity", "item_item", "ease", "als", PRODUCT,
            "als_gbt_fold_in", YARDSTICK);
    /** The metrics reported with intervals and paired ratios. */
    public static final List<String> HEADLINE = List.of("ndcg@20", "recall@20", "ndcg@100", "recall@50");

    /** Per-user metrics of one evaluation: model -> metric -> one value per user (same user order for all). */
    public record PerUser(List<String> users, Map<String, Map<String, double[]>> metrics) {
    }

    public Map<String, Object> run(MlContext context) {
        Progress progress = Progress.start("evaluate");
        PerUser perUser = score(context, progress);
        Map<String, Object> report = report(context, perUser);
        write(context, report, perUser);
        progress.done();
        return report;
    }

    /** Every model's top 100 for every test user, scored. */
    public static PerUser score(MlContext context, Progress progress) {
        ServingModel selection = InferStep.loadModel(context, ModelPhase.SELECTION);
        if (selection.forest() == null) {
            throw new IllegalStateException("no selection forest: run 'rank' first");
        }
        // Retrieval fitted on everyone's whole list but the test users' hidden entries, ranked by the forest that
        // learnt from the validation users: what serving does for a new user, minus the test users' labels.
        ServingModel model = InferStep.loadModel(context, ModelPhase.EVALUATION).withForest(selection.forest());
        ItemCatalogue catalogue = model.catalogue();
        Map<Integer, Integer> index = catalogue.indexById();
        int n = catalogue.size();
        Dataset<Row> interactions = context.spark().read().parquet(context.work("interactions.parquet"));
        Yardstick yardstick = Yardstick.fit(interactions, ModelPhase.SELECTION.trainingParts(),
                PrepareStep.VALIDATION_VISIBLE, PrepareStep.VALIDATION_HIDDEN, Yardstick.LAMBDAS,
                ModelPhase.EVALUATION.trainingParts());
        progress.note("yardstick EASE: lambda {} on {} anime (validation NDCG@20 by lambda {})",
                yardstick.ease().lambda(), yardstick.ease().items(), yardstick.validationNdcg());
        Map<String, Row> productRows = new HashMap<>();
        for (Row row : UserLists.load(context, ModelPhase.EVALUATION, List.of(PrepareStep.TEST_VISIBLE),
                PrepareStep.TEST_HIDDEN).collectAsList()) {
            productRows.put(row.getString(row.fieldIndex("username")), row);
        }
        Recommender recommender = new Recommender(model);
        List<String> users = new ArrayList<>();
        Map<String, List<double[]>> rows = new LinkedHashMap<>();
        int skipped = 0;
        for (Yardstick.HeldOut user : Yardstick.heldOut(interactions, PrepareStep.TEST_VISIBLE,
                PrepareStep.TEST_HIDDEN)) {
            Row row = productRows.get(user.username());
            if (row == null) {
                // A test user with no visible entry ALS could learn from has no trained factor: nothing to compare.
                skipped++;
                continue;
            }
            UserList list = UserLists.visibleList(model, index, row).list();
            double[] factor = UserLists.factor(row);
            boolean[] onList = new boolean[n];
            for (int item : list.items()) {
                onList[item] = true;
            }
            int[] popular = TopK.select(catalogue.trainPopularity(), onList, InferStep.TOP, Double.NEGATIVE_INFINITY);
            double[] als = new double[n];
            for (int j = 0; j < n; j++) {
                als[j] = model.factors().dot(factor, j);
            }
            Map<String, int[]> ranked = new LinkedHashMap<>();
            ranked.put("item_item", ids(catalogue, fill(TopK.select(itemItem(model.neighbours(), list, n), onList,
                    InferStep.TOP, 0.0), popular)));
            ranked.put("ease", ids(catalogue, fill(TopK.select(model.ease().scores(Recommender.liked(list), n),
                    onList, InferStep.TOP, Double.NEGATIVE_INFINITY), popular)));
            ranked.put("als", ids(catalogue, TopK.select(als, onList, InferStep.TOP, Double.NEGATIVE_INFINITY)));
            ranked.put(PRODUCT, ids(catalogue, items(recommender.recommend(list, factor, InferStep.TOP, false))));
            ranked.put("als_gbt_fold_in", ids(catalogue, items(recommender.recommend(list, InferStep.TOP, false))));
            ranked.put(YARDSTICK, yardstick.rankEase(user));
            // Popularity is the yardstick's (training positives), not the product's catalogue popularity.
            ranked.put("popularity", yardstick.rankPopularity(user));

            users.add(user.username());
            for (String name : MODELS) {
                double[] values = new double[CUTOFFS.length * 2];
                for (int c = 0; c < CUTOFFS.length; c++) {
                    values[c] = Metrics.recall(ranked.get(name), user.truth(), CUTOFFS[c]);
                    values[CUTOFFS.length + c] = Metrics.ndcg(ranked.get(name), user.truth(), CUTOFFS[c]);
                }
                rows.computeIfAbsent(name, k -> new ArrayList<>()).add(values);
            }
        }
        progress.note("{} test users evaluated, {} skipped (no trained factor)", users.size(), skipped);
        if (users.isEmpty()) {
            throw new IllegalStateException("no test user has a hidden positive: nothing to evaluate");
        }
        Map<String, Map<String, double[]>> metrics = new LinkedHashMap<>();
        for (String name : MODELS) {
            Map<String, double[]> byMetric = new LinkedHashMap<>();
            for (int c = 0; c < CUTOFFS.length; c++) {
                double[] recall = new double[users.size()];
                double[] ndcg = new double[users.size()];
                for (int u = 0; u < users.size(); u++) {
                    recall[u] = rows.get(name).get(u)[c];
                    ndcg[u] = rows.get(name).get(u)[CUTOFFS.length + c];
                }
                byMetric.put("recall@" + CUTOFFS[c], recall);
                byMetric.put("ndcg@" + CUTOFFS[c], ndcg);
            }
            metrics.put(name, byMetric);
        }
        return new PerUser(users, metrics);
    }

    private static int[] items(List<Recommender.Ranked> ranked) {
        return ranked.stream().mapToInt(Recommender.Ranked::item).toArray();
    }

    private static int[] ids(ItemCatalogue catalogue, int[] items) {
        int[] ids = new int[items.length];
        for (int i = 0; i < items.length; i++) {
            ids[i] = catalogue.animeIds()[items[i]];
        }
        return ids;
    }

    static double[] itemItem(Neighbours neighbours, UserList list, int n) {
        double[] scores = new double[n];
        for (int e = 0; e < list.items().length; e++) {
            if (list.ratings()[e] <= 0) {
                continue;
            }
            int[] others = neighbours.items()[list.items()[e]];
            float[] sims = neighbours.scores()[list.items()[e]];
            for (int o = 0; o < others.length; o++) {
                scores[others[o]] += list.ratings()[e] * sims[o];
            }
        }
        return scores;
    }

    /** A model that scores only part of the catalogue continues its ranking with the most popular items. */
    public static int[] fill(int[] ranked, int[] popular) {
        if (ranked.length >= InferStep.TOP) {
            return ranked;
        }
        Set<Integer> seen = new HashSet<>();
        List<Integer> out = new ArrayList<>();
        for (int item : ranked) {
            seen.add(item);
            out.add(item);
        }
        for (int item : popular) {
            if (out.size() >= InferStep.TOP) {
                break;
            }
            if (seen.add(item)) {
                out.add(item);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Means with 95 % bootstrap intervals, and ratios paired with the yardstick EASE. */
    public static Map<String, Object> summary(PerUser perUser, long seed) {
        Map<String, Object> models = new LinkedHashMap<>();
        for (String name : MODELS) {
            Map<String, double[]> metrics = perUser.metrics().get(name);
            Map<String, Object> entry = new LinkedHashMap<>();
            for (String metric : HEADLINE) {
                entry.put(metric, interval(Bootstrap.mean(metrics.get(metric), seed)));
            }
            Map<String, Object> ratios = new LinkedHashMap<>();
            for (String metric : HEADLINE) {
                ratios.put(metric, interval(Bootstrap.pairedRatio(metrics.get(metric),
                        perUser.metrics().get(YARDSTICK).get(metric), seed)));
            }
            entry.put("vs_" + YARDSTICK, ratios);
            Map<String, Double> recallCurve = new LinkedHashMap<>();
            Map<String, Double> ndcgCurve = new LinkedHashMap<>();
            for (int cutoff : CUTOFFS) {
                recallCurve.put(String.valueOf(cutoff), Bootstrap.average(metrics.get("recall@" + cutoff)));
                ndcgCurve.put(String.valueOf(cutoff), Bootstrap.average(metrics.get("ndcg@" + cutoff)));
            }
            entry.put("recall_curve", recallCurve);
            entry.put("ndcg_curve", ndcgCurve);
            models.put(name, entry);
        }
        return models;
    }

    private static Map<String, Object> report(MlContext context, PerUser perUser) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("version", context.version());
        report.put("protocol", "held-out test users (20 % of their positives hidden); retrieval and yardstick fitted on"
                + " every list but those hidden entries, ranker learnt from the validation users; full ranking"
                + " over the catalogue minus the visible list; truth = hidden positives by anime id; 95 % percentile"
                + " bootstrap over users (" + Bootstrap.RESAMPLES + " resamples); ratios paired with "
                + YARDSTICK);
        report.put("test_users", perUser.users().size());
        report.put("settings", context.settings());
        Map<String, Object> models = summary(perUser, context.settings().seed());
        report.put("models", models);
        report.put("served", served(models));
        return report;
    }

    /**
     * The product's ranker is served; the report says whether the evaluation backs that: its paired NDCG@20 interval
     * against the yardstick lies above 1, overlaps 1, or lies below 1.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> served(Map<String, Object> models) {
        Map<String, Object> ratio = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>) models
                .get(PRODUCT)).get("vs_" + YARDSTICK)).get("ndcg@20");
        double low = (Double) ratio.get("low");
        double high = (Double) ratio.get("high");
        Map<String, Object> served = new LinkedHashMap<>();
        served.put("model", PRODUCT);
        served.put("ndcg@20_vs_" + YARDSTICK, ratio);
        served.put("verdict", low > 1 ? "better than the yardstick" : high < 1 ? "worse than the yardstick"
                : "level with the yardstick (interval spans 1)");
        return served;
    }

    private static Map<String, Object> interval(Bootstrap.Interval interval) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("value", interval.value());
        values.put("low", interval.low());
        values.put("high", interval.high());
        return values;
    }

    @SuppressWarnings("unchecked")
    private static void write(MlContext context, Map<String, Object> report, PerUser perUser) {
        try {
            ObjectMapper json = new ObjectMapper();
            try (OutputStream out = context.home().create(context.modelDir() + "/evaluation.json")) {
                json.writerWithDefaultPrettyPrinter().writeValue(out, report);
            }
            try (OutputStream out = context.home().create(context.modelDir() + "/evaluation_users.json")) {
                json.writeValue(out, perUser);
            }
            plot(context, (Map<String, Object>) report.get("models"), "NDCG@K (test users)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evaluation", e);
        }
    }

    @SuppressWarnings("unchecked")
    static void plot(MlContext context, Map<String, Object> models, String title) throws IOException {
        Map<String, double[]> recall = new LinkedHashMap<>();
        Map<String, double[]> ndcg = new LinkedHashMap<>();
        Map<String, Bootstrap.Interval> ndcg20 = new LinkedHashMap<>();
        Map<String, Bootstrap.Interval> ratios = new LinkedHashMap<>();
        models.forEach((name, value) -> {
            Map<String, Object> entry = (Map<String, Object>) value;
            recall.put(name, curve((Map<String, Double>) entry.get("recall_curve")));
            ndcg.put(name, curve((Map<String, Double>) entry.get("ndcg_curve")));
            Map<String, Double> i = (Map<String, Double>) entry.get("ndcg@20");
            ndcg20.put(name, new Bootstrap.Interval(i.get("value"), i.get("low"), i.get("high")));
            Map<String, Double> r = (Map<String, Double>) ((Map<String, Object>) entry.get("vs_" + YARDSTICK))
                    .get("ndcg@20");
            ratios.put(name, new Bootstrap.Interval(r.get("value"), r.get("low"), r.get("high")));
        });
        Plots.curves(context.home(), context.modelDir() + "/plots/recall_at_k.png", title.replace("NDCG", "Recall"),
                "Recall@K", CUTOFFS, recall);
        Plots.curves(context.home(), context.modelDir() + "/plots/ndcg_at_k.png", title, "NDCG@K", CUTOFFS, ndcg);
        Plots.intervals(context.home(), context.modelDir() + "/plots/ndcg_at_20_intervals.png",
                title.replace("@K", "@20") + " with 95 % bootstrap intervals", "NDCG@20", ndcg20);
        ratios.remove(YARDSTICK);
        Plots.intervals(context.home(), context.modelDir() + "/plots/ndcg_at_20_vs_yardstick.png",
                title.replace("NDCG@K", "NDCG@20 / yardstick EASE, paired") + ", 95 % intervals",
                "ratio to the yardstick EASE", ratios);
    }

    private static double[] curve(Map<String, Double> values) {
        double[] curve = new double[CUTOFFS.length];
        for (int c = 0; c < CUTOFFS.length; c++) {
            curve[c] = values.get(String.valueOf(CUTOFFS[c]));
        }
        return curve;
    }
}
