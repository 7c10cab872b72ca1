package dev.animerec.crawler.userlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.ListStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real load.json pages of Littoface and reltats (2017); values read from the JSON. */
class LoadJsonPageParserTest {

    private static final Instant CRAWLED = Instant.parse("2017-05-05T00:00:00Z");
    private final LoadJsonPageParser parser = new LoadJsonPageParser();

    @Test
    void firstPageOfLittoface() throws Exception {
        List<AnimeListEntryItem> entries = parser.parse(
                Fixtures.read("mal/animelist_load_json_Littoface_offset0.json"),
                "https://myanimelist.net/animelist/Littoface/load.json?status=7&offset=0", "Littoface", CRAWLED);
        assertThat(entries).hasSize(158);
        AnimeListEntryItem first = entries.get(0);
        assertThat(first.animeId()).isEqualTo(11843);
        assertThat(first.status()).isEqualTo(ListStatus.WATCHING);
        assertThat(first.score()).isZero();
        assertThat(first.episodesWatched()).isEqualTo(9);
        assertThat(first.rewatching()).isFalse();
        AnimeListEntryItem finished = entries.stream().filter(e -> e.animeId() == 4975).findFirst().orElseThrow();
        assertThat(finished.status()).isEqualTo(ListStatus.COMPLETED);
        assertThat(finished.score()).isEqualTo(5);
        assertThat(finished.episodesWatched()).isEqualTo(12);
        assertThat(finished.finishDate()).isEqualTo(LocalDate.of(2016, 8, 10));
        assertThat(entries.get(157).animeId()).isEqualTo(308);
        assertThat(entries.get(157).status()).isEqualTo(ListStatus.PLAN_TO_WATCH);
    }

    @Test
    void listWithStartDates() throws Exception {
        List<AnimeListEntryItem> entries = parser.parse(Fixtures.read("mal/animelist_load_json_reltats_offset0.json"),
                "https://myanimelist.net/animelist/reltats/load.json?status=7&offset=0", "reltats", CRAWLED);
        assertThat(entries).hasSize(263);
        assertThat(entries.get(0).animeId()).isEqualTo(33475);
        assertThat(entries.get(0).startDate()).isEqualTo(LocalDate.of(2017, 4, 12));
    }

    @Test
    void emptyPageEndsTheList() throws Exception {
        assertThat(parser.parse(Fixtures.read("mal/animelist_load_json_Littoface_offset158_end.json"), "u",
                "Littoface", CRAWLED)).isEmpty();
    }

    @Test
    void privateListIsATypedError() {
        assertThatThrownBy(() -> parser.parse(Fixtures.read("mal/animelist_load_json_error_400.json"), "u", "x",
                CRAWLED)).isInstanceOf(ParseException.class).hasMessageContaining("private or unknown")
                .satisfies(e -> assertThat(((ParseException) e).field()).isEqualTo("errors"));
    }
}
