package dev.animerec.ml.retrieval;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.MlSettings;
import dev.animerec.ml.common.ModelPhase;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.serving.ItemCatalogue;
import dev.animerec.ml.serving.ItemFactors;
import dev.animerec.ml.serving.Neighbours;
import dev.animerec.ml.serving.ServingModel;
import dev.animerec.ml.serving.Signals;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALS;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;

/**
 * Retrieval: implicit ALS and two item-to-item sources, co-occurrence cosine ("watched and liked by the same users")
 * and EASE, fitted twice (see {@link ModelPhase}): on the selection phase's training part (training users plus the
 * visible part of held-out users), for ranking and evaluation, and refit on every user's whole list, for
 * inference, anime-to-anime and serving. Writes each phase's user factors and serving artefacts (catalogue, item
 * factors, neighbours, EASE).
 */
public final class RetrieveStep {

    public void run(MlContext context, Dataset<Row> anime, Dataset<Row> animeAnime) {
        for (ModelPhase phase : ModelPhase.values()) {
            fit(context, phase, anime, animeAnime);
        }
    }

    public void fit(MlContext context, ModelPhase phase, Dataset<Row> anime, Dataset<Row> animeAnime) {
        Progress progress = Progress.start("retrieve " + phase.name().toLowerCase(java.util.Locale.ROOT));
        MlSettings settings = context.settings();
        SparkSession spark = context.spark();
        Dataset<Row> interactions = spark.read().parquet(context.work("interactions.parquet"));
        Dataset<Row> training = interactions
                .filter(col("part").isin(phase.trainingParts().toArray()))
                .filter(col("weight").notEqual(0));
        Dataset<Row> users = userIndex(spark, training);
        Dataset<Row> alsInput = training.join(users, "username").select("user_idx", "anime_id", "weight").cache();
        progress.count("ALS training rows", alsInput.count());

        ALSModel als = new ALS().setImplicitPrefs(true).setRank(settings.alsRank())
                .setMaxIter(settings.alsIterations()).setRegParam(settings.alsRegParam()).setAlpha(settings.alsAlpha())
                .setNumUserBlocks(settings.alsBlocks()).setNumItemBlocks(settings.alsBlocks()).setSeed(settings.seed())
                .setUserCol("user_idx").setItemCol("anime_id").setRatingCol("weight").setColdStartStrategy("drop")
                .fit(alsInput);
        progress.note("ALS rank {} x {} iterations trained", settings.alsRank(), settings.alsIterations());
        als.userFactors().join(users, col("id").equalTo(col("user_idx")))
                .select(col("username"), col("features").as("factor"))
                .write().mode(SaveMode.Overwrite).parquet(phase.userFactors(context));

        List<Row> itemRows = als.itemFactors().orderBy("id").collectAsList();
        int n = itemRows.size();
        int rank = settings.alsRank();
        int[] animeIds = new int[n];
        float[] factors = new float[n * rank];
        for (int i = 0; i < n; i++) {
            animeIds[i] = itemRows.get(i).getInt(0);
            List<Float> vector = itemRows.get(i).getList(1);
            for (int f = 0; f < rank; f++) {
                factors[i * rank + f] = vector.get(f);
            }
        }
        progress.count("items with factors", n);
        Map<Integer, Integer> index = new HashMap<>();
        for (int i = 0; i < n; i++) {
            index.put(animeIds[i], i);
        }
        Dataset<Row> popularity = training.filter(col("weight").gt(0)).groupBy("anime_id").count();
        ItemCatalogue catalogue = CatalogueBuilder.build(animeIds, index, anime, animeAnime, popularity);
        Neighbours neighbours = coOccurrence(training, index, settings);
        progress.note("neighbours for {} of {} items", countNonEmpty(neighbours), n);

        ServingModel model = new ServingModel(new Signals(settings.negativeFeedback()), catalogue,
                ItemFactors.of(rank, settings.alsRegParam(), settings.alsAlpha(), factors), neighbours,
                EaseFit.fit(context, catalogue, settings.easeLambda(), phase.trainingParts()), null);
        try {
            model.write(context.home().files(phase.artefactDir(context)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write serving artefacts", e);
        }
        alsInput.unpersist();
        progress.done();
    }

    /** Dense int ids for ALS, assigned in username order without funnelling all users through one partition. */
    static Dataset<Row> userIndex(SparkSession spark, Dataset<Row> training) {
        var indexed = training.select("username").distinct().orderBy("username").javaRDD().zipWithIndex()
                .map(pair -> RowFactory.create(pair._1().getString(0), Math.toIntExact(pair._2())));
        return spark.createDataFrame(indexed, new StructType().add("username", DataTypes.StringType, false)
                .add("user_idx", DataTypes.IntegerType, false));
    }

    /**
     * Item-to-item cosine over positive entries. Each user contributes at most {@code coOccurrenceCap} items (their
     * strongest), because one 18k-item list would otherwise produce 160M pairs on its own.
     */
    static Neighbours coOccurrence(Dataset<Row> training, Map<Integer, Integer> index, MlSettings settings) {
        Dataset<Row> positives = training.filter(col("weight").gt(0.5))
                .withColumn("position", row_number().over(Window.partitionBy("username")
                        .orderBy(col("weight").desc(), xxhash64(col("anime_id"), lit(settings.seed())))))
                .filter(col("position").leq(settings.coOccurrenceCap()))
                .select("username", "anime_id").cache();
        Dataset<Row> itemCounts = positives.groupBy("anime_id").count();
        Dataset<Row> pairs = positives.as("a").join(positives.as("b"),
                        col("a.username").equalTo(col("b.username")).and(col("a.anime_id").lt(col("b.anime_id"))))
                .groupBy(col("a.anime_id").as("i"), col("b.anime_id").as("j")).agg(count(lit(1)).as("together"))
                .filter(col("together").geq(2));
        Dataset<Row> scored = pairs
                .join(itemCounts.select(col("anime_id").as("i"), col("count").as("ni")), "i")
                .join(itemCounts.select(col("anime_id").as("j"), col("count").as("nj")), "j")
                .withColumn("score", col("together").divide(sqrt(col("ni").multiply(col("nj"))))
                        .multiply(col("together").divide(col("together").plus(5))));
        Dataset<Row> bothWays = scored.select(col("i").as("anime_id"), col("j").as("other"), col("score"))
                .union(scored.select(col("j").as("anime_id"), col("i").as("other"), col("score")));
        List<Row> top = bothWays
                .withColumn("r", row_number().over(Window.partitionBy("anime_id")
                        .orderBy(col("score").desc(), col("other"))))
                .filter(col("r").leq(settings.neighbours()))
                .orderBy("anime_id", "r").collectAsList();
        positives.unpersist();
        int n = index.size();
        List<List<Integer>> items = new ArrayList<>(n);
        List<List<Float>> scores = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            items.add(new ArrayList<>());
            scores.add(new ArrayList<>());
        }
        for (Row row : top) {
            Integer from = index.get(row.getInt(0));
            Integer to = index.get(row.getInt(1));
            if (from != null && to != null) {
                items.get(from).add(to);
                scores.get(from).add((float) row.getDouble(2));
            }
        }
        int[][] itemArrays = new int[n][];
        float[][] scoreArrays = new float[n][];
        for (int i = 0; i < n; i++) {
            itemArrays[i] = items.get(i).stream().mapToInt(Integer::intValue).toArray();
            scoreArrays[i] = new float[scores.get(i).size()];
            for (int k = 0; k < scoreArrays[i].length; k++) {
                scoreArrays[i][k] = scores.get(i).get(k);
            }
        }
        return new Neighbours(itemArrays, scoreArrays);
    }

    private static long countNonEmpty(Neighbours neighbours) {
        long count = 0;
        for (int[] items : neighbours.items()) {
            if (items.length > 0) {
                count++;
            }
        }
        return count;
    }
}
