package dev.animerec.ml.inference;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.ModelPhase;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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

    /**
     * @param userList the processed {@code user_list} table
     * @param animeAnime the processed {@code anime_anime} table (the sequel edges the serving filter reads)
     */
    public void run(MlContext context, Dataset<Row> userList, Dataset<Row> animeAnime) {
        Progress progress = Progress.start("infer");
        ServingModel model = loadModel(context, ModelPhase.REFIT);
        if (model.forest() == null) {
            throw new IllegalStateException("no GBT forest in " + context.servingDir() + ": run 'rank' first");
        }
        Dataset<Row> recommendations = recommend(context, model, heldLists(userList), TOP, prequels(animeAnime));
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

    /**
     * Each user's list folded in and ranked by the serving scorer (no trained factor needed); of the ranked
     * candidates, the first {@code k} that the serving app's default "no sequels of unseen seasons" keeps: an anime
     * whose direct prequels (by anime id, every edge of {@code anime_anime}, as publish gives the cards) are not all
     * completed, watching or on hold on the held list is skipped, so the published top k survives that filter.
     *
     * @param prequels anime id -> its direct prequels' anime ids
     */
    public static Dataset<Row> recommend(MlContext context, ServingModel model, Dataset<Row> users, int k,
                                         Map<Integer, int[]> prequels) {
        return UserLists.perUser(context, model, users, SCHEMA, (m, recommender, index, row, out) -> {
            ServingModel.MappedList mapped = UserLists.visibleList(m, index, row);
            Set<Integer> watched = new HashSet<>();
            for (Row entry : row.<Row>getList(row.fieldIndex("entries"))) {
                if (WATCHED.contains(entry.getString(1))) {
                    watched.add(entry.getInt(0));
                }
            }
            int rank = 0;
            for (Recommender.Ranked item : recommender.recommend(mapped.list(), Recommender.CANDIDATES, true)) {
                if (rank == k) {
                    break;
                }
                int animeId = m.catalogue().animeIds()[item.item()];
                if (!allWatched(prequels.get(animeId), watched)) {
                    continue;
                }
                out.add(RowFactory.create(mapped.list().username(), animeId, ++rank, item.score(),
                        scala.collection.JavaConverters.asScalaBuffer(item.reasons()).toSeq()));
            }
        });
    }

    /** The statuses the serving filters count as watched. */
    static final Set<String> WATCHED = Set.of("completed", "watching", "on_hold");

    private static boolean allWatched(int[] prequels, Set<Integer> watched) {
        if (prequels != null) {
            for (int prequel : prequels) {
                if (!watched.contains(prequel)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** anime id -> direct prequels, from the {@code related} / {@code sequel} edges (a -> b: b is a's sequel). */
    public static Map<Integer, int[]> prequels(Dataset<Row> animeAnime) {
        Map<Integer, List<Integer>> lists = new HashMap<>();
        for (Row edge : animeAnime.filter(col("source").equalTo("related")
                        .and(lower(col("relation_type")).equalTo("sequel")))
                .select("anime_id", "other_anime_id").collectAsList()) {
            lists.computeIfAbsent(edge.getInt(1), id -> new ArrayList<>()).add(edge.getInt(0));
        }
        Map<Integer, int[]> prequels = new HashMap<>();
        lists.forEach((id, list) -> prequels.put(id, list.stream().mapToInt(Integer::intValue).toArray()));
        return prequels;
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
