package dev.animerec.ml.ranking;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.MlSettings;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.inference.InferStep;
import dev.animerec.ml.inference.UserLists;
import dev.animerec.ml.prepare.PrepareStep;
import dev.animerec.ml.serving.Features;
import dev.animerec.ml.serving.GbtForest;
import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Ranking: the 300 candidates of each validation user, with features, labelled 1 when the anime is among the
 * user's relevant hidden entries; a Spark GBT classifier learns to order them. The trees go to
 * {@code serving/gbt.json}; the Spark model is kept under {@code work/gbt}.
 */
public final class RankStep {

    static final StructType SCHEMA = new StructType()
            .add("username", DataTypes.StringType, false)
            .add("anime_id", DataTypes.IntegerType, false)
            .add("label", DataTypes.DoubleType, false)
            .add("features", DataTypes.createArrayType(DataTypes.DoubleType), false);

    public void run(MlContext context) {
        Progress progress = Progress.start("rank");
        MlSettings settings = context.settings();
        ServingModel model = InferStep.loadModel(context).withForest(null);
        Dataset<Row> users = UserLists.load(context, List.of(PrepareStep.VALIDATION_VISIBLE),
                PrepareStep.VALIDATION_HIDDEN);
        Dataset<Row> examples = candidateExamples(context, model, users)
                .withColumn("features_vector", org.apache.spark.ml.functions.array_to_vector(col("features")))
                .cache();
        Row counts = examples.agg(count(lit(1)), sum(col("label")), countDistinct(col("username"))).first();
        progress.note("{} candidate rows for {} validation users, {} positives", counts.getLong(0),
                counts.getLong(2), (long) counts.getDouble(1));
        if (counts.getDouble(1) == 0) {
            throw new IllegalStateException("no relevant hidden anime among the validation users' candidates");
        }
        GBTClassificationModel gbt = fit(settings, examples);
        double[] importances = gbt.featureImportances().toArray();
        for (int f = 0; f < importances.length; f++) {
            progress.note("importance {} = {}", Features.NAMES.get(f), String.format("%.3f", importances[f]));
        }
        GbtForest forest = GbtExport.export(gbt);
        try {
            gbt.write().overwrite().save(context.work("gbt"));
            try (var out = context.home().create(context.servingDir() + "/gbt.json")) {
                new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValue(out, forest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ranking model", e);
        }
        examples.unpersist();
        progress.note("{} trees written to {}/gbt.json", forest.trees().size(), context.servingDir());
        progress.done();
    }

    /** @param examples candidate rows with {@code label} and {@code features_vector} */
    public static GBTClassificationModel fit(MlSettings settings, Dataset<Row> examples) {
        return new GBTClassifier().setFeaturesCol("features_vector").setLabelCol("label")
                .setMaxIter(settings.gbtTrees()).setMaxDepth(settings.gbtDepth()).setStepSize(settings.gbtStep())
                .setSubsamplingRate(0.8).setSeed(settings.seed()).fit(examples);
    }

    public static Dataset<Row> candidateExamples(MlContext context, ServingModel model, Dataset<Row> users) {
        return UserLists.perUser(context, model, users, SCHEMA, (m, recommender, index, row, out) -> {
            ServingModel.MappedList mapped = UserLists.visibleList(m, index, row);
            Set<Integer> hidden = UserLists.hidden(row, index);
            Recommender.CandidateSet set = recommender.candidates(mapped.list(), UserLists.factor(row));
            for (int c = 0; c < set.items().length; c++) {
                List<Double> x = new ArrayList<>(Features.SIZE);
                for (double v : set.features()[c]) {
                    x.add(v);
                }
                out.add(RowFactory.create(mapped.list().username(), m.catalogue().animeIds()[set.items()[c]],
                        hidden.contains(set.items()[c]) ? 1.0 : 0.0,
                        scala.collection.JavaConverters.asScalaBuffer(x).toSeq()));
            }
        });
    }
}
