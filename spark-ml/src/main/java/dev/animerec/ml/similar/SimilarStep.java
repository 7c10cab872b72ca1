package dev.animerec.ml.similar;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.inference.InferStep;
import dev.animerec.ml.serving.ItemCatalogue;
import dev.animerec.ml.serving.Neighbours;
import dev.animerec.ml.serving.ServingModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Anime-to-anime lists ("because you watched X"): the co-occurrence neighbours, lifted by MAL relations and MAL
 * user recommendations when the processed {@code anime_anime} table has them; top 50 per anime.
 */
public final class SimilarStep {

    public static final int TOP = 50;
    static final double RELATED_BONUS = 0.2;
    static final double RECOMMENDATION_BONUS = 0.05;

    static final StructType SCHEMA = new StructType()
            .add("anime_id", DataTypes.IntegerType, false)
            .add("other_anime_id", DataTypes.IntegerType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("score", DataTypes.DoubleType, false);

    public void run(MlContext context) {
        Progress progress = Progress.start("similar");
        ServingModel model = InferStep.loadModel(context);
        List<Row> rows = similar(model.catalogue(), model.neighbours());
        context.spark().createDataFrame(rows, SCHEMA).coalesce(1).write().mode(SaveMode.Overwrite)
                .parquet(context.modelDir() + "/similar.parquet");
        progress.count("anime-to-anime rows", rows.size());
        progress.done();
    }

    static List<Row> similar(ItemCatalogue catalogue, Neighbours neighbours) {
        int n = catalogue.size();
        List<Map<Integer, Double>> scores = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<Integer, Double> anchor = new HashMap<>();
            for (int o = 0; o < neighbours.items()[i].length; o++) {
                anchor.put(neighbours.items()[i][o], (double) neighbours.scores()[i][o]);
            }
            scores.add(anchor);
        }
        for (int j = 0; j < n; j++) {
            for (int i : catalogue.related()[j]) {
                scores.get(i).merge(j, RELATED_BONUS, Double::sum);
            }
            int[] by = catalogue.recommendedBy()[j];
            for (int r = 0; r < by.length; r++) {
                scores.get(by[r]).merge(j, RECOMMENDATION_BONUS * Math.log1p(catalogue.recommenderCounts()[j][r]),
                        Double::sum);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int anchor = 0; anchor < n; anchor++) {
            final int i = anchor;
            List<Map.Entry<Integer, Double>> ranked = new ArrayList<>(scores.get(i).entrySet());
            ranked.sort(Map.Entry.<Integer, Double>comparingByValue(Comparator.reverseOrder())
                    .thenComparing(Map.Entry.comparingByKey()));
            ranked.removeIf(e -> e.getKey() == i);
            for (int r = 0; r < Math.min(TOP, ranked.size()); r++) {
                rows.add(RowFactory.create(catalogue.animeIds()[i], catalogue.animeIds()[ranked.get(r).getKey()],
                        r + 1, ranked.get(r).getValue()));
            }
        }
        return rows;
    }
}
