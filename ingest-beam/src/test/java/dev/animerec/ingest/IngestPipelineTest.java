package dev.animerec.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.FriendItem;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole local job on the DirectRunner, drained: spool files in, landing and dead-letter files out. */
class IngestPipelineTest {

    private static final Instant LIST_CRAWL = Instant.parse("2023-01-15T10:00:00Z");
    private static final Instant ANIME_CRAWL = Instant.parse("2022-03-10T08:30:00Z");

    @TempDir
    Path home;

    @Test
    void drainLandsEachUidOnceRoutesByKindAndDateAndDeadLettersTheRest() throws IOException {
        LocalHome local = new LocalHome(home);
        List<AnimeItem> anime = RealItems.anime(ANIME_CRAWL);
        List<AnimeListEntryItem> entries = RealItems.listEntries(LIST_CRAWL);
        List<FriendItem> friends = RealItems.friends(LIST_CRAWL);
        List<Item> all = new ArrayList<>(anime);
        all.addAll(entries);
        all.addAll(friends);

        List<String> first = new ArrayList<>(LocalHome.lines(all));
        first.addAll(LocalHome.lines(entries.subList(0, 5)));              // repeated within a file
        Path firstFile = local.spool("crawl-0001.jsonl", first);
        String schemaBreaking = ItemJson.write(entries.get(7)).replaceFirst("\"anime_id\":(\\d+)", "\"anime_id\":\"$1\"");
        List<String> second = new ArrayList<>(LocalHome.lines(anime.subList(0, 10))); // repeated across files
        second.addAll(List.of("{\"kind\": \"anime\", \"uid\": ", "", "{\"kind\": \"manga\", \"uid\": \"x\"}",
                "   ", schemaBreaking));
        Path secondFile = local.spool("crawl-0002.jsonl", second);
        Files.write(secondFile, new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'},
                java.nio.file.StandardOpenOption.APPEND);
        Path unfinished = local.spool("crawl-0003.jsonl.tmp", LocalHome.lines(friends));

        IngestPipeline.Outcome outcome = new IngestPipeline(local.options("--drain")).run();

        assertThat(outcome.exitCode()).isZero();
        Map<String, List<String>> landing = local.landing();
        assertThat(landing).containsOnlyKeys("anime/crawl_date=2022-03-10", "anime_list_entry/crawl_date=2023-01-15",
                "friend/crawl_date=2023-01-15");
        assertThat(uids(landing.get("anime/crawl_date=2022-03-10"))).hasSize(anime.size())
                .containsExactlyInAnyOrderElementsOf(anime.stream().map(Item::uid).toList());
        assertThat(uids(landing.get("anime_list_entry/crawl_date=2023-01-15")))
                .containsExactlyInAnyOrderElementsOf(entries.stream().map(Item::uid).toList());
        assertThat(landing.get("friend/crawl_date=2023-01-15").stream().map(IngestPipelineTest::item).toList())
                .containsExactlyInAnyOrderElementsOf(friends);

        List<JsonNode> deadLetters = local.deadLetters();
        assertThat(deadLetters).hasSize(4);
        assertThat(deadLetters).allSatisfy(letter -> {
            assertThat(letter.get("source").asText()).isEqualTo(secondFile.toString());
            assertThat(Instant.parse(letter.get("at").asText())).isAfter(Instant.now().minusSeconds(600));
        });
        assertThat(deadLetters.stream().map(letter -> letter.get("reason").asText()))
                .anySatisfy(reason -> assertThat(reason).startsWith("unreadable JSON"))
                .anySatisfy(reason -> assertThat(reason).isEqualTo("unknown item kind 'manga'"))
                .anySatisfy(reason -> assertThat(reason).contains("anime_list_entry schema").contains("anime_id"))
                .anySatisfy(reason -> assertThat(reason).contains("not valid UTF-8"));
        assertThat(deadLetters.stream().map(letter -> letter.get("payload").asText()))
                .contains(schemaBreaking, "{\"kind\": \"anime\", \"uid\": ");

        Map<String, Long> counters = outcome.counters();
        assertThat(counters).containsEntry("read.anime", (long) anime.size() + 10)
                .containsEntry("written.anime", (long) anime.size())
                .containsEntry("duplicate.anime", 10L)
                .containsEntry("read.anime_list_entry", (long) entries.size() + 6)
                .containsEntry("written.anime_list_entry", (long) entries.size())
                .containsEntry("duplicate.anime_list_entry", 5L)
                .containsEntry("dead_lettered.anime_list_entry", 1L)
                .containsEntry("written.friend", (long) friends.size())
                .containsEntry("read.unknown", 3L)
                .containsEntry("dead_lettered.unknown", 3L);

        assertThat(LocalHome.files(local.paths.inbox())).isEmpty();
        assertThat(unfinished).exists();
        assertThat(firstFile).doesNotExist();
        assertThat(local.paths.ingested().resolve(firstFile.getFileName())).exists();
        assertThat(local.paths.ingested().resolve(secondFile.getFileName())).exists();
    }

