package dev.animerec.ml.retrieval;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.common.DenseInverse;
import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.serving.Ease;
import dev.animerec.ml.serving.ItemCatalogue;
import dev.animerec.ml.serving.Signals;
import dev.animerec.ml.serving.TopK;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * Fits {@link Ease} on the liked anime ({@link Signals#relevant}) of the given parts, restricted to the most popular
 * items: binary positives, as EASE is defined; plan-to-watch, dropped and disliked entries are no evidence of taste.
 */
public final class EaseFit {

    private EaseFit() {
    }

    public static Ease fit(MlContext context, ItemCatalogue catalogue, double lambda, List<String> parts) {
        Progress progress = Progress.start("ease");
        Map<Integer, Integer> index = catalogue.indexById();
        List<Row> lists = context.spark().read().parquet(context.work("interactions.parquet"))
                .filter(col("part").isin(parts.toArray()))
                .filter(col("relevant"))
                .groupBy("username").agg(collect_list(col("anime_id")).as("items")).collectAsList();
        List<int[]> positives = new ArrayList<>(lists.size());
        for (Row row : lists) {
            positives.add(row.<Integer>getList(1).stream().filter(index::containsKey).mapToInt(index::get).toArray());
        }
        int[] items = TopK.select(catalogue.trainPopularity(), null,
                Math.min(context.settings().easeItems(), catalogue.size()), 0.0);
        Ease ease = Ease.fit(items, catalogue.size(), positives, lambda, DenseInverse::invert);
        progress.note("EASE on {} items from {} users, lambda {} (LAPACK {})", items.length, positives.size(), lambda,
                DenseInverse.lapack());
        progress.done();
        return ease;
    }
}
