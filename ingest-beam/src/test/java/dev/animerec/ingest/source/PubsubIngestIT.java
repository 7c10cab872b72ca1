package dev.animerec.ingest.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.animerec.ingest.IngestOptions;
import dev.animerec.ingest.IngestPipeline;
import dev.animerec.ingest.LocalPaths;
import dev.animerec.ingest.RealItems;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.ItemJson;
import dev.animerec.testing.PubSubEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PubsubIO against the Pub/Sub emulator shipped with the Google Cloud SDK: messages (with redeliveries and a
 * broken one) go from the subscription to the local landing area, each uid once. Skipped, loudly, where the
 * emulator is not installed; an installed emulator that does not start fails the test.
 */
class PubsubIngestIT {

    private static final String PROJECT = "anime-rec-it";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static PubsubEmulator emulator;

    @TempDir
    static Path workDir;

    @BeforeAll
    static void startEmulator() throws Exception {
        // A skip only where the emulator is not installed; where it is, a start failure fails the test.
        PubSubEmulator.installedOrSkip("PubsubIngestIT");
        emulator = PubsubEmulator.start(PROJECT, workDir.resolve("pubsub-emulator.log"));
    }

    @AfterAll
    static void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void subscriptionMessagesLandOncePerUidAndBrokenOnesAreDeadLettered() throws Exception {
        String subscription = emulator.createTopicAndSubscription("items", "items-ingest");
        Path home = workDir.resolve("home");
        IngestOptions options = PipelineOptionsFactory.fromArgs("--home=" + home, "--runner=DirectRunner",
                "--source=PUBSUB", "--subscription=" + subscription, "--project=" + PROJECT,
                "--pubsubRootUrl=" + emulator.rootUrl(),
                "--credentialFactoryClass=org.apache.beam.sdk.extensions.gcp.auth.NoopCredentialFactory",
                "--flushSeconds=1", "--streaming=true", "--blockOnRun=false").as(IngestOptions.class);
        List<AnimeListEntryItem> entries = RealItems.listEntries(Instant.parse("2023-01-15T10:00:00Z"));
        emulator.publish("items", payloads(entries.subList(0, 40)));

        Pipeline pipeline = Pipeline.create(options);
        IngestPipeline.ingest(pipeline.apply("Subscription", new PubsubItemSource(subscription, null)), options);
        PipelineResult result = pipeline.run();
        try {
            // The crawler retried: 30 items again, 20 new ones, and one message that is not an item.
            List<byte[]> later = payloads(entries.subList(10, 60));
            later.add("{\"kind\": \"anime_list_entry\", \"uid\": 7}".getBytes(StandardCharsets.UTF_8));
            emulator.publish("items", later);

            LocalPaths paths = LocalPaths.of(home.toString());
            Path partition = paths.landing().resolve("anime_list_entry/crawl_date=2023-01-15");
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (System.nanoTime() < deadline && (lines(partition).size() < 60 || lines(paths.deadLetters()).isEmpty())) {
                Thread.sleep(500);
            }
            Thread.sleep(3_000); // room for a wrong extra landing to show up before the check
            List<String> landed = lines(partition);
            Set<String> uids = new HashSet<>();
            for (String line : landed) {
                uids.add(ItemJson.read(line).uid());
            }
            assertThat(landed).hasSize(60);
            assertThat(uids).containsExactlyInAnyOrderElementsOf(entries.stream().map(AnimeListEntryItem::uid).toList());
            List<String> deadLetters = lines(paths.deadLetters());
            assertThat(deadLetters).hasSize(1);
            JsonNode deadLetter = MAPPER.readTree(deadLetters.get(0));
            assertThat(deadLetter.get("source").asText()).isEqualTo(subscription);
            assertThat(deadLetter.get("payload").asText()).contains("\"uid\": 7");
            assertThat(deadLetter.get("reason").asText()).contains("schema");
        } finally {
            result.cancel();
        }
    }

    private static List<byte[]> payloads(List<AnimeListEntryItem> items) {
        List<byte[]> payloads = new ArrayList<>();
        items.forEach(item -> payloads.add(ItemJson.write(item).getBytes(StandardCharsets.UTF_8)));
        return payloads;
    }

    private static List<String> lines(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).toList()) {
                lines.addAll(Files.readAllLines(file, StandardCharsets.UTF_8));
            }
        }
        return lines;
    }
}
