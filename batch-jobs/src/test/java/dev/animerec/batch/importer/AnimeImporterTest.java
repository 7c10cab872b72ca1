package dev.animerec.batch.importer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.batch.warehouse.WarehousePaths;
import dev.animerec.items.AnimeItem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnimeImporterTest {

    @TempDir
    Path home;

    @Test
    void joinsTheStatisticsFilesAndDerivesTheAiringStatus() throws Exception {
        // Rows copied from the real 2022 scrape (data/snapshot), statistics files beside them.
        Files.writeString(home.resolve("anime_info.csv"), String.join("\n",
                "anime_id,title,type,aired,premiered,studios,source,genres,rating,theme,anime_img_url",
                "1,Cowboy Bebop,TV,\"Apr 3, 1998 to Apr 24, 1999\",Spring 1998,Sunrise,Original,"
                        + "\"Action, Adventure, Drama, Sci-Fi\",R - 17+ (violence & profanity),Space,"
                        + "https://cdn.myanimelist.net/images/anime/4/19644.jpg",
                "21,One Piece,TV,\"Oct 20, 1999 to ?\",Fall 1999,Toei Animation,Manga,\"Action, Adventure\","
                        + "PG-13 - Teens 13 or older,,https://cdn.myanimelist.net/images/anime/6/73245.jpg",
                "99999,Future Show,TV,Apr 2023,,\"None found, add some\",Original,,,,",
                "bad,Broken,TV,,,,,,,,",
                ""));
        Files.writeString(home.resolve("anime_site_stats.csv"), String.join("\n",
                "anime_id,score,rating_count,ranked,popularity,members,favorites",
                "1,8.78,\"771,000\",#28,#43,\"1,500,000\",70000", "21,N/A,,,18207,90,0", ""));
        Files.writeString(home.resolve("anime_watch_stats.csv"), String.join("\n",
                "anime_id,watching,completed,on-hold,dropped,plan to watch,total", "1,10,20,3,4,5,42", ""));
        Files.writeString(home.resolve("anime_score_stats.csv"), String.join("\n",
                "anime_id,10,9,8,7,6,5,4,3,2,1", "1,100,90,80,70,60,50,40,30,20,10", ""));
        WarehousePaths paths = WarehousePaths.under(home);
        Set<Integer> ids = new HashSet<>();
        ImportReport report = new AnimeImporter(paths).importFile(home.resolve("anime_info.csv"),
                Instant.parse("2022-03-10T00:00:00Z"), ids);

        assertThat(ids).containsExactlyInAnyOrder(1, 21, 99999);
        assertThat(report.problemCount(AnimeImporter.BAD_ROW)).isEqualTo(1);
        var items = InteractionsImporterTest.landed(paths).stream().map(AnimeItem.class::cast).toList();
        AnimeItem bebop = items.stream().filter(a -> a.animeId() == 1).findFirst().orElseThrow();
        assertThat(bebop.status()).isEqualTo("Finished Airing");
        assertThat(bebop.airedFrom()).isEqualTo(LocalDate.of(1998, 4, 3));
        assertThat(bebop.airedTo()).isEqualTo(LocalDate.of(1999, 4, 24));
        assertThat(bebop.season()).isEqualTo("spring");
        assertThat(bebop.seasonYear()).isEqualTo(1998);
        assertThat(bebop.genres()).containsExactly("Action", "Adventure", "Drama", "Sci-Fi");
        assertThat(bebop.score()).isEqualTo(8.78);
        assertThat(bebop.scoredBy()).isEqualTo(771_000L);
        assertThat(bebop.rank()).isEqualTo(28);
        assertThat(bebop.members()).isEqualTo(1_500_000L);
        assertThat(bebop.statistics().onHold()).isEqualTo(3L);
        assertThat(bebop.statistics().planToWatch()).isEqualTo(5L);
        assertThat(bebop.statistics().scoreCounts()).hasSize(10);
        assertThat(bebop.statistics().scoreCounts().get(0).votes()).isEqualTo(100L);
        AnimeItem onePiece = items.stream().filter(a -> a.animeId() == 21).findFirst().orElseThrow();
        assertThat(onePiece.status()).isEqualTo("Currently Airing");
        assertThat(onePiece.score()).isNull();
        AnimeItem future = items.stream().filter(a -> a.animeId() == 99999).findFirst().orElseThrow();
        assertThat(future.status()).isEqualTo("Not yet aired");
        assertThat(future.studios()).isEmpty();
    }
}
