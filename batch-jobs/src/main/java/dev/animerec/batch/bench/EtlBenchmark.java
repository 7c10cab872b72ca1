package dev.animerec.batch.bench;

import dev.animerec.bench.BenchFigures;
import dev.animerec.batch.etl.EtlStages;
import dev.animerec.batch.importer.AnimeImporter;
import dev.animerec.batch.importer.LandingWriter;
import dev.animerec.batch.warehouse.DuckDbWarehouse;
import dev.animerec.batch.warehouse.WarehousePaths;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;

/**
 * Prints the ETL's wall time and throughput on the real snapshot's size and on generated data at larger
 * scales (default 1, 10 and 30 times the snapshot's users), one line per stage, so the growth of the cost is
 * visible. Usage: {@code EtlBenchmark SNAPSHOT_DIR WORK_DIR [SCALE...]}.
 */
public final class EtlBenchmark {

    private static final BenchFigures FIGURES = new BenchFigures();

    private EtlBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: EtlBenchmark SNAPSHOT_DIR WORK_DIR [SCALE...]");
            System.exit(2);
        }
        dev.animerec.batch.BatchJobsApplication.quietLogging();
        Path snapshot = Path.of(args[0]);
        Path work = Path.of(args[1]);
        List<Integer> scales = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            scales.add(Integer.parseInt(args[i]));
        }
        if (scales.isEmpty()) {
            scales.addAll(List.of(1, 10, 30));
        }
        SyntheticLists model = SyntheticLists.calibrate(snapshot.resolve("animelist_2023.csv.gz"));
        System.out.printf(Locale.ROOT, "calibrated on %,d real rows of %,d users%n", model.realRows(), model.realUsers());
        System.out.printf(Locale.ROOT, "%-6s %-10s %12s %10s %14s%n", "scale", "stage", "input rows", "seconds", "rows/s");
        for (int scale : scales) {
            Path home = work.resolve("scale-" + scale);
            WarehousePaths paths = WarehousePaths.under(home);
            Files.createDirectories(home);
            Instant crawled = Instant.parse("2023-01-31T00:00:00Z");
            new AnimeImporter(paths).importFile(snapshot.resolve("anime_info.csv.gz"),
                    Instant.parse("2022-03-10T00:00:00Z"), new HashSet<>());
            long rows;
            long started = System.nanoTime();
            try (LandingWriter landing = new LandingWriter(paths, "synthetic")) {
                rows = model.generate(landing, scale, crawled, 42L + scale);
            }
            report(scale, "generate", rows, started);
            try (DuckDbWarehouse warehouse = new DuckDbWarehouse(paths)) {
                EtlStages stages = new EtlStages(warehouse);
                long total = System.nanoTime();
                started = System.nanoTime();
                stages.staging();
                report(scale, "staging", rows, started);
                started = System.nanoTime();
                stages.merge();
                report(scale, "merge", rows, started);
                started = System.nanoTime();
                stages.filter();
                report(scale, "filter", rows, started);
                started = System.nanoTime();
                stages.validate();
                report(scale, "validate", rows, started);
                started = System.nanoTime();
                stages.publish("bench");
                report(scale, "publish", rows, started);
                report(scale, "etl total", rows, total);
            }
            FIGURES.add(scale + "x list rows", rows, "rows");
        }
        FIGURES.writeIfRequested();
    }

    private static void report(int scale, String stage, long rows, long startedNanos) {
        double seconds = (System.nanoTime() - startedNanos) / 1e9;
        System.out.printf(Locale.ROOT, "%-6s %-10s %,12d %10.2f %,14.0f%n", scale + "x", stage, rows, seconds,
                rows / seconds);
        FIGURES.add(scale + "x " + stage + ": wall", seconds, "s");
        if (stage.equals("etl total")) {
            FIGURES.add(scale + "x etl total: throughput", rows / seconds, "rows/s");
        }
    }
}
