package dev.animerec.ml.ranking;

import static org.apache.spark.sql.functions.*;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.MlSettings;
import dev.animerec.ml.common.ModelPhase;
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
 * Ranking: a Spark GBT classifier over the 300 candidates of held-out users, labelled 1 when the anime is among the
 * user's liked hidden entries. Candidates and features come from the selection phase's retrieval, which never saw
 * those hidden entries (out-of-fold examples). Two forests:
 * <ul>
 *   <li>the selection forest ({@code selection/gbt.json}) learns from the validation users only, so the test users
 *   evaluate a ranker that never saw them;</li>
 *   <li>the refit forest ({@code serving/gbt.json}, what inference and serving use) learns from the validation and
 *   the test users, every user whose hidden entries give out-of-fold labels.</li>
 * </ul>
 * The Spark models are kept under {@code work/gbt-selection} and {@code work/gbt-refit}.
 */
public final class RankStep {

    static final StructType SCHEMA = new StructType()
            .add("username", DataTypes.StringType, false)
            .add("anime_id", DataTypes.IntegerType, false)
            .add("label", DataTypes.DoubleType, false)
            .add("features", DataTypes.createArrayType(DataTypes.DoubleType), false);

    public void run(MlContext context) {
        run(context, true);
    }

    /** @param refit also fit the refit forest (cross-validation folds only need the selection forest) */
    public void run(MlContext context, boolean refit) {
        Progress progress = Progress.start("rank");
        ServingModel model = InferStep.loadModel(context, ModelPhase.SELECTION).withForest(null);
        Dataset<Row> validation = examples(context, model, PrepareStep.VALIDATION_VISIBLE,
                PrepareStep.VALIDATION_HIDDEN);
        fitAndWrite(context, progress, "selection", validation, ModelPhase.SELECTION);
        if (refit) {
            Dataset<Row> test = examples(context, model, PrepareStep.TEST_VISIBLE, PrepareStep.TEST_HIDDEN);
            fitAndWrite(context, progress, "refit", validation.union(test), ModelPhase.REFIT);
            test.unpersist();
        }
        validation.unpersist();
        progress.done();
    }

    private static Dataset<Row> examples(MlContext context, ServingModel model, String visiblePart,
                                         String hiddenPart) {
        Dataset<Row> users = UserLists.load(context, ModelPhase.SELECTION, List.of(visiblePart), hiddenPart);
        // Two partitions, one per core: each of the forest's trees is a few Spark jobs over the examples, and with
        // more partitions than cores the per-task overhead, not the arithmetic, dominated the step.
        return candidateExamples(context, model, users)
                .withColumn("features_vector", org.apache.spark.ml.functions.array_to_vector(col("features")))
                .coalesce(2).cache();
    }

    private static void fitAndWrite(MlContext context, Progress progress, String name, Dataset<Row> examples,
                                    ModelPhase phase) {
        Row counts = examples.agg(count(lit(1)), sum(col("label")), countDistinct(col("username"))).first();
        progress.note("{} forest: {} candidate rows of {} users, {} positives", name, counts.getLong(0),
                counts.getLong(2), (long) counts.getDouble(1));
        if (counts.getDouble(1) == 0) {
            throw new IllegalStateException("no liked hidden anime among the " + name + " users' candidates");
        }
        GBTClassificationModel gbt = fit(context.settings(), examples);
        double[] importances = gbt.featureImportances().toArray();
        for (int f = 0; f < importances.length; f++) {
            progress.note("{} importance {} = {}", name, Features.NAMES.get(f), String.format("%.3f", importances[f]));
        }
        GbtForest forest = GbtExport.export(gbt);
        String target = phase.artefactDir(context) + "/gbt.json";
        try {
            gbt.write().overwrite().save(context.work("gbt-" + name));
            try (var out = context.home().create(target)) {
                new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter()
                        .writeValue(out, forest);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the ranking model", e);
        }
        progress.note("{} trees written to {}", forest.trees().size(), target);
    }

    /** @param examples candidate rows with {@code label} and {@code features_vector} */
    public static GBTClassificationModel fit(MlSettings settings, Dataset<Row> examples) {
        return fit(examples, settings.gbtTrees(), settings.gbtDepth(), settings.gbtStep(), settings.seed());
    }

    /** @param examples rows with {@code label} and {@code features_vector} */
    public static GBTClassificationModel fit(Dataset<Row> examples, int trees, int depth, double step, long seed) {
        return new GBTClassifier().setFeaturesCol("features_vector").setLabelCol("label").setMaxIter(trees)
                .setMaxDepth(depth).setStepSize(step).setSubsamplingRate(0.8).setSeed(seed).fit(examples);
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