    @Test
    void aLaterRunLandsOnlyUidsTheLandingAreaDoesNotHoldYet() throws IOException {
        LocalHome local = new LocalHome(home);
        List<AnimeListEntryItem> entries = RealItems.listEntries(LIST_CRAWL);
        local.spool("crawl-0001.jsonl", LocalHome.lines(entries.subList(0, 40)));
        assertThat(new IngestPipeline(local.options("--drain")).run().exitCode()).isZero();

        // At-least-once delivery: the crawler re-sends 30 items it had sent, plus 20 new ones.
        local.spool("crawl-0002.jsonl", LocalHome.lines(entries.subList(10, 60)));
        IngestPipeline.Outcome second = new IngestPipeline(local.options("--drain")).run();

        assertThat(second.counters()).containsEntry("read.anime_list_entry", 50L)
                .containsEntry("written.anime_list_entry", 20L)
                .containsEntry("duplicate.anime_list_entry", 30L);
        List<String> landed = local.landing().get("anime_list_entry/crawl_date=2023-01-15");
        assertThat(uids(landed)).hasSize(60).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(entries.stream().map(Item::uid).toList());
        assertThat(local.landingFiles("anime_list_entry/crawl_date=2023-01-15")).hasSize(2);
        assertThat(local.deadLetters()).isEmpty();
    }

    @Test
    void aRecrawlOfTheSameEntityIsANewItem() throws IOException {
        LocalHome local = new LocalHome(home);
        AnimeListEntryItem monday = RealItems.listEntries(LIST_CRAWL).get(0);
        AnimeListEntryItem tuesday = RealItems.listEntries(LIST_CRAWL.plusSeconds(86_400)).get(0);
        local.spool("crawl.jsonl", LocalHome.lines(List.of(monday, tuesday, monday)));

        new IngestPipeline(local.options("--drain")).run();

        assertThat(local.landing()).containsOnlyKeys("anime_list_entry/crawl_date=2023-01-15",
                "anime_list_entry/crawl_date=2023-01-16");
        assertThat(local.landing().values()).allSatisfy(lines -> assertThat(lines).hasSize(1));
    }

    @Test
    void anEmptyInboxDrainsToNothing() {
        LocalHome local = new LocalHome(home);
        IngestPipeline.Outcome outcome = new IngestPipeline(local.options("--drain")).run();
        assertThat(outcome.exitCode()).isZero();
        assertThat(local.landing()).isEmpty();
        assertThat(local.deadLetters()).isEmpty();
    }

    @Test
    void refusesToDrainASubscription() {
        LocalHome local = new LocalHome(home);
        assertThatThrownBy(() -> new IngestPipeline(local.options("--drain", "--source=PUBSUB", "--project=p")).run())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--drain");
    }

    static List<String> uids(List<String> lines) {
        return lines.stream().map(IngestPipelineTest::item).map(Item::uid).toList();
    }

    static Item item(String line) {
        try {
            return ItemJson.read(line);
        } catch (Exception e) {
            throw new AssertionError("landing line is not an item: " + line, e);
        }
    }

    @Test
    void theProgressTotalCountsLinesOfBrokenAndUnterminatedFilesToo() throws IOException {
        Path broken = home.resolve("broken.jsonl");
        Files.write(broken, new byte[] {'{', '}', '\n', (byte) 0xC3, (byte) 0x28, '\n', '{', '}'});
        Path empty = home.resolve("empty.jsonl");
        Files.write(empty, new byte[0]);
        Path plain = home.resolve("plain.jsonl");
        Files.writeString(plain, "{}\n{}\n");
        assertThat(IngestPipeline.lines(List.of(broken.toString(), empty.toString(), plain.toString()))).isEqualTo(5);
        assertThat(IngestPipeline.lines(List.of(home.resolve("missing.jsonl").toString()))).isEqualTo(-1);
    }
}
