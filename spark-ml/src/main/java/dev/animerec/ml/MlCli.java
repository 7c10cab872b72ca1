package dev.animerec.ml;

import dev.animerec.ml.common.MlContext;
import dev.animerec.ml.common.MlSettings;
import dev.animerec.pipeline.Progress;
import dev.animerec.ml.recommend.RecommendCommand;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * {@code MlCli <prepare|retrieve|rank|infer|similar|evaluate|train|recommend> [--option value]...}; see
 * spark-ml/README.md for the options. Exit code 2 on a usage error, 1 on a failure.
 */
public final class MlCli {

    static final List<String> COMMANDS = List.of("prepare", "retrieve", "rank", "infer", "similar", "evaluate",
            "train", "recommend", "tune", "tune-ease", "tune-rank", "crossval");
    static final List<String> STEPS = List.of("prepare", "retrieve", "rank", "infer", "similar", "evaluate");
    static final Set<String> OPTIONS = Set.of("home", "workspace", "version", "lists", "k",
            "out", "master", "seed", "validation-percent", "als-rank", "als-iterations", "als-reg", "als-alpha",
            "negative-feedback", "bq-processed", "bq-results", "gbt-trees", "gbt-depth", "gbt-step", "folds", "ease-items", "ease-lambda", "cooccurrence-cap",
            "test-fold", "name");

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println("usage error: " + e.getMessage());
            System.err.println("usage: MlCli <" + String.join("|", COMMANDS) + "> [--home DIR] [--option value]...");
            System.exit(2);
        }
    }

    static int run(String[] args) {
        // A comma list of steps runs them in one Spark session, in order (the local pipeline runner uses it so
        // consecutive stages do not each pay for a Spark start).
        List<String> steps = args.length == 0 ? List.of() : List.of(args[0].split(","));
        if (steps.size() > 1 && !STEPS.containsAll(steps)) {
            throw new IllegalArgumentException("a comma list may only hold the steps " + STEPS + ", not " + steps);
        }
        if (steps.isEmpty() || steps.size() == 1 && !COMMANDS.contains(args[0])) {
            throw new IllegalArgumentException("first argument must be one of " + COMMANDS
                    + " or a comma list of the steps " + STEPS);
        }
        Map<String, String> options = options(args);
        String command = args[0];
        String home = options.getOrDefault("workspace", options.getOrDefault("home",
                System.getenv().getOrDefault("ANIMEREC_LOCAL_HOME", "var")));
        if (command.equals("recommend")) {
            try {
                new RecommendCommand().run(Path.of(home), Path.of(required(options, "lists")),
                        Integer.parseInt(options.getOrDefault("k", "100")), Path.of(required(options, "out")));
                return 0;
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        MlSettings settings = command.equals("tune") || command.equals("tune-ease") ? MlSettings.defaults() : settings(options);
        SparkSession spark = SparkSessions.create(options.get("master"));
        try {
            MlPipeline pipeline = new MlPipeline(spark, home, settings, options.get("bq-processed"),
                    options.get("bq-results"));
            String version = options.get("version");
            if (STEPS.containsAll(steps)) {
                runSteps(pipeline, steps, version);
                return 0;
            }
            switch (command) {
                case "tune-ease" -> new dev.animerec.ml.evaluation.EaseTuning().run(pipeline.context(version),
                        doubles(options.getOrDefault("ease-lambda", "50,200,800")));
                case "tune" -> new dev.animerec.ml.retrieval.AlsTuning().run(pipeline.context(version),
                        doubles(options.getOrDefault("negative-feedback", "true,false")).stream()
                                .map(v -> v != 0).toList(),
                        doubles(options.getOrDefault("als-alpha", "5,10,40")),
                        doubles(options.getOrDefault("als-reg", "0.05,0.5")),
                        doubles(options.getOrDefault("als-rank", "64")).stream().map(Double::intValue).toList());
                case "tune-rank" -> new dev.animerec.ml.ranking.RankTuning().run(pipeline.context(version),
                        Integer.parseInt(options.getOrDefault("folds", "3")));
                case "train" -> pipeline.train(version);
                case "crossval" -> new dev.animerec.ml.evaluation.CrossValidation().run(pipeline, settings,
                        options.getOrDefault("name", "crossval"));
                default -> throw new IllegalArgumentException("unknown command " + command);
            }
            return 0;
        } finally {
            spark.stop();
        }
    }

    private static void runSteps(MlPipeline pipeline, List<String> steps, String version) {
        MlContext context = null;
        for (int i = 0; i < steps.size(); i++) {
            String step = steps.get(i);
            Progress.report(step, i, steps.size(), "steps");
            if (step.equals("prepare")) {
                context = pipeline.prepare(version);
                continue;
            }
            if (context == null) {
                context = pipeline.context(version);
            }
            switch (step) {
                case "retrieve" -> pipeline.retrieve(context);
                case "rank" -> pipeline.rank(context);
                case "infer" -> pipeline.infer(context);
                case "similar" -> pipeline.similar(context);
                case "evaluate" -> pipeline.evaluate(context);
                default -> throw new IllegalArgumentException("unknown step " + step);
            }
        }
    }

    static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected '--option value' at '" + args[i] + "'");
            }
            String name = args[i].substring(2);
            if (!OPTIONS.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            options.put(name, args[i + 1]);
        }
        return options;
    }

    static MlSettings settings(Map<String, String> o) {
        MlSettings d = MlSettings.defaults();
        return new MlSettings(
                Long.parseLong(o.getOrDefault("seed", String.valueOf(d.seed()))),
                Integer.parseInt(o.getOrDefault("validation-percent", String.valueOf(d.validationPercent()))),
                d.testPercent(), Integer.parseInt(o.getOrDefault("test-fold", "0")), d.hiddenFraction(),
                d.minRelevant(),
                Integer.parseInt(o.getOrDefault("als-rank", String.valueOf(d.alsRank()))),
                Integer.parseInt(o.getOrDefault("als-iterations", String.valueOf(d.alsIterations()))),
                Double.parseDouble(o.getOrDefault("als-reg", String.valueOf(d.alsRegParam()))),
                Double.parseDouble(o.getOrDefault("als-alpha", String.valueOf(d.alsAlpha()))),
                d.alsBlocks(),
                Boolean.parseBoolean(o.getOrDefault("negative-feedback", String.valueOf(d.negativeFeedback()))),
                Integer.parseInt(o.getOrDefault("cooccurrence-cap", String.valueOf(d.coOccurrenceCap()))),
                d.neighbours(),
                Integer.parseInt(o.getOrDefault("gbt-trees", String.valueOf(d.gbtTrees()))),
                Integer.parseInt(o.getOrDefault("gbt-depth", String.valueOf(d.gbtDepth()))),
                Double.parseDouble(o.getOrDefault("gbt-step", String.valueOf(d.gbtStep()))),
                Integer.parseInt(o.getOrDefault("ease-items", String.valueOf(d.easeItems()))),
                Double.parseDouble(o.getOrDefault("ease-lambda", String.valueOf(d.easeLambda()))));
    }

    /** A comma-separated grid; for booleans "true"/"false" map to 1/0. */
    private static List<Double> doubles(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::trim)
                .map(v -> v.equals("true") ? 1.0 : v.equals("false") ? 0.0 : Double.parseDouble(v)).toList();
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
