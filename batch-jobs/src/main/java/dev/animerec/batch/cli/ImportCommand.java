package dev.animerec.batch.cli;

import dev.animerec.batch.importer.AnimeImporter;
import dev.animerec.batch.importer.ImportReport;
import dev.animerec.batch.importer.InteractionsImporter;
import dev.animerec.batch.importer.ItemOutput;
import dev.animerec.batch.importer.LandingWriter;
import dev.animerec.batch.importer.SpoolOutput;
import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.pipeline.Progress;
import dev.animerec.spool.SpoolInbox;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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

    @Option(names = "--to", defaultValue = "landing", description = "landing: write the landing area directly;"
            + " spool: put the items onto the ingestion queue (<home>/spool/inbox) for the ingestion job, the way"
            + " crawled items go (default ${DEFAULT-VALUE})")
    String to;

    @Option(names = "--home", defaultValue = "${env:ANIMEREC_LOCAL_HOME:-var}", description = "local home (default ./var)")
    Path home;

    @Override
    public Integer call() throws Exception {
        WarehousePaths paths = WarehousePaths.under(home);
        ItemOutput.Factory output = switch (to) {
            case "landing" -> stem -> new LandingWriter(paths, stem);
            case "spool" -> stem -> new SpoolOutput(new SpoolInbox(home));
            default -> throw new CommandLine.ParameterException(new CommandLine(this),
                    "--to must be landing or spool, not '" + to + "'");
        };
        Set<Integer> animeIds = new HashSet<>();
        long started = System.nanoTime();
        if (anime != null) {
            ImportReport report = new AnimeImporter(paths, output).importFile(anime,
                    animeCrawlDate == null ? Instant.now() : animeCrawlDate, animeIds);
            System.out.print("anime " + anime + ":\n" + indent(report.summary()));
        }
        ImportReport report = new InteractionsImporter(paths, output).importFile(interactions,
                crawlDate == null ? Instant.now() : crawlDate, animeIds,
                rows -> {
                    System.err.printf("  ... %,d rows read (%.0f rows/s)%n", rows,
                            rows / ((System.nanoTime() - started) / 1e9));
                    Progress.report("rows", rows, -1, "rows");
                });
        System.out.print("interactions " + interactions + ":\n" + indent(report.summary()));
        System.out.printf("%s in %.1f s; dead letters (if any) under %s%n",
                to.equals("spool") ? "queued under " + new SpoolInbox(home).directory() : "landed under " + paths.landing(),
                (System.nanoTime() - started) / 1e9, paths.deadLetter("import"));
        return 0;
    }

    private static String indent(String text) {
        return text.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
    }
}
