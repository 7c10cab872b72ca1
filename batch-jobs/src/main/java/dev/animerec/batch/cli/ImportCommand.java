package dev.animerec.batch.cli;

import dev.animerec.batch.importer.AnimeImporter;
import dev.animerec.batch.importer.ImportReport;
import dev.animerec.batch.importer.InteractionsImporter;
import dev.animerec.batch.warehouse.WarehousePaths;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load external list data (and anime metadata) into the landing area as if it had been crawled.")
class ImportCommand implements Callable<Integer> {

    @Option(names = "--interactions", required = true,
            description = "CSV (or .csv.gz): username, anime_id, score, watching_status, watched_episodes"
                    + " [, start_date, finish_date, updated_at]")
    Path interactions;

    @Option(names = "--anime", description = "anime CSV in the layout of the MAL 2022 scrape (anime_info.csv[.gz]);"
            + " anime_site_stats / anime_watch_stats / anime_score_stats beside it are joined")
    Path anime;

    @Option(names = "--crawl-date", description = "when the lists were crawled (ISO-8601; default now)")
    Instant crawlDate;

    @Option(names = "--anime-crawl-date", description = "when the anime metadata was crawled (ISO-8601; default now)")
    Instant animeCrawlDate;

    @Option(names = "--home", defaultValue = "${env:ANIMEREC_LOCAL_HOME:-var}", description = "local home (default ./var)")
    Path home;

    @Override
    public Integer call() throws Exception {
        WarehousePaths paths = WarehousePaths.under(home);
        Set<Integer> animeIds = new HashSet<>();
        long started = System.nanoTime();
        if (anime != null) {
            ImportReport report = new AnimeImporter(paths).importFile(anime,
                    animeCrawlDate == null ? Instant.now() : animeCrawlDate, animeIds);
            System.out.print("anime " + anime + ":\n" + indent(report.summary()));
        }
        ImportReport report = new InteractionsImporter(paths).importFile(interactions,
                crawlDate == null ? Instant.now() : crawlDate, animeIds,
                rows -> System.err.printf("  ... %,d rows read (%.0f rows/s)%n", rows,
                        rows / ((System.nanoTime() - started) / 1e9)));
        System.out.print("interactions " + interactions + ":\n" + indent(report.summary()));
        System.out.printf("landed under %s in %.1f s; dead letters (if any) under %s%n", paths.landing(),
                (System.nanoTime() - started) / 1e9, paths.deadLetter("import"));
        return 0;
    }

    private static String indent(String text) {
        return text.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
    }
}
