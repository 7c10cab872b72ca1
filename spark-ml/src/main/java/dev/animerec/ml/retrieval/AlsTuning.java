package dev.animerec.ml.retrieval;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.evaluation.Metrics;
import dev.animerec.ml.prepare.PrepareStep;
import dev.animerec.ml.serving.Signals;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code tune}: a small grid over the ALS signal and hyper-parameters, scored by NDCG@20 of ALS alone on the
 * validation users' hidden entries (full ranking). Test users are never looked at, so the chosen defaults do not
 * leak into the reported test figures.
 */
public final class AlsTuning {

    public record Trial(boolean negativeFeedback, double alpha, double regParam, int rank, double ndcg20,
                        double recall20) {
    }

    public List<Trial> run(MlContext context, List<Boolean> negativeFeedback, List<Double> alphas,
                           List<Double> regParams, List<Integer> ranks) {
        Progress progress = Progress.start("tune");
        Dataset<Row> interactions = context.spark().read().parquet(context.work("interactions.parquet"));
        Dataset<Row> training = interactions.filter(col("part").isin(
                dev.animerec.ml.common.ModelPhase.SELECTION.trainingParts().toArray()));
        Dataset<Row> users = RetrieveStep.userIndex(context.spark(), training);
        Map<Integer, Set<Integer>> visible = new HashMap<>();
        Map<Integer, Set<Integer>> hidden = new HashMap<>();
        for (Row row : interactions.filter(col("part").isin(PrepareStep.VALIDATION_VISIBLE,
                        PrepareStep.VALIDATION_HIDDEN)).join(users, "username")
                .select("user_idx", "anime_id", "part", "relevant").collectAsList()) {
            boolean isHidden = row.getString(2).equals(PrepareStep.VALIDATION_HIDDEN);
            if (!isHidden) {
                visible.computeIfAbsent(row.getInt(0), u -> new HashSet<>()).add(row.getInt(1));
            } else if (row.getBoolean(3)) {
                hidden.computeIfAbsent(row.getInt(0), u -> new HashSet<>()).add(row.getInt(1));
            }
        }
        List<Trial> trials = new ArrayList<>();
        for (boolean negative : negativeFeedback) {
            Signals signals = new Signals(negative);
            UDF2<String, Integer, Double> weight = (status, score) -> signals.weight(status, score);
            Dataset<Row> input = training.join(users, "username")
                    .withColumn("weight", udf(weight, DataTypes.DoubleType).apply(col("status"), col("score")))
                    .filter(col("weight").notEqual(0)).select("user_idx", "anime_id", "weight").cache();
            for (int rank : ranks) {
                for (double alpha : alphas) {
                    for (double reg : regParams) {
                        ALSModel model = new ALS().setImplicitPrefs(true).setRank(rank)
                                .setMaxIter(context.settings().alsIterations()).setRegParam(reg).setAlpha(alpha)
                                .setNumUserBlocks(context.settings().alsBlocks())
                                .setNumItemBlocks(context.settings().alsBlocks()).setSeed(context.settings().seed())
                                .setUserCol("user_idx").setItemCol("anime_id").setRatingCol("weight").fit(input);
                        Trial trial = score(model, visible, hidden, negative, alpha, reg, rank);
                        progress.note("negative={} alpha={} reg={} rank={}: NDCG@20 {} Recall@20 {}", negative, alpha,
                                reg, rank, String.format("%.4f", trial.ndcg20()),
                                String.format("%.4f", trial.recall20()));
                        trials.add(trial);
                    }
                }
            }
            input.unpersist();
        }
        progress.done();
        return trials;
    }

    private static Trial score(ALSModel model, Map<Integer, Set<Integer>> visible, Map<Integer, Set<Integer>> hidden,
                               boolean negative, double alpha, double reg, int rank) {
        List<Row> items = model.itemFactors().collectAsList();
        int[] ids = new int[items.size()];
        float[][] factors = new float[items.size()][];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = items.get(i).getInt(0);
            List<Float> v = items.get(i).getList(1);
            factors[i] = new float[v.size()];
            for (int f = 0; f < v.size(); f++) {
                factors[i][f] = v.get(f);
            }
        }
        Map<Integer, float[]> userFactors = new LinkedHashMap<>();
        for (Row row : model.userFactors().collectAsList()) {
            if (hidden.containsKey(row.getInt(0))) {
                List<Float> v = row.getList(1);
                float[] vector = new float[v.size()];
                for (int f = 0; f < v.size(); f++) {
                    vector[f] = v.get(f);
                }
                userFactors.put(row.getInt(0), vector);
            }
        }
        double ndcg = 0;
        double recall = 0;
        for (Map.Entry<Integer, float[]> user : userFactors.entrySet()) {
            double[] scores = new double[ids.length];
            boolean[] excluded = new boolean[ids.length];
            Set<Integer> seen = visible.getOrDefault(user.getKey(), Set.of());
            for (int i = 0; i < ids.length; i++) {
                excluded[i] = seen.contains(ids[i]);
                double s = 0;
                for (int f = 0; f < factors[i].length; f++) {
                    s += factors[i][f] * user.getValue()[f];
                }
                scores[i] = s;
            }
            int[] top = dev.animerec.ml.serving.TopK.select(scores, excluded, 20, Double.NEGATIVE_INFINITY);
            int[] topIds = new int[top.length];
            for (int r = 0; r < top.length; r++) {
                topIds[r] = ids[top[r]];
            }
            ndcg += Metrics.ndcg(topIds, hidden.get(user.getKey()), 20);
            recall += Metrics.recall(topIds, hidden.get(user.getKey()), 20);
        }
        int n = Math.max(1, userFactors.size());
        return new Trial(negative, alpha, reg, rank, ndcg / n, recall / n);
    }
}
