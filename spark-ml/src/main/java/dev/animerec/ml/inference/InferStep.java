package dev.animerec.ml.inference;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.prepare.PrepareStep;
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

/**
 * Batch inference: top 100 ranked per user with reasons, never anything on the user's visible list. Runs the
 * serving scorer inside Spark tasks with the user's ALS factor from training (no fold-in).
 */
public final class InferStep {

    public static final int TOP = 100;

    public static final StructType SCHEMA = new StructType()
            .add("username", DataTypes.StringType, false)
            .add("anime_id", DataTypes.IntegerType, false)
            .add("rank", DataTypes.IntegerType, false)
            .add("score", DataTypes.DoubleType, false)
            .add("reasons", DataTypes.createArrayType(DataTypes.StringType), false);

    public void run(MlContext context) {
        Progress progress = Progress.start("infer");
        ServingModel model = loadModel(context);
        if (model.forest() == null) {
            throw new IllegalStateException("no GBT forest in " + context.servingDir() + ": run 'rank' first");
        }
        Dataset<Row> users = UserLists.load(context, List.of(PrepareStep.TRAIN, PrepareStep.VALIDATION_VISIBLE,
                PrepareStep.TEST_VISIBLE), null);
        Dataset<Row> recommendations = recommend(context, model, users, TOP);
        recommendations.write().mode(SaveMode.Overwrite).parquet(context.modelDir() + "/recommendations.parquet");
        Dataset<Row> written = context.spark().read().parquet(context.modelDir() + "/recommendations.parquet");
        progress.count("recommendations", written.count());
        progress.count("users", written.select("username").distinct().count());
        progress.done();
    }

    public static Dataset<Row> recommend(MlContext context, ServingModel model, Dataset<Row> users, int k) {
        return UserLists.perUser(context, model, users, SCHEMA, (m, recommender, index, row, out) -> {
            ServingModel.MappedList mapped = UserLists.visibleList(m, index, row);
            List<Recommender.Ranked> ranked = recommender.recommend(mapped.list(), UserLists.factor(row), k, true);
            for (int r = 0; r < ranked.size(); r++) {
                Recommender.Ranked item = ranked.get(r);
                out.add(RowFactory.create(mapped.list().username(), m.catalogue().animeIds()[item.item()], r + 1,
                        item.score(), scala.collection.JavaConverters.asScalaBuffer(item.reasons()).toSeq()));
            }
        });
    }

    public static ServingModel loadModel(MlContext context) {
        try {
            return ServingModel.read(context.home().files(context.servingDir()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read serving artefacts in " + context.servingDir()
                    + " (run 'retrieve' first)", e);
        }
    }
}
