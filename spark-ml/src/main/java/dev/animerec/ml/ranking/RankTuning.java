package dev.animerec.ml.ranking;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.ModelPhase;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.evaluation.EvaluateStep;
import dev.animerec.ml.evaluation.Metrics;
import dev.animerec.ml.inference.InferStep;
import dev.animerec.ml.inference.UserLists;
import dev.animerec.ml.prepare.PrepareStep;
import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import dev.animerec.ml.serving.TopK;
import dev.animerec.ml.serving.UserList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code tune-rank}: ALS + GBT scored on the validation users without looking at the test users. The GBT is
 * trained on the validation users, so scoring it on them needs cross-fitting: the users are split into folds by a
 * seeded hash, each fold is ranked by a forest trained on the other folds, and EASE is scored on the same users
 * for comparison. This is what ranking changes are judged by before the test users are looked at.
 */
public final class RankTuning {

    public record Result(double alsGbtNdcg20, double easeNdcg20, int users) {
    }

    public Result run(MlContext context, int folds) {
        Progress progress = Progress.start("tune-rank");
        ServingModel model = InferStep.loadModel(context, ModelPhase.SELECTION).withForest(null);
        Map<Integer, Integer> index = model.catalogue().indexById();
        int n = model.catalogue().size();
        Dataset<Row> users = UserLists.load(context, ModelPhase.SELECTION, List.of(PrepareStep.VALIDATION_VISIBLE),
                PrepareStep.VALIDATION_HIDDEN).withColumn("fold",
                pmod(xxhash64(col("username"), lit(context.settings().seed() + 1)), lit(folds))).cache();
        Dataset<Row> examples = RankStep.candidateExamples(context, model, users.drop("fold"))
                .join(users.select("username", "fold"), "username")
                .withColumn("features_vector", org.apache.spark.ml.functions.array_to_vector(col("features")))
                .coalesce(2).cache();
        double gbtSum = 0;
        double easeSum = 0;
        int counted = 0;
        for (int fold = 0; fold < folds; fold++) {
            Recommender recommender = new Recommender(model.withForest(GbtExport.export(
                    RankStep.fit(context.settings(), examples.filter(col("fold").notEqual(fold))))));
            for (Row row : users.filter(col("fold").equalTo(fold)).collectAsList()) {
                Set<Integer> relevant = UserLists.hidden(row, index);
                if (relevant.isEmpty()) {
                    continue;
                }
                UserList list = UserLists.visibleList(model, index, row).list();
                int[] ranked = recommender.recommend(list, UserLists.factor(row), InferStep.TOP, false).stream()
                        .mapToInt(Recommender.Ranked::item).toArray();
                gbtSum += Metrics.ndcg(ranked, relevant, 20);
                boolean[] onList = new boolean[n];
                for (int item : list.items()) {
                    onList[item] = true;
                }
                int[] popular = TopK.select(model.catalogue().trainPopularity(), onList, InferStep.TOP,
                        Double.NEGATIVE_INFINITY);
                int[] ease = EvaluateStep.fill(TopK.select(model.ease().scores(Recommender.liked(list), n),
                        onList, InferStep.TOP, Double.NEGATIVE_INFINITY), popular);
                easeSum += Metrics.ndcg(ease, relevant, 20);
                counted++;
            }
            progress.note("fold {} of {} scored", fold + 1, folds);
        }
        examples.unpersist();
        users.unpersist();
        Result result = new Result(gbtSum / Math.max(1, counted), easeSum / Math.max(1, counted), counted);
        progress.note("validation users {} ({}-fold cross-fitted GBT): ALS + GBT NDCG@20 {}, EASE NDCG@20 {}",
                result.users(), folds, String.format("%.4f", result.alsGbtNdcg20()),
                String.format("%.4f", result.easeNdcg20()));
        progress.done();
        return result;
    }
}
