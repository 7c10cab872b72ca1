package dev.animerec.pipeline;

import static dev.animerec.pipeline.Flow.CRAWL;
import static dev.animerec.pipeline.Flow.ETL;
import static dev.animerec.pipeline.Flow.ML;
import static dev.animerec.pipeline.Module.BATCH_JOBS;
import static dev.animerec.pipeline.Module.CRAWLER;
import static dev.animerec.pipeline.Module.INGEST_BEAM;
import static dev.animerec.pipeline.Module.SPARK_ML;
import static dev.animerec.pipeline.Source.LIVE;
import static dev.animerec.pipeline.Source.SNAPSHOT;
import static dev.animerec.pipeline.Stage.Reuse.NEVER;
import static dev.animerec.pipeline.Stage.Reuse.WHEN_INPUTS_UNCHANGED;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's stages and their order, defined once. {@code ./anime-rec demo} / {@code run} walk
 * {@link #local(Source)}; the Composer DAGs read the JSON that {@link PipelineSpecWriter} writes from here; the
 * Vertex AI pipeline generator reads {@link #cloud(Flow)}.
 */
public final class PipelineDefinition {

    /** The deployment parameters the cloud arguments refer to as {@code {name}}, with what they mean. */
    public static final Map<String, String> CLOUD_PARAMETERS;

    static {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("project", "Google Cloud project id");
        parameters.put("bq_processed", "BigQuery dataset of the processed tables, project.dataset");
        parameters.put("bq_results", "BigQuery dataset the ML results are written to, project.dataset");
        parameters.put("models_uri", "gs:// folder holding the model versions (evaluation, serving artefacts)");
        parameters.put("model_version", "model version of this ML run (the run's logical date, e.g. 20261126)");
        parameters.put(DataprocRuntime.JARS_URI, "gs:// folder holding the spark-ml jar, the shared jar and JFreeChart");
        parameters.put(DataprocRuntime.SERVICE_ACCOUNT,
                "service account of the Dataproc batches; empty: the project's default compute service account");
        CLOUD_PARAMETERS = java.util.Collections.unmodifiableMap(parameters);
    }

    private static final List<String> ML_CLOUD_ARGS = List.of("--home", "{models_uri}", "--version",
            "{model_version}", "--bq-processed", "{bq_processed}", "--bq-results", "{bq_results}");

    private static final List<Stage> STAGES = List.of(
            new Stage("import-snapshot", "import the bundled real MAL snapshot onto the ingestion queue", ETL,
                    BATCH_JOBS, List.of("import", "--to", "spool",
                            "--interactions", "data/snapshot/animelist_2023.csv.gz", "--crawl-date", "2023-01-31T00:00:00Z",
                            "--anime", "data/snapshot/anime_info.csv.gz", "--anime-crawl-date", "2022-03-10T00:00:00Z"),
                    List.of("--home", "{home}"), List.of(), List.of(), Set.of(SNAPSHOT), false,
                    WHEN_INPUTS_UNCHANGED, 20),
            new Stage("seed-schedule", "seed the crawl schedule with the snapshot's anime and profiles", CRAWL,
                    BATCH_JOBS, List.of("seed", "--snapshot", "data/snapshot"), List.of(), List.of(), List.of(),
                    Set.of(SNAPSHOT), false, WHEN_INPUTS_UNCHANGED, 10),
            new Stage("schedule-anime", "queue the most urgent anime urls", CRAWL, BATCH_JOBS,
                    List.of("schedule", "--kind", "anime"), List.of("--max", "200"), List.of("--max", "500"),
                    List.of("seed-schedule"), Set.of(SNAPSHOT, LIVE), true, NEVER, 6),
            new Stage("schedule-profiles", "queue the most urgent profile urls", CRAWL, BATCH_JOBS,
                    List.of("schedule", "--kind", "profile"), List.of("--max", "200"), List.of("--max", "500"),
                    List.of("seed-schedule"), Set.of(SNAPSHOT, LIVE), true, NEVER, 6),
            new Stage("crawl", "crawl the queued urls politely until the queue is empty", CRAWL, CRAWLER,
                    List.of("worker", "--animerec.crawler.worker.exit-when-idle=PT1M"), List.of(), List.of(),
                    List.of("schedule-anime", "schedule-profiles"), Set.of(LIVE), false, NEVER, 600),
            new Stage("ingest", "validate queued items into the landing area once per uid", ETL, INGEST_BEAM,
                    // The DirectRunner's immutability/encodability checks triple a local drain's time; its runs are
                    // covered by the module's tests with the checks on.
                    List.of("--drain=true"), List.of("--home={home}", "--progressSeconds=5",
                            "--enforceImmutability=false", "--enforceEncodability=false"), List.of(),
                    List.of("import-snapshot", "crawl"), Set.of(SNAPSHOT, LIVE), false, WHEN_INPUTS_UNCHANGED, 35),
            new Stage("etl", "landing -> staging -> processed, with validation gates", ETL, BATCH_JOBS,
                    List.of("etl"), List.of(), List.of(), List.of("ingest"), Set.of(SNAPSHOT, LIVE), true,
                    WHEN_INPUTS_UNCHANGED, 30),
            ml("ml-prepare", "train / validation / test splits with held-out users", "prepare", List.of("etl"), 15),
            ml("ml-retrieve", "ALS, EASE and co-occurrence: selection, evaluation and refit fits", "retrieve",
                    List.of("ml-prepare"), 75),
            ml("ml-rank", "GBT rankers: validation users (evaluated), validation + test users (served)", "rank",
                    List.of("ml-retrieve"), 50),
            ml("ml-infer", "top 100 per held list from the refit, nothing already on the list", "infer",
                    List.of("ml-rank"), 15),
            ml("ml-similar", "learned anime-to-anime ranker, evaluated; top 50 per anime", "similar",
                    List.of("ml-retrieve"), 30),
            ml("ml-evaluate", "held-out users vs the textbook EASE yardstick, with intervals, plotted", "evaluate",
                    List.of("ml-infer"), 20),
            new Stage("publish", "publish the model to Redis under a new version, flip the pointer", ML, BATCH_JOBS,
                    List.of("publish"), List.of(), List.of("--model-version", "{model_version}", "--artefacts", "{models_uri}"),
                    List.of("ml-infer", "ml-similar", "ml-evaluate", "schedule-anime", "schedule-profiles"),
                    Set.of(SNAPSHOT, LIVE), true, NEVER, 12));

    private PipelineDefinition() {
    }

    private static Stage ml(String id, String title, String step, List<String> after, int expectedSeconds) {
        return new Stage(id, title, ML, SPARK_ML, List.of(step), List.of("--home", "{home}"), ML_CLOUD_ARGS, after,
                Set.of(SNAPSHOT, LIVE), true, WHEN_INPUTS_UNCHANGED, expectedSeconds);
    }

    /** Every stage, in an order where each comes after the stages it depends on. */
    public static List<Stage> stages() {
        return STAGES;
    }

    public static Stage stage(String id) {
        return STAGES.stream().filter(stage -> stage.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no stage '" + id + "'"));
    }

    /** The stages of a local run from the given source, in dependency order. */
    public static List<Stage> local(Source source) {
        return STAGES.stream().filter(stage -> stage.localSources().contains(source)).toList();
    }

    /** The stages Composer (or Vertex, for the Spark ones) schedules in a flow, in dependency order. */
    public static List<Stage> cloud(Flow flow) {
        return STAGES.stream().filter(stage -> stage.onCloud() && stage.flow() == flow).toList();
    }

    /** A stage's dependencies that are part of the given selection (others are satisfied by cadence or absent). */
    public static List<String> upstream(Stage stage, List<Stage> selection) {
        Set<String> ids = new java.util.HashSet<>();
        selection.forEach(selected -> ids.add(selected.id()));
        return stage.after().stream().filter(ids::contains).toList();
    }

    /** Checks ids are unique, dependencies exist and come first (so list order is a topological order). */
    static void validate(List<Stage> stages) {
        Map<String, Integer> position = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            if (position.put(stage.id(), i) != null) {
                problems.add("duplicate stage id " + stage.id());
            }
            for (String dependency : stage.after()) {
                Integer at = position.get(dependency);
                if (at == null) {
                    problems.add(stage.id() + " depends on " + dependency + ", which is not defined before it");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("pipeline definition: " + String.join("; ", problems));
        }
    }

    static {
        validate(STAGES);
    }
}
