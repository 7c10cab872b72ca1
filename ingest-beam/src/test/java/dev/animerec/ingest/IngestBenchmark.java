package dev.animerec.ingest;

import dev.animerec.bench.BenchFigures;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.FriendItem;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * Records per second through the local pipeline (spool files -> parse -> JSON Schema -> contract -> landing
 * files with the uid check), DirectRunner, drained. Items are generated from the real rows in
 * {@code src/test/resources/real}: list entries (80 %), friends (15 %) and anime (5 %), spread over 7 crawl
 * days, all distinct. Run: {@code mvn -B -o -pl ingest-beam -Pbench verify} (see the README for options).
 */
public final class IngestBenchmark {

    private IngestBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int count = Integer.parseInt(System.getProperty("bench.items", "1000000"));
        int files = Integer.parseInt(System.getProperty("bench.files", "50"));
        Path home = Files.createTempDirectory("ingest-bench");
        LocalHome local = new LocalHome(home);

        long generateStart = System.nanoTime();
        writeSpool(local, count, files);
        double generateSeconds = (System.nanoTime() - generateStart) / 1e9;
        long spoolBytes = LocalHome.files(local.paths.inbox()).stream().mapToLong(IngestBenchmark::size).sum();
        System.out.printf("generated %,d items in %d spool files (%,d MB) in %.1f s%n", count, files,
                spoolBytes >> 20, generateSeconds);

        List<String> args2 = new ArrayList<>(List.of("--home=" + home, "--drain", "--runner=DirectRunner",
                "--progressSeconds=10"));
        List<String> extra = new ArrayList<>(List.of(args));
        String fromProperty = System.getProperty("bench.args", "").trim();
        if (!fromProperty.isEmpty()) {
            extra.addAll(List.of(fromProperty.split("\\s+")));
        }
        args2.addAll(extra);
        IngestOptions options = PipelineOptionsFactory.fromArgs(args2.toArray(String[]::new)).as(IngestOptions.class);
        long start = System.nanoTime();
        IngestPipeline.Outcome outcome = new IngestPipeline(options).run();
        double seconds = (System.nanoTime() - start) / 1e9;

        Map<String, Long> totals = dev.animerec.ingest.progress.ProgressReporter.totalsPerStage(outcome.counters());
        long landed = LocalHome.files(local.paths.landing()).stream().mapToLong(IngestBenchmark::lines).sum();
        System.out.printf("exit %d; read %,d, written %,d, duplicate %,d, dead-lettered %,d; %,d lines landed%n",
                outcome.exitCode(), totals.get(IngestCounters.READ), totals.get(IngestCounters.WRITTEN),
                totals.get(IngestCounters.DUPLICATE), totals.get(IngestCounters.DEAD_LETTERED), landed);
        System.out.printf("RESULT: %,d items in %.1f s = %,.0f records/s (%d cores, max heap %,d MB, args %s)%n",
                count, seconds, count / seconds, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() >> 20, extra);
        if (outcome.exitCode() != 0 || landed != count) {
            throw new IllegalStateException("the benchmark run did not land every item once");
        }
        BenchFigures figures = new BenchFigures();
        String run = String.format("%,d items, %d files%s", count, files, extra.isEmpty() ? "" : ", " + extra);
        figures.add(run + ": throughput", count / seconds, "records/s");
        figures.add(run + ": wall", seconds, "s");
        figures.writeIfRequested();
    }

    private static void writeSpool(LocalHome local, int count, int files) throws IOException {
        Files.createDirectories(local.paths.inbox());
        Instant base = Instant.parse("2023-01-09T06:00:00Z");
        List<AnimeListEntryItem> entries = RealItems.listEntries(base);
        List<AnimeItem> anime = RealItems.anime(base);
        int perFile = (count + files - 1) / files;
        int written = 0;
        for (int f = 0; f < files && written < count; f++) {
            Path file = local.paths.inbox().resolve(String.format("bench-%04d.jsonl", f));
            try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int i = 0; i < perFile && written < count; i++, written++) {
                    out.write(ItemJson.write(generate(written, base, entries, anime)));
                    out.write('\n');
                }
            }
        }
    }

    /** Item number {@code n}: distinct (kind, natural key, crawl instant) for every n, so every uid differs. */
    private static Item generate(int n, Instant base, List<AnimeListEntryItem> entries, List<AnimeItem> anime) {
        Instant crawled = base.plusSeconds((n % 7) * 86_400L + n / 7);
        int slot = n % 20;
        if (slot == 0) {
            AnimeItem template = anime.get(n % anime.size());
            return AnimeItem.builder(template.url(), crawled, template.animeId(), template.title())
                    .type(template.type()).source(template.source()).studios(template.studios())
                    .genres(template.genres()).themes(template.themes()).rating(template.rating())
                    .mainPicture(template.mainPicture()).score(template.score()).members(template.members())
                    .build();
        }
        String user = entries.get(n % entries.size()).username() + "_" + (n / 1000);
        if (slot <= 3) {
            return FriendItem.of("https://myanimelist.net/profile/" + user + "/friends", crawled, user,
                    "friend_" + n, null, null);
        }
        AnimeListEntryItem template = entries.get(n % entries.size());
        return AnimeListEntryItem.of("https://myanimelist.net/animelist/" + user + "/load.json", crawled, user,
                template.animeId(), template.status(), template.score(), template.episodesWatched(), null, null, null,
                null);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static long lines(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
