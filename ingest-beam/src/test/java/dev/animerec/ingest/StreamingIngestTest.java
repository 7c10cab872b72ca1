package dev.animerec.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.ingest.progress.ProgressReporter;
import dev.animerec.ingest.source.RawRecord;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.Item;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.TestStream;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming shape of the job (TestStream drives processing time): redeliveries across flushes land once. */
class StreamingIngestTest {

    @TempDir
    Path home;

    @Test
    void redeliveriesInLaterFlushesLandOnce() {
        LocalHome local = new LocalHome(home);
        List<AnimeListEntryItem> entries = RealItems.listEntries(Instant.parse("2023-01-15T10:00:00Z"));
        TestStream.Builder<RawRecord> builder = TestStream.create(RawRecord.Coder.of());
        builder = add(builder, entries.subList(0, 30))
                .advanceProcessingTime(Duration.standardSeconds(30));
        builder = add(builder, entries.subList(20, 45))                     // 10 redelivered
                .advanceProcessingTime(Duration.standardSeconds(30));
        TestStream<RawRecord> queue = add(builder, entries.subList(0, 60))  // 45 redelivered, 15 new
                .addElements(RawRecord.of("{\"kind\":\"anime_list_entry\"}", "projects/p/subscriptions/items-ingest"))
                .advanceProcessingTime(Duration.standardSeconds(30))
                .advanceWatermarkToInfinity();
        IngestOptions options = local.options("--streaming=true");
        Pipeline pipeline = Pipeline.create(options);
        IngestPipeline.ingest(pipeline.apply("Queue", queue), options);

        PipelineResult result = pipeline.run();
        result.waitUntilFinish();

        String partition = "anime_list_entry/crawl_date=2023-01-15";
        assertThat(IngestPipelineTest.uids(local.landing().get(partition))).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(entries.stream().map(Item::uid).toList());
        assertThat(local.landingFiles(partition)).as("one file per flush").hasSize(3);
        assertThat(local.deadLetters()).singleElement()
                .satisfies(letter -> assertThat(letter.get("reason").asText()).contains("schema"));
        assertThat(ProgressReporter.counters(result))
                .containsEntry("read.anime_list_entry", 116L)
                .containsEntry("written.anime_list_entry", 60L)
                .containsEntry("duplicate.anime_list_entry", 55L)
                .containsEntry("dead_lettered.anime_list_entry", 1L);
    }

    private static TestStream.Builder<RawRecord> add(TestStream.Builder<RawRecord> builder,
                                                     List<? extends Item> items) {
        RawRecord[] records = LocalHome.lines(items).stream()
                .map(line -> RawRecord.of(line, "projects/p/subscriptions/items-ingest"))
                .toArray(RawRecord[]::new);
        return builder.addElements(records[0], java.util.Arrays.copyOfRange(records, 1, records.length));
    }
}
