package dev.animerec.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.items.AnimeListEntryItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real kill of a drain: the ingest job runs as its own JVM ({@code IngestPipeline --drain}, the production
 * entry point), gets SIGKILL once its first landing files are in place, and is run again to completion. No
 * shutdown hook runs; what survives is what the landing area and the spool directory hold. Counted afterwards:
 * every spooled uid landed, none twice, the inbox empty.
 */
class KilledDrainIT {

    private static final int FILES = 240;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path home;

    private Process drain;

    @AfterEach
    void stop() throws Exception {
        if (drain != null) {
            drain.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDrainKilledWithSigkillMidwayLosesNoItemAndLandsNoneTwiceWhenRunAgain() throws Exception {
        LocalHome local = new LocalHome(home);
        Set<String> spooled = new HashSet<>();
        Instant first = Instant.parse("2023-01-15T10:00:00Z");
        for (int f = 0; f < FILES; f++) {
            // A crawl instant per file (over four days, so four partitions): the same rows, new uids each time.
            List<AnimeListEntryItem> entries = RealItems.listEntries(first.plus(Duration.ofMinutes(24L * f)));
            entries.forEach(item -> spooled.add(item.uid()));
            local.spool(String.format("crawl-%04d.jsonl", f), LocalHome.lines(entries));
        }

        drain = startDrain("first");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (LocalHome.files(local.paths.landing()).isEmpty()) {
            assertThat(drain.isAlive()).as("the first drain is still running when its first files land (log: %s)",
                    log("first")).isTrue();
            assertThat(System.nanoTime()).as("landing files within 180 s").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(drain.isAlive()).as("killed midway, not after the end").isTrue();
        kill(drain);
        drain = null;
        int landedBeforeKill = landedUids(local).size();
        assertThat(landedBeforeKill).as("some items landed before the kill, not all").isPositive()
                .isLessThan(spooled.size());
        assertThat(inbox(local)).as("a killed drain moves no spool file").hasSize(FILES);

        drain = startDrain("second");
        assertThat(drain.waitFor(300, TimeUnit.SECONDS)).as("the second drain finishes").isTrue();
        assertThat(drain.exitValue()).as("second drain's exit status (log: %s)", log("second")).isZero();
        drain = null;

        List<String> landed = landedUids(local);
        Map<String, Integer> times = new HashMap<>();
        landed.forEach(uid -> times.merge(uid, 1, Integer::sum));
        assertThat(times.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList())
                .as("uids landed twice").isEmpty();
        assertThat(times.keySet()).as("every spooled uid landed").isEqualTo(spooled);
        assertThat(local.deadLetters()).isEmpty();
        assertThat(inbox(local)).as("the inbox is drained").isEmpty();
        System.out.printf("KilledDrainIT: %d of %d items landed before SIGKILL; all %d landed once after the rerun%n",
                landedBeforeKill, spooled.size(), landed.size());
    }

    private Process startDrain(String name) throws IOException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx1g", "-cp", System.getProperty("java.class.path"), IngestPipeline.class.getName(),
                "--drain", "--home=" + home, "--runner=DirectRunner", "--progressSeconds=60", "--flushSeconds=1");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(home.resolve("drain-" + name + ".log").toFile()).start();
    }

    /** SIGKILL, as the kernel's OOM killer or a node loss delivers it: no hook runs. */
    private static void kill(Process process) throws Exception {
        Process kill = new ProcessBuilder("kill", "-KILL", String.valueOf(process.pid())).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("killed by signal 9").isEqualTo(128 + 9);
    }

    private static List<String> landedUids(LocalHome local) throws IOException {
        List<String> uids = new ArrayList<>();
        for (Path file : LocalHome.files(local.paths.landing())) {
            for (String line : Files.readAllLines(file)) {
                uids.add(MAPPER.readTree(line).path("uid").asText());
            }
        }
        return uids;
    }

    private static List<Path> inbox(LocalHome local) throws IOException {
        try (Stream<Path> files = Files.list(local.paths.inbox())) {
            return files.filter(f -> f.toString().endsWith(".jsonl")).toList();
        }
    }

    private String log(String name) {
        try {
            String text = Files.readString(home.resolve("drain-" + name + ".log"));
            return text.substring(Math.max(0, text.length() - 3000));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
