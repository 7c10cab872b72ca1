package dev.animerec.ml.evaluation;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.ModelPhase;
import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.inference.InferStep;
import dev.animerec.ml.inference.UserLists;
import dev.animerec.ml.prepare.PrepareStep;
import dev.animerec.ml.serving.Ease;
import dev.animerec.ml.serving.ServingModel;
import dev.animerec.ml.serving.TopK;
import dev.animerec.ml.serving.UserList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Row;

/** Picks EASE's lambda by NDCG@20 on the validation users, so the baseline is tuned as fairly as ALS. */
public final class EaseTuning {

    public void run(MlContext context, List<Double> lambdas) {
        Progress progress = Progress.start("tune-ease");
        ServingModel model = InferStep.loadModel(context, ModelPhase.SELECTION);
        Map<Integer, Integer> index = model.catalogue().indexById();
        int n = model.catalogue().size();
        List<Row> users = UserLists.load(context, ModelPhase.SELECTION, List.of(PrepareStep.VALIDATION_VISIBLE),
                PrepareStep.VALIDATION_HIDDEN).collectAsList();
        for (double lambda : lambdas) {
            Ease ease = dev.animerec.ml.retrieval.EaseFit.fit(context, model.catalogue(), lambda,
                    ModelPhase.SELECTION.trainingParts());
            double ndcg = 0;
            int counted = 0;
            for (Row row : users) {
                Set<Integer> relevant = UserLists.hidden(row, index);
                if (relevant.isEmpty()) {
                    continue;
                }
                UserList list = UserLists.visibleList(model, index, row).list();
                boolean[] onList = new boolean[n];
                for (int item : list.items()) {
                    onList[item] = true;
                }
                int[] popular = TopK.select(model.catalogue().trainPopularity(), onList, InferStep.TOP,
                        Double.NEGATIVE_INFINITY);
                int[] ranked = EvaluateStep.fill(TopK.select(ease.scores(Recommender.liked(list), n), onList,
                        InferStep.TOP, Double.NEGATIVE_INFINITY), popular);
                ndcg += Metrics.ndcg(ranked, relevant, 20);
                counted++;
            }
            progress.note("EASE lambda={} items={}: validation NDCG@20 {}", lambda, context.settings().easeItems(),
                    String.format("%.4f", ndcg / Math.max(1, counted)));
        }
        progress.done();
    }
}
