package dev.animerec.ml;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.MlHome;
import dev.animerec.ml.common.MlSettings;
import dev.animerec.ml.common.ModelPhase;
import dev.animerec.ml.evaluation.EvaluateStep;
import dev.animerec.ml.inference.InferStep;
import dev.animerec.ml.prepare.PrepareStep;
import dev.animerec.ml.ranking.RankStep;
import dev.animerec.ml.retrieval.RetrieveStep;
import dev.animerec.ml.similar.SimilarStep;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The steps over one model version. {@code prepare} starts a new version and names it in
 * {@code models/BUILDING}; the other steps work on that version (or an explicit one); once a version has
 * recommendations, anime-to-anime lists and an evaluation, {@code models/CURRENT} names it.
 */
public final class MlPipeline {

    private final SparkSession spark;
    private final MlHome home;
    private final MlSettings settings;
    private final String bigQueryProcessed;
    private final String bigQueryResults;

    public MlPipeline(SparkSession spark, String home, MlSettings settings) {
        this(spark, home, settings, null, null);
    }

    /**
     * @param bigQueryProcessed {@code project.dataset} to read the processed tables from through the
     *                          spark-bigquery-connector instead of Parquet under the home (null: Parquet)
     * @param bigQueryResults   {@code project.dataset} to also write recommendations and similar into (null: no)
     */
    public MlPipeline(SparkSession spark, String home, MlSettings settings, String bigQueryProcessed,
                      String bigQueryResults) {
        this.spark = spark;
        this.home = new MlHome(home, spark.sparkContext().hadoopConfiguration());
        this.settings = settings;
        this.bigQueryProcessed = bigQueryProcessed;
        this.bigQueryResults = bigQueryResults;
    }

    public MlHome home() {
        return home;
    }

    public MlContext prepare(String version) {
        String name = version != null ? version
                : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        MlContext context = new MlContext(spark, home, name, settings);
        String processed = processedVersion();
        new PrepareStep().run(context, table(processed, "user_anime"), table(processed, "anime"));
        home.writePointer(home.modelsRoot() + "/BUILDING", name);
        return context;
    }

    public MlContext context(String version) {
        String name = version != null ? version : home.readText(home.modelsRoot() + "/BUILDING").trim();
        return new MlContext(spark, home, name, settings);
    }

    public void retrieve(MlContext context) {
        String processed = processedVersion();
        new RetrieveStep().run(context, table(processed, "anime"), table(processed, "anime_anime"));
    }

    /** One phase's retrieval only (cross-validation folds need no refit). */
    public void retrieve(MlContext context, ModelPhase phase) {
        String processed = processedVersion();
        new RetrieveStep().fit(context, phase, table(processed, "anime"), table(processed, "anime_anime"));
    }

    /** The same home and sources with other settings. */
    public MlPipeline withSettings(MlSettings other) {
        return new MlPipeline(spark, home.home(), other, bigQueryProcessed, bigQueryResults);
    }

    public void rank(MlContext context) {
        new RankStep().run(context);
    }

    public void infer(MlContext context) {
        String processed = processedVersion();
        new InferStep().run(context, table(processed, "user_list"), table(processed, "anime_anime"));
        exportToBigQuery(context, "recommendations");
        publishIfComplete(context);
    }

    public void similar(MlContext context) {
        new SimilarStep().run(context);
        exportToBigQuery(context, "similar");
        publishIfComplete(context);
    }

    public Map<String, Object> evaluate(MlContext context) {
        Map<String, Object> report = new EvaluateStep().run(context);
        publishIfComplete(context);
        return report;
    }

    public Map<String, Object> train(String version) {
        MlContext context = prepare(version);
        retrieve(context);
        rank(context);
        infer(context);
        similar(context);
        return evaluate(context);
    }

    private void publishIfComplete(MlContext context) {
        String dir = context.modelDir();
        if (home.exists(dir + "/recommendations.parquet/_SUCCESS") && home.exists(dir + "/similar.parquet/_SUCCESS")
                && home.exists(dir + "/evaluation.json") && home.exists(context.servingDir() + "/gbt.json")) {
            home.writePointer(home.modelsRoot() + "/CURRENT", context.version());
        }
    }

    private String processedVersion() {
        return bigQueryProcessed != null ? "bigquery" : home.processedVersion();
    }

    private Dataset<Row> table(String processedVersion, String table) {
        Dataset<Row> rows = bigQueryProcessed != null
                ? spark.read().format("bigquery").load(bigQueryProcessed + "." + table)
                : spark.read().parquet(home.processedTable(processedVersion, table));
        return withContractIntegers(rows);
    }

    /** The contract's INT columns (docs/data-contracts.md): BigQuery and the ETL's SQL only know INT64. */
    private static final java.util.Set<String> INT_COLUMNS = java.util.Set.of("anime_id", "other_anime_id", "score",
            "episodes_watched", "episodes", "rank", "popularity", "position", "recommenders", "season_year",
            "watching", "completed", "on_hold", "dropped", "plan_to_watch", "review_score", "club_count");

    static Dataset<Row> withContractIntegers(Dataset<Row> rows) {
        Dataset<Row> result = rows;
        for (org.apache.spark.sql.types.StructField field : rows.schema().fields()) {
            if (INT_COLUMNS.contains(field.name()) && field.dataType() == org.apache.spark.sql.types.DataTypes.LongType) {
                result = result.withColumn(field.name(), result.col(field.name())
                        .cast(org.apache.spark.sql.types.DataTypes.IntegerType));
            }
        }
        return result;
    }

    private void exportToBigQuery(MlContext context, String name) {
        if (bigQueryResults != null) {
            spark.read().parquet(context.modelDir() + "/" + name + ".parquet")
                    .withColumn("model_version", org.apache.spark.sql.functions.lit(context.version()))
                    .write().format("bigquery").option("writeMethod", "direct").mode("overwrite")
                    .save(bigQueryResults + "." + name);
        }
    }
}
