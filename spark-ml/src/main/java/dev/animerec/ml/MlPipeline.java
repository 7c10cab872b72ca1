package dev.animerec.ml;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.MlHome;
import dev.animerec.ml.common.MlSettings;
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

    public MlPipeline(SparkSession spark, String home, MlSettings settings) {
        this.spark = spark;
        this.home = new MlHome(home, spark.sparkContext().hadoopConfiguration());
        this.settings = settings;
    }

    public MlHome home() {
        return home;
    }

    public MlContext prepare(String version) {
        String name = version != null ? version
                : ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        MlContext context = new MlContext(spark, home, name, settings);
        String processed = home.processedVersion();
        new PrepareStep().run(context, table(processed, "user_anime"), table(processed, "anime"));
        home.writePointer(home.modelsRoot() + "/BUILDING", name);
        return context;
    }

    public MlContext context(String version) {
        String name = version != null ? version : home.readText(home.modelsRoot() + "/BUILDING").trim();
        return new MlContext(spark, home, name, settings);
    }

    public void retrieve(MlContext context) {
        String processed = home.processedVersion();
        new RetrieveStep().run(context, table(processed, "anime"), table(processed, "anime_anime"));
    }

    public void rank(MlContext context) {
        new RankStep().run(context);
    }

    public void infer(MlContext context) {
        new InferStep().run(context);
        publishIfComplete(context);
    }

    public void similar(MlContext context) {
        new SimilarStep().run(context);
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

    private Dataset<Row> table(String processedVersion, String table) {
        return spark.read().parquet(home.processedTable(processedVersion, table));
    }
}
