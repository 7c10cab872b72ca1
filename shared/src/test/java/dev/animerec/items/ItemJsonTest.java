package dev.animerec.items;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ItemJsonTest {

    static java.util.List<Item> samples() {
        return SampleItems.all();
    }

    @Test
    void samplesCoverEveryKind() {
        Set<ItemKind> covered = SampleItems.all().stream().map(Item::kind).collect(Collectors.toSet());
        assertThat(covered).isEqualTo(EnumSet.allOf(ItemKind.class));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everyKindRoundTrips(Item item) throws Exception {
        String json = ItemJson.write(item);
        Item back = ItemJson.read(json);
        assertThat(back).isEqualTo(item);
        assertThat(back.uid()).isEqualTo(item.uid());
        assertThat(ItemJson.write(back)).isEqualTo(json);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void wireFormatIsSnakeCaseWithKindAndEnvelope(Item item) throws Exception {
        JsonNode node = new ObjectMapper().readTree(ItemJson.write(item));
        assertThat(node.get("kind").asText()).isEqualTo(item.kind().wireName());
        assertThat(node.get("uid").asText()).isEqualTo(item.uid());
        assertThat(node.get("schema_version").asInt()).isEqualTo(1);
        assertThat(node.get("crawl_date").asText()).isEqualTo("2023-01-15T10:15:30Z");
        node.fieldNames().forEachRemaining(name -> assertThat(name).matches("[a-z0-9_]+"));
    }

    @Test
    void uidIsStableForSameCrawlAndDiffersForAnotherCrawl() {
        AnimeListEntryItem entry = SampleItems.listEntry();
        AnimeListEntryItem sameCrawl = AnimeListEntryItem.of(entry.url(), entry.crawlDate(), "NEKOMATA1037",
                entry.animeId(), ListStatus.WATCHING, 3, 1, null, null, null, null);
        AnimeListEntryItem laterCrawl = AnimeListEntryItem.of(entry.url(), entry.crawlDate().plusSeconds(60),
                entry.username(), entry.animeId(), entry.status(), entry.score(), entry.episodesWatched(), null,
                null, null, null);
        assertThat(sameCrawl.uid()).isEqualTo(entry.uid());
        assertThat(laterCrawl.uid()).isNotEqualTo(entry.uid());
        assertThat(entry.naturalKey()).isEqualTo("nekomata1037|9253");
    }

    @Test
    void missingRequiredFieldIsATypedErrorNamingTheField() {
        String json = "{\"kind\":\"favorite\",\"uid\":\"x\",\"schema_version\":1,\"url\":\"u\","
                + "\"crawl_date\":\"2023-01-01T00:00:00Z\",\"anime_id\":1}";
        assertThatThrownBy(() -> ItemJson.read(json))
                .isInstanceOf(ItemFormatException.class)
                .hasMessageContaining("username");
        String noId = "{\"kind\":\"favorite\",\"uid\":\"x\",\"schema_version\":1,\"url\":\"u\","
                + "\"crawl_date\":\"2023-01-01T00:00:00Z\",\"username\":\"a\",\"anime_id\":null}";
        assertThatThrownBy(() -> ItemJson.read(noId))
                .isInstanceOf(ItemFormatException.class)
                .hasMessageContaining("anime_id");
    }

    @Test
    void unknownKindUnknownFieldAndGarbageAreTypedErrors() {
        assertThatThrownBy(() -> ItemJson.read("{\"kind\":\"manga\",\"url\":\"u\"}"))
                .isInstanceOf(ItemFormatException.class).hasMessageContaining("manga");
        String extra = ItemJson.write(SampleItems.favorite()).replace("{", "{\"colour\":\"red\",");
        assertThatThrownBy(() -> ItemJson.read(extra))
                .isInstanceOf(ItemFormatException.class).hasMessageContaining("colour");
        assertThatThrownBy(() -> ItemJson.read("{\"kind\":")).isInstanceOf(ItemFormatException.class);
        assertThatThrownBy(() -> ItemJson.read("")).isInstanceOf(ItemFormatException.class);
    }

    @Test
    void outOfRangeValuesAreRejected() {
        String json = ItemJson.write(SampleItems.listEntry()).replace("\"score\":10", "\"score\":11");
        assertThatThrownBy(() -> ItemJson.read(json))
                .isInstanceOf(ItemFormatException.class).hasMessageContaining("score");
        String zeroId = ItemJson.write(SampleItems.favorite()).replace("\"anime_id\":9253", "\"anime_id\":0");
        assertThatThrownBy(() -> ItemJson.read(zeroId))
                .isInstanceOf(ItemFormatException.class).hasMessageContaining("anime_id");
    }

    @Test
    void listStatusReadsMalCodesAndApiSpellings() {
        assertThat(ListStatus.fromMalCode(6)).isEqualTo(ListStatus.PLAN_TO_WATCH);
        assertThat(ListStatus.parse("Plan to Watch")).isEqualTo(ListStatus.PLAN_TO_WATCH);
        assertThat(ListStatus.parse("on_hold")).isEqualTo(ListStatus.ON_HOLD);
        assertThat(ListStatus.parse("On-Hold")).isEqualTo(ListStatus.ON_HOLD);
        assertThat(ListStatus.parse("2")).isEqualTo(ListStatus.COMPLETED);
        assertThatThrownBy(() -> ListStatus.fromMalCode(5)).isInstanceOf(InvalidItemException.class);
    }
}
