package dev.animerec.items;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** One item of every kind with every field set, so round trips exercise every field. */
final class SampleItems {

    static final Instant CRAWLED = Instant.parse("2023-01-15T10:15:30Z");

    private SampleItems() {
    }

    static List<Item> all() {
        return List.of(anime(), related(), recommendation(), review(), profile(), listEntry(), activity(), favorite(),
                friend());
    }

    static AnimeItem anime() {
        return AnimeItem.builder("https://myanimelist.net/anime/9253/Steins_Gate", CRAWLED, 9253, "Steins;Gate")
                .titleEnglish("Steins;Gate").titleJapanese("STEINS;GATE").synopsis("Okabe and his lab members...")
                .mainPicture("https://cdn.myanimelist.net/images/anime/1935/127974.jpg").type("TV").source("Visual novel")
                .episodes(24).status("Finished Airing").airedFrom(LocalDate.of(2011, 4, 6))
                .airedTo(LocalDate.of(2011, 9, 14)).season("spring").seasonYear(2011)
                .studios(List.of("White Fox")).genres(List.of("Drama", "Sci-Fi", "Suspense"))
                .themes(List.of("Psychological", "Time Travel")).rating("PG-13 - Teens 13 or older")
                .score(9.07).scoredBy(1_300_000L).rank(3).popularity(13).members(2_500_000L).favorites(190_000L)
                .statistics(new AnimeStatistics(100L, 2_000_000L, 50L, 40L, 300_000L, 2_300_190L,
                        List.of(new ScoreCount(10, 600_000), new ScoreCount(1, 3_000))))
                .pictures(List.of("https://cdn.myanimelist.net/images/anime/5/73199.jpg"))
                .clubs(List.of(new ClubRef(1234, "Future Gadget Lab", "https://myanimelist.net/clubs.php?cid=1234")))
                .build();
    }

    static RelatedAnimeItem related() {
        return RelatedAnimeItem.of("https://myanimelist.net/anime/9253", CRAWLED, 9253, 30484, "sequel",
                "Steins;Gate 0", 0);
    }

    static AnimeRecommendationItem recommendation() {
        return AnimeRecommendationItem.of("https://myanimelist.net/anime/9253/Steins_Gate/userrecs", CRAWLED, 9253,
                1535, "Death Note", "https://myanimelist.net/recommendations/anime/1535-9253", 37);
    }

    static ReviewItem review() {
        return new ReviewItem(null, 0, "https://myanimelist.net/anime/9253/Steins_Gate/reviews", CRAWLED, 9253,
                "Archaeon", 12345L, LocalDate.of(2012, 3, 1), 4242, 10, 10, 9, 9, 10, 10, 24);
    }

    static ProfileItem profile() {
        return ProfileItem.builder("https://myanimelist.net/profile/Nekomata1037", CRAWLED, "Nekomata1037")
                .userId(4_000_000L).lastOnline(Instant.parse("2023-01-14T22:00:00Z")).joined(LocalDate.of(2014, 5, 2))
                .gender("Male").location("Finland").forumPosts(12).reviews(3).recommendations(5).blogPosts(0)
                .daysWatched(125.4).meanScore(7.31).watching(4).completed(480).onHold(10).dropped(12)
                .planToWatch(160).totalEntries(666).rewatched(20).episodesWatched(7_500L)
                .clubs(List.of(new ClubRef(72940, "Anime Soundtracks", null)))
                .build();
    }

    static AnimeListEntryItem listEntry() {
        return AnimeListEntryItem.of("https://myanimelist.net/animelist/Nekomata1037/load.json?status=7&offset=0",
                CRAWLED, "Nekomata1037", 9253, ListStatus.COMPLETED, 10, 24, LocalDate.of(2019, 1, 2),
                LocalDate.of(2019, 1, 20), Instant.parse("2019-01-20T21:00:00Z"), false);
    }

    static ActivityItem activity() {
        return ActivityItem.of("https://myanimelist.net/profile/Nekomata1037", CRAWLED, "Nekomata1037", 30484,
                ListStatus.WATCHING, 0, 5, 23, Instant.parse("2023-01-14T20:00:00Z"));
    }

    static FavoriteItem favorite() {
        return FavoriteItem.of("https://myanimelist.net/profile/Nekomata1037/favorites", CRAWLED, "Nekomata1037", 9253,
                "Steins;Gate", 0);
    }

    static FriendItem friend() {
        return FriendItem.of("https://myanimelist.net/profile/Nekomata1037/friends", CRAWLED, "Nekomata1037",
                "okabe_rintarou", Instant.parse("2016-07-28T00:00:00Z"), Instant.parse("2023-01-10T08:00:00Z"));
    }
}
