package dev.animerec.ml.prepare;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.MlSettings;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.serving.Signals;
import java.time.Instant;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * Builds the train / validation / test sets of the selection phase. Held-out users (validation and test, picked by
 * a seeded hash among users with enough liked entries, {@link Signals#relevant}) have their list split into a
 * visible part, which joins training, and a hidden part of 20 % of their liked entries, which only evaluation
 * (test) or ranking labels (validation) ever see. The refit (retrieval on every part) is what gets published. Where a user's entries all
 * carry a date the split is temporal (the latest entries are hidden); otherwise it is a seeded random split.
 * Output: {@code work/interactions.parquet} with a {@code part} column.
 */
public final class PrepareStep {

    public static final String TRAIN = "train";
    public static final String VALIDATION_VISIBLE = "val_visible";
    public static final String VALIDATION_HIDDEN = "val_hidden";
    public static final String TEST_VISIBLE = "test_visible";
    public static final String TEST_HIDDEN = "test_hidden";
    public static final Set<String> STATUSES = Set.of("watching", "completed", "on_hold", "dropped", "plan_to_watch");

    public void run(MlContext context, Dataset<Row> userAnime, Dataset<Row> anime) {
        Progress progress = Progress.start("prepare");
        Dataset<Row> interactions = split(userAnime, anime, context.settings(), context.home().deadLetterDir(
                "ml-prepare") + "/" + context.version());
        interactions.write().mode(SaveMode.Overwrite).parquet(context.work("interactions.parquet"));
        Dataset<Row> written = context.spark().read().parquet(context.work("interactions.parquet"));
        for (Row row : written.groupBy("part").agg(count(lit(1)).as("rows"), countDistinct("username").as("users"))
                .orderBy("part").collectAsList()) {
            progress.note("{}: {} rows, {} users", row.getString(0), row.getLong(1), row.getLong(2));
        }
        progress.count("interactions", written.count());
        progress.done();
    }

    /** The split itself, without side effects other than dead letters (so tests can check it directly). */
    public static Dataset<Row> split(Dataset<Row> userAnime, Dataset<Row> anime, MlSettings settings,
                                     String deadLetterDir) {
        Signals signals = new Signals(settings.negativeFeedback());
        Dataset<Row> known = anime.select(col("anime_id").as("known_anime_id")).distinct();
        Dataset<Row> checked = userAnime
                .withColumn("status", lower(trim(col("status"))))
                .join(known, col("anime_id").equalTo(col("known_anime_id")), "left")
                .withColumn("reason", when(col("username").isNull(), lit("missing username"))
                        .when(col("anime_id").isNull(), lit("missing anime_id"))
                        .when(not(col("status").isin(STATUSES.toArray())).or(col("status").isNull()),
                                concat(lit("unknown status "), coalesce(col("status"), lit("null"))))
                        .when(col("known_anime_id").isNull(), lit("anime unknown to the processed anime table")))
                .drop("known_anime_id");
        Dataset<Row> rejected = checked.filter(col("reason").isNotNull());
        if (deadLetterDir != null && !rejected.isEmpty()) {
            rejected.select(to_json(struct(col("reason"),
                            to_json(struct(col("username"), col("anime_id"), col("status"), col("score"))).as("payload"),
                            lit("processed.user_anime").as("source"), lit(Instant.now().toString()).as("at"))))
                    .write().mode(SaveMode.Overwrite).text(deadLetterDir);
        }
        UDF2<String, Integer, Double> weight = (status, score) -> signals.weight(status, score == null ? 0 : score);
        UDF2<String, Integer, Boolean> relevant = (status, score) -> Signals.relevant(status, score == null ? 0 : score);
        Column date = coalesce(col("finish_date").cast("timestamp"), col("updated_at").cast("timestamp"),
                col("last_activity").cast("timestamp"));
        Dataset<Row> rows = checked.filter(col("reason").isNull())
                .dropDuplicates("username", "anime_id")
                .withColumn("score", coalesce(col("score"), lit(0)))
                .withColumn("weight", udf(weight, DataTypes.DoubleType).apply(col("status"), col("score")))
                .withColumn("relevant", udf(relevant, DataTypes.BooleanType).apply(col("status"), col("score")))
                .withColumn("entry_date", date);
        WindowSpec byUser = Window.partitionBy("username");
        // Fold f of the cross-validation shifts the buckets so that its test users come first.
        Column bucket = pmod(pmod(xxhash64(col("username"), lit(settings.seed())), lit(100))
                .minus(settings.testFold() * settings.testPercent()), lit(100));
        Column role = when(col("relevant_count").lt(settings.minRelevant()), lit("train"))
                // Test users first: a larger validation share (more users to train the ranker on) then takes
                // users from training only, and the test users stay the same.
                .when(bucket.lt(settings.testPercent()), lit("test"))
                .when(bucket.lt(settings.testPercent() + settings.validationPercent()), lit("val"))
                .otherwise(lit("train"));
        Column randomOrder = xxhash64(col("username"), col("anime_id"), lit(settings.seed()));
        // Only liked entries are hidden (the standard protocol: a quarter of what the user liked is what the
        // models must find); the rest of the list stays visible, so a hidden plan-to-watch never counts as a miss.
        WindowSpec order = Window.partitionBy(col("username"), col("relevant")).orderBy(
                when(col("dated"), col("entry_date")).desc_nulls_last(),
                when(col("dated"), lit(0L)).otherwise(randomOrder), col("anime_id"));
        return rows
                .withColumn("relevant_count", sum(when(col("relevant"), 1).otherwise(0)).over(byUser))
                .withColumn("entries", count(lit(1)).over(byUser))
                .withColumn("dated", count(col("entry_date")).over(byUser).equalTo(col("entries")))
                .withColumn("role", role)
                .withColumn("position", row_number().over(order))
                .withColumn("hidden", col("relevant").and(col("position")
                        .leq(ceil(col("relevant_count").multiply(settings.hiddenFraction())))))
                .withColumn("part", when(col("role").equalTo("train"), lit(TRAIN))
                        .otherwise(concat(col("role"), when(col("hidden"), lit("_hidden")).otherwise(lit("_visible")))))
                .select("username", "anime_id", "status", "score", "weight", "relevant", "entry_date", "part");
    }
}
