package dev.animerec.ml.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.ml.MlPipeline;
import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.MlSettings;
import dev.animerec.ml.common.ModelPhase;
import dev.animerec.ml.common.Progress;
import dev.animerec.ml.ranking.RankStep;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * K-fold cross-validation over users: fold f takes the f-th fifth of the eligible users as test users (the
 * validation users for the ranker and the yardstick's lambda come from the rest), runs prepare, the selection and
 * evaluation retrievals, the selection forest and the evaluation, and keeps the per-user metrics. Every eligible user is a test user exactly
 * once, so the pooled intervals rest on ~570 users instead of ~100. Writes {@code models/<name>/crossval.json} and
 * its plots; the fold versions are {@code <name>-fold<f>}.
 */
public final class CrossValidation {

    public Map<String, Object> run(MlPipeline pipeline, MlSettings settings, String name) {
        if (100 % settings.testPercent() != 0) {
            throw new IllegalArgumentException("test percent " + settings.testPercent() + " does not divide 100");
        }
        int folds = 100 / settings.testPercent();
        Progress progress = Progress.start("crossval");
        List<String> users = new ArrayList<>();
        Map<String, Map<String, List<Double>>> pooled = new LinkedHashMap<>();
        List<Map<String, Object>> perFold = new ArrayList<>();
        for (int fold = 0; fold < folds; fold++) {
            MlPipeline foldPipeline = pipeline.withSettings(settings.withTestFold(fold));
            MlContext context = foldPipeline.prepare(name + "-fold" + fold);
            foldPipeline.retrieve(context, ModelPhase.SELECTION);
            foldPipeline.retrieve(context, ModelPhase.EVALUATION);
            new RankStep().run(context, false);
            EvaluateStep.PerUser scored = EvaluateStep.score(context, progress);
            users.addAll(scored.users());
            scored.metrics().forEach((model, metrics) -> metrics.forEach((metric, values) -> {
                List<Double> all = pooled.computeIfAbsent(model, m -> new LinkedHashMap<>())
                        .computeIfAbsent(metric, m -> new ArrayList<>());
                for (double v : values) {
                    all.add(v);
                }
            }));
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("fold", fold);
            summary.put("test_users", scored.users().size());
            summary.put("models", EvaluateStep.summary(scored, settings.seed()));
            perFold.add(summary);
            progress.note("fold {} of {}: {} test users", fold + 1, folds, scored.users().size());
        }
        Map<String, Map<String, double[]>> metrics = new LinkedHashMap<>();
        pooled.forEach((model, byMetric) -> {
            Map<String, double[]> arrays = new LinkedHashMap<>();
            byMetric.forEach((metric, values) -> arrays.put(metric,
                    values.stream().mapToDouble(Double::doubleValue).toArray()));
            metrics.put(model, arrays);
        });
        if (users.size() != users.stream().distinct().count()) {
            throw new IllegalStateException("a user was a test user in two folds");
        }
        EvaluateStep.PerUser all = new EvaluateStep.PerUser(users, metrics);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("name", name);
        report.put("protocol", folds + "-fold cross-validation over users; each fold fitted without its test users' hidden"
                + " entries; per-user metrics pooled over all folds; 95 % percentile"
                + " bootstrap over users (" + Bootstrap.RESAMPLES + " resamples); ratios paired with "
                + EvaluateStep.YARDSTICK);
        report.put("test_users", users.size());
        report.put("settings", settings);
        Map<String, Object> models = EvaluateStep.summary(all, settings.seed());
        report.put("models", models);
        report.put("served", EvaluateStep.served(models));
        report.put("folds", perFold);
        MlContext target = pipeline.context(name);
        try (OutputStream out = target.home().create(target.modelDir() + "/crossval.json")) {
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(out, report);
            EvaluateStep.plot(target, models, "NDCG@K (" + users.size() + " users, " + folds + "-fold)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the cross-validation report", e);
        }
        progress.note("{} users over {} folds; written to {}/crossval.json", users.size(), folds, target.modelDir());
        progress.done();
        return report;
    }
}
