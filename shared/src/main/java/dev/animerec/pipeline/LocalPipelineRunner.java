package dev.animerec.pipeline;

import dev.animerec.localruntime.LocalHome;
import dev.animerec.localruntime.LocalPostgres;
import dev.animerec.localruntime.LocalRedis;
import dev.animerec.localruntime.LocalRuntimeProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the local pipeline ({@link PipelineDefinition#local(Source)}) as child JVMs, at most two at a time in
 * dependency order, with a live display of stage, counts, rate and ETA. Each child's output goes to
 * {@code <home>/logs/<stage>.log}; a failed stage stops the run and shows the end of its log. Finished stages
 * are reused by the next run unless something they depend on ran again. Consecutive Spark stages share one
 * JVM ({@code MlCli prepare,retrieve,...}) because a Spark session costs seconds to start.
 *
 * <p>{@code LocalPipelineRunner --source snapshot|live [--home DIR] [--plan]}; exit 1 when a stage fails,
 * 2 on a usage error. Run from the repository root after the modules are built (the launcher does both).
 */
public final class LocalPipelineRunner {

    private static final int MAX_PARALLEL = 2;
    private static final int LOG_TAIL_LINES = 40;

    private final Source source;
    private final Path home;
    private final Path root;
    private final PrintStream out;
    private final boolean interactive;
    private final RunState state;
    private final List<Task> tasks = new ArrayList<>();
    private final List<Process> running = new ArrayList<>();
    /** Set on Ctrl-C (JVM shutdown): no new stage starts. */
    private volatile boolean stopping;

    LocalPipelineRunner(Source source, Path home, Path root, PrintStream out, boolean interactive) {
        this.source = source;
        this.home = home;
        this.root = root;
        this.out = out;
        this.interactive = interactive;
        this.state = RunState.load(home);
    }

    public static void main(String[] args) {
        Source source = null;
        Path home = Path.of(System.getenv().getOrDefault("ANIMEREC_LOCAL_HOME", "var"));
        boolean planOnly = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--source" -> source = sourceNamed(i + 1 < args.length ? args[++i] : "");
                case "--home" -> home = Path.of(args[++i]);
                case "--plan" -> planOnly = true;
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        if (source == null) {
            usage("--source is required");
        }
        LocalPipelineRunner runner = new LocalPipelineRunner(source, home, Path.of(""), System.out,
                System.console() != null);
        runner.plan();
        if (planOnly) {
            runner.printPlan();
            return;
        }
        // The runner holds the embedded PostgreSQL and Redis for the whole run: every stage attaches to them, so
        // no stage stops a server under another one that is still using it.
        LocalHome local = new LocalHome(new LocalRuntimeProperties(home, null, null));
        LocalPostgres postgres = local.postgres();
        LocalRedis redis = local.redis();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            runner.stopping = true;
            runner.stopChildren();
            closeQuietly(redis);
            closeQuietly(postgres);
        }, "stop-pipeline-stages"));
        boolean finished = runner.run();
        // On Ctrl-C the shutdown is already under way: System.exit would wait for it forever.
        if (!runner.stopping) {
            System.exit(finished ? 0 : 1);
        }
    }

    private static void closeQuietly(AutoCloseable server) {
        try {
            server.close();
        } catch (Exception e) {
            System.err.println("LocalPipelineRunner: stopping " + server + ": " + e);
        }
    }

    private static Source sourceNamed(String name) {
        try {
            return Source.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            usage("--source must be snapshot or live, not '" + name + "'");
            return null;
        }
    }

    private static void usage(String problem) {
        System.err.println("LocalPipelineRunner: " + problem);
        System.err.println("usage: LocalPipelineRunner --source snapshot|live [--home DIR] [--plan]");
        System.exit(2);
    }

    /** Decides which stages run and which are reused, and groups the Spark stages. */
    void plan() {
        List<Stage> stages = PipelineDefinition.local(source);
        Set<String> toRun = new LinkedHashSet<>();
        for (Stage stage : stages) {
            boolean upstreamRuns = PipelineDefinition.upstream(stage, stages).stream().anyMatch(toRun::contains);
            boolean finishedBefore = state.get(stage.id()) != null;
            if (stage.reuse() == Stage.Reuse.NEVER || upstreamRuns || !finishedBefore) {
                toRun.add(stage.id());
            }
        }
        Map<String, Task> taskOfStage = new HashMap<>();
        Task sparkGroup = null;
        for (Stage stage : stages) {
            if (!toRun.contains(stage.id())) {
                sparkGroup = null;
                continue;
            }
            Task task;
            if (stage.module() == Module.SPARK_ML && sparkGroup != null) {
                task = sparkGroup;
                task.stages.add(stage);
            } else {
                task = new Task(new ArrayList<>(List.of(stage)));
                tasks.add(task);
            }
            sparkGroup = stage.module() == Module.SPARK_ML ? task : null;
            taskOfStage.put(stage.id(), task);
        }
        for (Task task : tasks) {
            for (Stage stage : task.stages) {
                for (String dependency : PipelineDefinition.upstream(stage, stages)) {
                    Task upstream = taskOfStage.get(dependency);
                    if (upstream != null && upstream != task) {
                        task.upstream.add(upstream);
                    }
                }
            }
        }
        for (Stage stage : stages) {
            if (!toRun.contains(stage.id())) {
                out.printf("  reuse   %-16s (finished %s; --fresh runs it again)%n", stage.id(),
                        state.get(stage.id()).finishedAt());
            }
        }
    }

    void printPlan() {
        for (Task task : tasks) {
            out.printf("  run     %-16s %s%n", task.name(), String.join(" ", task.command(root, home)));
        }
    }

    /** Runs the planned tasks; true when all finished. */
    boolean run() {
        Instant started = Instant.now();
        Deque<Task> waiting = new ArrayDeque<>(tasks);
        List<Task> active = new ArrayList<>();
        long lastPlainStatus = 0;
        while (!waiting.isEmpty() || !active.isEmpty()) {
            if (stopping) {
                out.println();
                out.println("stopped: " + active.stream().map(Task::name).collect(Collectors.joining(", "))
                        + " interrupted; finished stages are kept for the next run");
                return false;
            }
            for (Task task : List.copyOf(waiting)) {
                if (active.size() < MAX_PARALLEL && task.upstream.stream().allMatch(Task::succeeded)) {
                    waiting.remove(task);
                    start(task);
                    active.add(task);
                }
            }
            for (Task task : List.copyOf(active)) {
                if (!task.process.isAlive() && !stopping) {
                    active.remove(task);
                    if (!finish(task)) {
                        stopChildren();
                        return false;
                    }
                }
            }
            if (interactive) {
                printStatus("\r\033[K", active, started);
            } else if (System.nanoTime() - lastPlainStatus > TimeUnit.SECONDS.toNanos(15)) {
                printStatus("", active, started);
                out.println();
                lastPlainStatus = System.nanoTime();
            }
            sleep(250);
        }
        if (interactive) {
            out.print("\r\033[K");
        }
        out.printf("pipeline finished in %s%n", clock(Duration.between(started, Instant.now()).toSeconds()));
        return true;
    }

    private void start(Task task) {
        try {
            Path logs = home.resolve("logs");
            Files.createDirectories(logs);
            task.log = logs.resolve(task.name() + ".log");
            ProcessBuilder builder = new ProcessBuilder(task.command(root, home)).redirectErrorStream(true);
            builder.environment().put(Progress.ENVIRONMENT_VARIABLE, "1");
            builder.environment().put("ANIMEREC_LOCAL_HOME", home.toString());
            task.startedNanos = System.nanoTime();
            task.stepStartedNanos = task.startedNanos;
            task.process = builder.start();
            synchronized (running) {
                running.add(task.process);
            }
            Thread reader = new Thread(() -> follow(task), "output-of-" + task.name());
            reader.setDaemon(true);
            reader.start();
            task.reader = reader;
            if (!interactive) {
                out.printf("start   %s: %s%n", task.name(), task.title());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start stage " + task.name(), e);
        }
    }

    /** Copies the child's output to its log, keeping the latest progress report and log line for the display. */
    private void follow(Task task) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(task.process.getInputStream(),
                StandardCharsets.UTF_8)); Writer log = Files.newBufferedWriter(task.log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = lines.readLine()) != null) {
                Progress.Report report = Progress.parse(line);
                if (report != null) {
                    task.progress(report, System.nanoTime());
                } else {
                    log.write(line);
                    log.write('\n');
                    log.flush();
                    if (!line.isBlank()) {
                        task.lastLine = line.strip();
                    }
                }
            }
        } catch (IOException e) {
            task.lastLine = "(output lost: " + e.getMessage() + ")";
        }
    }

    private boolean finish(Task task) {
        try {
            task.reader.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (running) {
            running.remove(task.process);
        }
        double seconds = (System.nanoTime() - task.startedNanos) / 1e9;
        int exit = task.process.exitValue();
        if (interactive) {
            out.print("\r\033[K");
        }
        if (exit != 0) {
            out.printf("FAILED  %s after %s (exit %d); the end of %s:%n", task.name(), clock((long) seconds), exit,
                    task.log);
            tail(task.log).forEach(line -> out.println("    " + line));
            return false;
        }
        task.succeeded = true;
        task.closeStep(System.nanoTime());
        String finishedAt = Instant.now().toString();
        for (Stage stage : task.stages) {
            double stageSeconds = task.stages.size() == 1 ? seconds
                    : task.stepSeconds.getOrDefault(stage.args().get(0), 0.0);
            state.record(stage.id(), new RunState.Finished(finishedAt, stageSeconds, source.name()));
        }
        Progress.Report last = task.report;
        out.printf("done    %-28s %8s  %s%n", task.name(), clock((long) seconds),
                // A finished stage did all of a known total (the last report may predate the last unit).
                last == null ? "" : String.format(Locale.ROOT, "%,d %s", last.total() > 0 ? last.total() : last.done(),
                        last.unit()));
        return true;
    }

    private void printStatus(String prefix, List<Task> active, Instant started) {
        long now = System.nanoTime();
        StringBuilder line = new StringBuilder(prefix);
        for (Task task : active) {
            line.append(task.status(now)).append(" | ");
        }
        long elapsed = Duration.between(started, Instant.now()).toSeconds();
        line.append("elapsed ").append(clock(elapsed)).append(", about ").append(clock(remainingSeconds(now)))
                .append(" left");
        String text = line.toString();
        int width = terminalWidth();
        if (interactive && text.length() - prefix.length() > width) {
            text = text.substring(0, prefix.length() + width - 1) + "…";
        }
        out.print(text);
        out.flush();
    }

    /** Critical-path estimate: each task finishes its own remaining time after its slowest upstream task. */
    long remainingSeconds(long now) {
        Map<Task, Double> finishAt = new HashMap<>();
        double longest = 0;
        for (Task task : tasks) {
            double upstream = task.upstream.stream().mapToDouble(t -> finishAt.getOrDefault(t, 0.0)).max().orElse(0);
            double own = task.succeeded ? 0 : task.remainingSeconds(now, state);
            double finish = (task.succeeded ? 0 : upstream) + own;
            finishAt.put(task, finish);
            longest = Math.max(longest, finish);
        }
        return Math.round(longest);
    }

    void stopChildren() {
        List<Process> processes;
        synchronized (running) {
            processes = List.copyOf(running);
        }
        processes.forEach(Process::destroy);
        for (Process process : processes) {
            try {
                if (!process.waitFor(20, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<String> tail(Path log) {
        try (Stream<String> lines = Files.lines(log, StandardCharsets.UTF_8)) {
            List<String> all = lines.toList();
            return all.subList(Math.max(0, all.size() - LOG_TAIL_LINES), all.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    private static int terminalWidth() {
        try {
            return Math.max(60, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120")));
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    static String clock(long seconds) {
        return seconds >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60,
                seconds % 60) : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    List<Task> tasks() {
        return tasks;
    }

    /** One child process: a stage, or consecutive Spark stages sharing a JVM. */
    static final class Task {

        final List<Stage> stages;
        final Set<Task> upstream = new LinkedHashSet<>();
        final Map<String, Double> stepSeconds = new LinkedHashMap<>();
        volatile Progress.Report report;
        volatile String lastLine = "";
        volatile boolean succeeded;
        volatile long startedNanos;
        volatile long stepStartedNanos;
        volatile long rateSinceNanos;
        volatile long rateSinceDone;
        volatile double rate;
        Process process;
        Thread reader;
        Path log;

        Task(List<Stage> stages) {
            this.stages = stages;
        }

        String name() {
            return stages.size() == 1 ? stages.get(0).id()
                    : stages.get(0).id() + ".." + stages.get(stages.size() - 1).id();
        }

        String title() {
            return stages.stream().map(Stage::title).collect(Collectors.joining("; "));
        }

        Module module() {
            return stages.get(0).module();
        }

        List<String> command(Path root, Path home) {
            Module module = module();
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(module.jvmFlags());
            String extraOptions = System.getenv("ANIMEREC_JAVA_OPTS");
            if (extraOptions != null && !extraOptions.isBlank()) {
                command.addAll(List.of(extraOptions.trim().split("\\s+")));
            }
            command.add("-cp");
            command.add(classpath(root, module));
            command.add(module.mainClass());
            command.addAll(arguments(home));
            return command;
        }

        /** The program arguments (after the main class). */
        List<String> arguments(Path home) {
            if (stages.size() == 1) {
                return stages.get(0).localCommand(home.toString());
            }
            // Spark stages differ only in their step name (first argument): MlCli runs a comma list in order.
            List<String> arguments = new ArrayList<>();
            arguments.add(stages.stream().map(stage -> stage.args().get(0)).collect(Collectors.joining(",")));
            List<String> shared = stages.get(0).localCommand(home.toString());
            arguments.addAll(shared.subList(1, shared.size()));
            return arguments;
        }

        static String classpath(Path root, Module module) {
            Path target = root.resolve(module.directory()).resolve("target");
            try (Stream<Path> files = Files.list(target)) {
                Path jar = files.filter(file -> {
                    String name = file.getFileName().toString();
                    return name.startsWith(module.directory() + "-") && name.endsWith(".jar")
                            && !name.endsWith("-tests.jar") && !name.endsWith("-sources.jar");
                }).findFirst().orElseThrow(() -> new IllegalStateException("no jar in " + target
                        + ": build the module first (./anime-rec build)"));
                return jar + java.io.File.pathSeparator
                        + Files.readString(target.resolve("runtime-classpath.txt")).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot find the build of " + module.directory() + " in " + target
                        + ": build it first (./anime-rec build)", e);
            }
        }

        /** Takes a progress line; a new step name inside a Spark group closes the previous step's timing. */
        synchronized void progress(Progress.Report next, long now) {
            Progress.Report previous = report;
            if (previous == null || !previous.step().equals(next.step())) {
                if (previous != null) {
                    closeStep(now);
                }
                stepStartedNanos = now;
                rateSinceNanos = now;
                rateSinceDone = next.done();
                rate = 0;
            } else if (now - rateSinceNanos > TimeUnit.SECONDS.toNanos(2)) {
                // A rate over the last few seconds, smoothed, so the ETA follows the current pace.
                double recent = (next.done() - rateSinceDone) / ((now - rateSinceNanos) / 1e9);
                rate = rate == 0 ? recent : 0.7 * rate + 0.3 * recent;
                rateSinceNanos = now;
                rateSinceDone = next.done();
            }
            report = next;
        }

        synchronized void closeStep(long now) {
            Progress.Report current = report;
            if (current != null) {
                stepSeconds.merge(current.step(), (now - stepStartedNanos) / 1e9, Double::sum);
            }
        }

        /** Expected seconds left: from the rate when the total is known, else from earlier runs' durations. */
        double remainingSeconds(long now, RunState state) {
            if (process == null) {
                return stages.stream().mapToDouble(stage -> expected(stage, state)).sum();
            }
            Progress.Report current = report;
            if (current != null && current.total() > 0 && rate > 0) {
                double stepLeft = Math.max(0, current.total() - current.done()) / rate;
                return stepLeft + stagesAfter(current.step()).stream().mapToDouble(s -> expected(s, state)).sum();
            }
            double elapsed = (now - startedNanos) / 1e9;
            double total = stages.stream().mapToDouble(stage -> expected(stage, state)).sum();
            return Math.max(1, total - elapsed);
        }

        private List<Stage> stagesAfter(String step) {
            for (int i = 0; i < stages.size(); i++) {
                if (stages.get(i).args().get(0).equals(step)) {
                    return stages.subList(i + 1, stages.size());
                }
            }
            return List.of();
        }

        private static double expected(Stage stage, RunState state) {
            RunState.Finished earlier = state.get(stage.id());
            return earlier != null && earlier.seconds() > 0 ? earlier.seconds() : stage.expectedSeconds();
        }

        String status(long now) {
            long elapsed = (now - startedNanos) / 1_000_000_000L;
            Progress.Report current = report;
            StringBuilder text = new StringBuilder("▶ ").append(name()).append(' ').append(clock(elapsed));
            if (current == null) {
                String line = lastLine;
                return text.append(' ').append(line.length() > 50 ? line.substring(0, 50) : line).toString();
            }
            text.append(' ').append(current.step()).append(' ');
            if (current.total() > 0) {
                int percent = (int) Math.min(100, 100 * current.done() / current.total());
                text.append(bar(percent)).append(String.format(Locale.ROOT, " %,d/%,d %s", current.done(),
                        current.total(), current.unit()));
            } else {
                text.append(String.format(Locale.ROOT, "%,d %s", current.done(), current.unit()));
            }
            if (rate > 0) {
                text.append(String.format(Locale.ROOT, " %,.0f/s", rate));
            }
            return text.toString();
        }

        private static String bar(int percent) {
            int filled = percent / 10;
            return "[" + "#".repeat(filled) + ".".repeat(10 - filled) + "] " + percent + "%";
        }

        boolean succeeded() {
            return succeeded;
        }
    }
}
