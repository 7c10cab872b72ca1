package dev.animerec.ml.inference;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.ModelPhase;
import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * One row per user: the visible list (what the model may use), the relevant hidden anime (labels, possibly
 * empty) and the user's ALS factor from training. The columns are read back by {@link #visibleList},
 * {@link #hidden} and {@link #factor} inside Spark tasks and on the driver.
 */
public final class UserLists {

    private UserLists() {
    }

    /** What one user row becomes, given the model, its scorer and its id index (runs inside Spark tasks). */
    @FunctionalInterface
    public interface PerUser extends Serializable {
        void rows(ServingModel model, Recommender recommender, Map<Integer, Integer> index, Row user, List<Row> out);
    }

    /**
     * Broadcasts the model once and maps every user row through {@code perUser}, with one scorer and one id index
     * per partition: the batch scores users with the same plain-Java code the serving app folds users in with.
     */
    public static Dataset<Row> perUser(MlContext context, ServingModel model, Dataset<Row> users, StructType schema,
                                       PerUser perUser) {
        Broadcast<ServingModel> shared = JavaSparkContext.fromSparkContext(context.spark().sparkContext())
                .broadcast(model);
        MapPartitionsFunction<Row, Row> partition = rows -> {
            ServingModel m = shared.value();
            Map<Integer, Integer> index = m.catalogue().indexById();
            Recommender recommender = new Recommender(m);
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                perUser.rows(m, recommender, index, rows.next(), out);
            }
            return out.iterator();
        };
        return users.mapPartitions(partition, Encoders.row(schema));
    }

    /** The users of {@code visibleParts} with their lists, labels from {@code hiddenPart} and {@code phase}'s ALS factor. */
    public static Dataset<Row> load(MlContext context, ModelPhase phase, List<String> visibleParts,
                                    String hiddenPart) {
        Dataset<Row> interactions = context.spark().read().parquet(context.work("interactions.parquet"));
        Dataset<Row> visible = interactions.filter(col("part").isin(visibleParts.toArray()))
                .groupBy("username")
                .agg(collect_list(struct(col("anime_id"), col("status"), col("score"))).as("entries"));
        Dataset<Row> hidden = interactions.filter(col("part").equalTo(hiddenPart == null ? "" : hiddenPart)
                        .and(col("relevant")))
                .groupBy("username").agg(collect_list(col("anime_id")).as("hidden"));
        Dataset<Row> factors = context.spark().read().parquet(phase.userFactors(context));
        return visible.join(factors, "username")
                .join(hidden, scala.collection.JavaConverters.asScalaBuffer(List.of("username")).toSeq(), "left")
                .select(col("username"), col("entries"), col("factor"),
                        coalesce(col("hidden"), array().cast("array<int>")).as("hidden"));
    }

    public static ServingModel.MappedList visibleList(ServingModel model, Map<Integer, Integer> index, Row row) {
        List<Row> entries = row.getList(row.fieldIndex("entries"));
        int[] ids = new int[entries.size()];
        String[] statuses = new String[entries.size()];
        int[] scores = new int[entries.size()];
        for (int e = 0; e < ids.length; e++) {
            Row entry = entries.get(e);
            ids[e] = entry.getInt(0);
            statuses[e] = entry.getString(1);
            scores[e] = entry.isNullAt(2) ? 0 : entry.getInt(2);
        }
        return model.userList(row.getString(row.fieldIndex("username")), index, ids, statuses, scores);
    }

    public static double[] factor(Row row) {
        List<Float> factor = row.getList(row.fieldIndex("factor"));
        double[] vector = new double[factor.size()];
        for (int f = 0; f < vector.length; f++) {
            vector[f] = factor.get(f);
        }
        return vector;
    }

    /** The relevant hidden anime as dense item indices (anime the model does not know cannot be hit anyway). */
    public static Set<Integer> hidden(Row row, Map<Integer, Integer> index) {
        Set<Integer> items = new HashSet<>();
        for (Object id : row.getList(row.fieldIndex("hidden"))) {
            Integer item = index.get((Integer) id);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    public static int hiddenCount(Row row) {
        return row.getList(row.fieldIndex("hidden")).size();
    }
}
