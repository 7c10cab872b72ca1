package dev.animerec.ml.inference;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.ModelPhase;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch inference on the refit model ({@link ModelPhase#REFIT}): top 100 ranked per user with reasons, for every user
 * of the held lists ({@code processed.user_list}, every entry as crawled, no training cleaning), never anything on
 * that list in any status. Each user is folded in from the held list with the serving scorer inside Spark tasks, so
 * the batch answer is by construction the answer serving computes for the same list (the fold-in solves the
 * normal equations of ALS's last half-iteration, so for a list that is also the training list it is the trained
 * factor). Fails the run, so nothing is published, when a top 100 holds an anime from its user's list.
 */
public final class InferStep {

    private static final Logger log = LoggerFactory.getLogger(InferStep.class);

    public static final int TOP = 100;

    public static final StructType SCHEMA = new StructType()
            .add("username", DataTypes.StringType, false)
            .add("anime_id", DataTypes.IntegerType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("reasons", DataTypes.createArrayType(DataTypes.StringType), false);

    /** @param userList the processed {@code user_list} table */
    public void run(MlContext context, Dataset<Row> userList) {
        Progress progress = Progress.start("infer");
        ServingModel model = loadModel(context, ModelPhase.REFIT);
        if (model.forest() == null) {
            throw new IllegalStateException("no GBT forest in " + context.servingDir() + ": run 'rank' first");
        }
        Dataset<Row> recommendations = recommend(context, model, heldLists(userList), TOP);
        recommendations.write().mode(SaveMode.Overwrite).parquet(context.modelDir() + "/recommendations.parquet");
        Dataset<Row> written = context.spark().read().parquet(context.modelDir() + "/recommendations.parquet");
        progress.count("recommendations", written.count());
        long users = written.select("username").distinct().count();
        progress.count("users", users);
        checkNothingOnTheList(written, userList);
        long held = userList.select(lower(col("username"))).distinct().count();
        if (users != held) {
            throw new IllegalStateException(users + " users have recommendations but the held lists have " + held);
        }
        progress.done();
    }

    /** One row per user of the held lists: {@code username} and {@code entries} (anime_id, status, score). */
    public static Dataset<Row> heldLists(Dataset<Row> userList) {
        return userList.filter(col("username").isNotNull().and(col("anime_id").isNotNull()))
                .groupBy(lower(col("username")).as("user_key"))
                .agg(first(col("username")).as("username"), collect_list(struct(col("anime_id"),
                        col("status"), coalesce(col("score"), lit(0)).as("score"))).as("entries"))
                .select("username", "entries");
    }

    /** Each user's list folded in and ranked by the serving scorer (no trained factor needed). */
    public static Dataset<Row> recommend(MlContext context, ServingModel model, Dataset<Row> users, int k) {
        return UserLists.perUser(context, model, users, SCHEMA, (m, recommender, index, row, out) -> {
            ServingModel.MappedList mapped = UserLists.visibleList(m, index, row);
            List<Recommender.Ranked> ranked = recommender.recommend(mapped.list(), k, true);
            for (int r = 0; r < ranked.size(); r++) {
                Recommender.Ranked item = ranked.get(r);
                out.add(RowFactory.create(mapped.list().username(), m.catalogue().animeIds()[item.item()], r + 1,
                        item.score(), scala.collection.JavaConverters.asScalaBuffer(item.reasons()).toSeq()));
            }
        });
    }

    /**
     * The guard before publishing: no recommended anime may be on its user's held list, in any status.
     *
     * @throws IllegalStateException with the count and a few examples
     */
    public static void checkNothingOnTheList(Dataset<Row> recommendations, Dataset<Row> userList) {
        Dataset<Row> listed = userList.select(lower(col("username")).as("user_key"), col("anime_id").as("listed_id"),
                col("status"));
        Dataset<Row> clashes = recommendations
                .join(listed, lower(col("username")).equalTo(col("user_key"))
                        .and(col("anime_id").equalTo(col("listed_id"))))
                .select("username", "anime_id", "rank", "status");
        long count = clashes.count();
        if (count > 0) {
            List<String> examples = clashes.orderBy("username", "rank").limit(5).collectAsList().stream()
                    .map(r -> r.getString(0) + " #" + r.getInt(2) + " anime " + r.getInt(1) + " (" + r.getString(3)
                            + " on the list)").toList();
            throw new IllegalStateException(count + " recommended slots are anime already on the user's list, e.g. "
                    + examples + ": not publishing this model");
        }
        log.info("checked: no recommended anime is on its user's held list");
    }

    /** The refit model, which inference, anime-to-anime and serving use. */
    public static ServingModel loadModel(MlContext context) {
        return loadModel(context, ModelPhase.REFIT);
    }

    public static ServingModel loadModel(MlContext context, ModelPhase phase) {
        String dir = phase.artefactDir(context);
        try {
            return ServingModel.read(context.home().files(dir));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read serving artefacts in " + dir + " (run 'retrieve' first)", e);
        }
    }
}
