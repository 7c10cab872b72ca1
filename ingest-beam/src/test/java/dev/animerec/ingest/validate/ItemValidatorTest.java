package dev.animerec.ingest.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.ingest.RealItems;
import dev.animerec.items.Item;
import dev.animerec.items.ItemJson;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ItemValidatorTest {

    private static final Instant CRAWLED = Instant.parse("2023-01-15T23:59:30Z");
    private static ItemValidator validator;

    @BeforeAll
    static void loadSchemas() {
        validator = ItemValidator.fromClasspath();
    }

    @Test
    void acceptsEveryRealItemAndKeepsItsUidKindAndCrawlDay() throws Exception {
        List<Item> items = RealItems.all(CRAWLED);
        assertThat(items).hasSizeGreaterThan(100);
        for (Item item : items) {
            ItemValidator.Outcome outcome = validator.check(ItemJson.write(item));
            assertThat(outcome).as(item.uid()).isInstanceOf(ItemValidator.Accepted.class);
            LandingRecord record = ((ItemValidator.Accepted) outcome).record();
            assertThat(record.kind()).isEqualTo(item.kind().wireName());
            assertThat(record.uid()).isEqualTo(item.uid());
            assertThat(record.crawlDay()).isEqualTo("2023-01-15");
            assertThat(record.partition()).isEqualTo(item.kind().wireName() + "/crawl_date=2023-01-15");
            assertThat(ItemJson.read(record.json())).isEqualTo(item);
        }
    }

    @Test
    void canonicalisesAPrettyPrintedPayloadToOneLine() {
        Item item = RealItems.anime(CRAWLED).get(0);
        String pretty = ItemJson.write(item).replace(",", ",\n  ");
        LandingRecord record = ((ItemValidator.Accepted) validator.check(pretty)).record();
        assertThat(record.json()).doesNotContain("\n").isEqualTo(ItemJson.write(item));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "not JSON           | {\"kind\": \"anime\", | unknown | unreadable JSON",
        "trailing garbage   | {\"kind\": \"anime\"} x | unknown | unreadable JSON",
        "an array           | [1, 2] | unknown | not a JSON object but ARRAY",
        "no kind            | {\"uid\": \"u\"} | unknown | no textual 'kind' field",
        "unknown kind       | {\"kind\": \"manga\"} | unknown | unknown item kind 'manga'",
        "blank              | '   ' | unknown | empty payload",
    })
    void rejectsPayloadsThatAreNotItems(String description, String payload, String kind, String reason) {
        ItemValidator.Rejected rejected = (ItemValidator.Rejected) validator.check(payload);
        assertThat(rejected.kind()).isEqualTo(kind);
        assertThat(rejected.reason()).startsWith(reason);
    }

    @Test
    void rejectsSchemaViolationsNamingTheField() {
        String entry = ItemJson.write(RealItems.listEntries(CRAWLED).get(0));
        assertRejected(entry.replaceFirst("\"anime_id\":(\\d+)", "\"anime_id\":\"$1\""),
                "does not match the anime_list_entry schema", "anime_id");
        assertRejected(entry.replaceFirst("\"username\":\"[^\"]+\",", ""),
                "does not match the anime_list_entry schema", "username");
        assertRejected(entry.replace("{", "{\"surprise\":1,"), "does not match the anime_list_entry schema",
                "surprise");
        assertRejected(entry.replaceFirst("\"crawl_date\":\"[^\"]+\"", "\"crawl_date\":\"yesterday\""),
                "does not match the anime_list_entry schema", "crawl_date");
        assertRejected(entry.replaceFirst("\"status\":\"[a-z_]+\"", "\"status\":\"binge\""),
                "does not match the anime_list_entry schema", "status");
    }

    @Test
    void rejectsContractViolationsTheSchemaCannotExpress() {
        String entry = ItemJson.write(RealItems.listEntries(CRAWLED).get(0));
        assertRejected(entry.replaceFirst("\"anime_id\":\\d+", "\"anime_id\":0"), "invalid item", "anime_id");
        assertRejected(entry.replaceFirst("\"score\":\\d+", "\"score\":11"), "invalid item", "score");
    }

    private static void assertRejected(String payload, String reasonStart, String mentioned) {
        ItemValidator.Outcome outcome = validator.check(payload);
        assertThat(outcome).as(payload).isInstanceOf(ItemValidator.Rejected.class);
        ItemValidator.Rejected rejected = (ItemValidator.Rejected) outcome;
        assertThat(rejected.kind()).isEqualTo("anime_list_entry");
        assertThat(rejected.reason()).startsWith(reasonStart).contains(mentioned);
    }
}
