package dev.animerec.ml.evaluation;

import static org.apache.spark.sql.functions.*;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.inference.InferStep;
import dev.animerec.ml.inference.UserLists;
import dev.animerec.ml.prepare.PrepareStep;
import dev.animerec.ml.serving.Ease;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/**
 * Offline evaluation on the test users: each model ranks the whole catalogue minus the user's visible list
 * (no sampled negatives) and is scored against the user's relevant hidden entries. Writes
 * {@code evaluation.json} and {@code plots/recall_at_k.png}, {@code plots/ndcg_at_k.png}.
 */
public final class EvaluateStep {

    public static final int[] CUTOFFS = {1, 5, 10, 20, 50, 100};
    public static final List<String> MODELS = List.of("popularity", "item_item", "ease", "als", "als_gbt");

    public Map<String, Object> run(MlContext context) {
        Progress progress = Progress.start("evaluate");
        ServingModel model = InferStep.loadModel(context);
        ItemCatalogue catalogue = model.catalogue();
        Map<Integer, Integer> index = catalogue.indexById();
        int n = catalogue.size();
        List<Row> users = UserLists.load(context, List.of(PrepareStep.TEST_VISIBLE), PrepareStep.TEST_HIDDEN)
                .collectAsList();
        Ease ease = model.ease();
        Recommender recommender = new Recommender(model);
        Map<String, double[][]> recall = new LinkedHashMap<>();
        Map<String, double[][]> ndcg = new LinkedHashMap<>();
        Map<String, Set<Integer>> coverage = new LinkedHashMap<>();
        for (String name : MODELS) {
            coverage.put(name, new HashSet<>());
        }
        List<Map<String, int[]>> rankings = new ArrayList<>();
        List<Set<Integer>> relevantSets = new ArrayList<>();
        int skipped = 0;
        for (Row row : users) {
            Set<Integer> relevant = UserLists.hidden(row, index);
            if (relevant.isEmpty()) {
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
            ranked.put("popularity", popular);
            ranked.put("item_item", fill(TopK.select(itemItem(model.neighbours(), list, n), onList, InferStep.TOP,
                    0.0), popular));
            int[] positives = positives(list);
            ranked.put("ease", fill(TopK.select(ease.scores(positives, n), onList, InferStep.TOP,
                    Double.NEGATIVE_INFINITY), popular));
            ranked.put("als", TopK.select(als, onList, InferStep.TOP, Double.NEGATIVE_INFINITY));
            ranked.put("als_gbt", recommender.recommend(list, factor, InferStep.TOP, false).stream()
                    .mapToInt(Recommender.Ranked::item).toArray());
            rankings.add(ranked);
            relevantSets.add(relevant);
        }
        int evaluated = rankings.size();
        progress.note("{} test users evaluated, {} skipped (no relevant hidden anime the model knows)", evaluated,
                skipped);
        if (evaluated == 0) {
            throw new IllegalStateException("no test user has a relevant hidden anime: nothing to evaluate");
        }
        for (String name : MODELS) {
            double[][] r = new double[CUTOFFS.length][evaluated];
            double[][] g = new double[CUTOFFS.length][evaluated];
            for (int u = 0; u < evaluated; u++) {
                int[] ranked = rankings.get(u).get(name);
                for (int c = 0; c < CUTOFFS.length; c++) {
                    r[c][u] = Metrics.recall(ranked, relevantSets.get(u), CUTOFFS[c]);
                    g[c][u] = Metrics.ndcg(ranked, relevantSets.get(u), CUTOFFS[c]);
                }
                for (int k = 0; k < Math.min(20, ranked.length); k++) {
                    coverage.get(name).add(ranked[k]);
                }
            }
            recall.put(name, r);
            ndcg.put(name, g);
        }
        Map<String, Object> report = report(context, n, evaluated, recall, ndcg, coverage);
        write(context, report, recall, ndcg);
        progress.done();
        return report;
    }

    public static int[] positives(UserList list) {
        List<Integer> items = new ArrayList<>();
        for (int e = 0; e < list.items().length; e++) {
            if (list.ratings()[e] > 0) {
                items.add(list.items()[e]);
            }
        }
        return items.stream().mapToInt(Integer::intValue).toArray();
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

    private static Map<String, Object> report(MlContext context, int catalogueSize, int users,
                                              Map<String, double[][]> recall, Map<String, double[][]> ndcg,
                                              Map<String, Set<Integer>> coverage) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("version", context.version());
        report.put("protocol", "held-out test users, full ranking over the catalogue minus the visible list");
        report.put("test_users", users);
        report.put("catalogue_size", catalogueSize);
        report.put("settings", context.settings());
        Map<String, Object> models = new LinkedHashMap<>();
        for (String name : MODELS) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("recall@20", mean(recall.get(name)[3]));
            metrics.put("recall@50", mean(recall.get(name)[4]));
            metrics.put("ndcg@20", mean(ndcg.get(name)[3]));
            metrics.put("ndcg@100", mean(ndcg.get(name)[5]));
            metrics.put("coverage@20", coverage.get(name).size() / (double) catalogueSize);
            Map<String, Double> recallCurve = new LinkedHashMap<>();
            Map<String, Double> ndcgCurve = new LinkedHashMap<>();
            for (int c = 0; c < CUTOFFS.length; c++) {
                recallCurve.put(String.valueOf(CUTOFFS[c]), mean(recall.get(name)[c]));
                ndcgCurve.put(String.valueOf(CUTOFFS[c]), mean(ndcg.get(name)[c]));
            }
            metrics.put("recall_curve", recallCurve);
            metrics.put("ndcg_curve", ndcgCurve);
            models.put(name, metrics);
        }
        report.put("models", models);
        return report;
    }

    private static void write(MlContext context, Map<String, Object> report, Map<String, double[][]> recall,
                              Map<String, double[][]> ndcg) {
        try {
            try (OutputStream out = context.home().create(context.modelDir() + "/evaluation.json")) {
                new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, report);
            }
            Plots.curves(context.home(), context.modelDir() + "/plots/recall_at_k.png", "Recall@K (test users)",
                    "Recall@K", CUTOFFS, means(recall));
            Plots.curves(context.home(), context.modelDir() + "/plots/ndcg_at_k.png", "NDCG@K (test users)",
                    "NDCG@K", CUTOFFS, means(ndcg));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the evaluation", e);
        }
    }

    private static Map<String, double[]> means(Map<String, double[][]> perUser) {
        Map<String, double[]> means = new LinkedHashMap<>();
        perUser.forEach((name, values) -> {
            double[] curve = new double[values.length];
            for (int c = 0; c < values.length; c++) {
                curve[c] = mean(values[c]);
            }
            means.put(name, curve);
        });
        return means;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }
}
