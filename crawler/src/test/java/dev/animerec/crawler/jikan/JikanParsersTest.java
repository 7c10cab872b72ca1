package dev.animerec.crawler.jikan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.ActivityItem;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.AnimeRecommendationItem;
import dev.animerec.items.AnimeStatistics;
import dev.animerec.items.FavoriteItem;
import dev.animerec.items.FriendItem;
import dev.animerec.items.ListStatus;
import dev.animerec.items.ProfileItem;
import dev.animerec.items.ReviewItem;
import dev.animerec.items.ScoreCount;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real Jikan v4 answers (jikanpy cassettes, Dec 2022; reactive-jikan trimmed responses); values read from the JSON. */
class JikanParsersTest {

    private static final Instant CRAWLED = Instant.parse("2022-12-06T12:00:00Z");

    @Test
    void anime() throws Exception {
        AnimeItem anime = new JikanAnimeParser().parse(Fixtures.read("jikan/anime-success.json"),
                "https://api.jikan.moe/v4/anime/457", CRAWLED).build();
        assertThat(anime.animeId()).isEqualTo(457);
        assertThat(anime.title()).isEqualTo("Mushishi");
        assertThat(anime.titleEnglish()).isEqualTo("Mushi-Shi");
        assertThat(anime.titleJapanese()).isEqualTo("蟲師");
        assertThat(anime.type()).isEqualTo("TV");
        assertThat(anime.source()).isEqualTo("Manga");
        assertThat(anime.episodes()).isEqualTo(26);
        assertThat(anime.status()).isEqualTo("Finished Airing");
        assertThat(anime.airedFrom()).isEqualTo(LocalDate.of(2005, 10, 23));
        assertThat(anime.airedTo()).isEqualTo(LocalDate.of(2006, 6, 19));
        assertThat(anime.season()).isEqualTo("fall");
        assertThat(anime.seasonYear()).isEqualTo(2005);
        assertThat(anime.studios()).containsExactly("Artland");
        assertThat(anime.genres()).startsWith("Adventure", "Fantasy");
        assertThat(anime.themes()).startsWith("Adult Cast", "Historical");
        assertThat(anime.rating()).isEqualTo("PG-13 - Teens 13 or older");
        assertThat(anime.score()).isEqualTo(8.67);
        assertThat(anime.scoredBy()).isEqualTo(260_971L);
        assertThat(anime.rank()).isEqualTo(59);
        assertThat(anime.popularity()).isEqualTo(204);
        assertThat(anime.members()).isEqualTo(766_612L);
        assertThat(anime.favorites()).isEqualTo(25_306L);
        assertThat(anime.mainPicture()).isEqualTo("https://cdn.myanimelist.net/images/anime/2/73862.jpg");
    }

    @Test
    void notFoundAnswerIsATypedError() {
        assertThatThrownBy(() -> new JikanAnimeParser().parse(Fixtures.read("jikan/anime-failure.json"), "u", CRAWLED))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).field()).isEqualTo("data"));
    }

    @Test
    void statistics() throws Exception {
        AnimeStatistics stats = new JikanStatisticsParser().parse(Fixtures.read("jikan/getAnimeStatistics.json"));
        assertThat(stats.watching()).isEqualTo(95_611L);
        assertThat(stats.completed()).isEqualTo(2_287_389L);
        assertThat(stats.onHold()).isEqualTo(31_504L);
        assertThat(stats.dropped()).isEqualTo(110_880L);
        assertThat(stats.planToWatch()).isEqualTo(143_053L);
        assertThat(stats.total()).isEqualTo(2_668_437L);
        assertThat(stats.scoreCounts()).hasSize(10);
        assertThat(stats.scoreCounts().get(0)).isEqualTo(new ScoreCount(10, 274_569));
        assertThat(stats.scoreCounts().get(9)).isEqualTo(new ScoreCount(1, 27_658));
    }

    @Test
    void picturesRecommendationsReviewsAndRelations() throws Exception {
        assertThat(new JikanPicturesParser().parse(Fixtures.read("jikan/getAnimePictures.json")))
                .containsExactly("https://cdn.myanimelist.net/images/anime/8/36343l.jpg");

        Parsed recommendations = new JikanRecommendationsParser().parse(
                Fixtures.read("jikan/getAnimeRecommendations.json"), "u", 11757, CRAWLED);
        AnimeRecommendationItem rec = (AnimeRecommendationItem) recommendations.items().get(0);
        assertThat(rec.recommendedAnimeId()).isEqualTo(17265);
        assertThat(rec.recommendedTitle()).isEqualTo("Log Horizon");
        assertThat(rec.recommenders()).isEqualTo(174);
        assertThat(rec.recommendationUrl()).isEqualTo("https://myanimelist.net/recommendations/anime/11757-17265");

        Parsed reviews = new JikanReviewsParser().parse(Fixtures.read("jikan/getAnimeReviews.json"), "u", 11757,
                CRAWLED);
        ReviewItem review = (ReviewItem) reviews.items().get(0);
        assertThat(review.reviewer()).isEqualTo("USERNAME_1");
        assertThat(review.reviewId()).isEqualTo(138_911L);
        assertThat(review.helpfulCount()).isEqualTo(5216);
        assertThat(review.reviewDate()).isEqualTo(LocalDate.of(2014, 4, 6));
        assertThat(review.episodesSeen()).isEqualTo(25);
        assertThat(List.of(review.scoreOverall(), review.scoreStory(), review.scoreAnimation(), review.scoreSound(),
                review.scoreCharacter(), review.scoreEnjoyment())).containsExactly(4, 4, 8, 8, 1, 3);

        // The recorded relations are two manga adaptations: no anime-to-anime relation.
        assertThat(new JikanRelationsParser().parse(Fixtures.read("jikan/getAnimeRelations.json"), "u", 11757,
                CRAWLED).items()).isEmpty();
    }

    @Test
    void userFullWithFavorites() throws Exception {
        Parsed parsed = new JikanUserParser().parse(Fixtures.read("jikan/user-success.json"),
                "https://api.jikan.moe/v4/users/nekomata1037/full", CRAWLED);
        ProfileItem profile = (ProfileItem) parsed.items().get(0);
        assertThat(profile.username()).isEqualTo("Nekomata1037");
        assertThat(profile.userId()).isEqualTo(4_901_676L);
        assertThat(profile.lastOnline()).isEqualTo(Instant.parse("2022-12-06T07:42:00Z"));
        assertThat(profile.joined()).isEqualTo(LocalDate.of(2015, 9, 27));
        assertThat(profile.gender()).isEqualTo("Male");
        assertThat(profile.location()).isEqualTo("Pakistan");
        assertThat(profile.daysWatched()).isEqualTo(107.0);
        assertThat(profile.meanScore()).isEqualTo(8.22);
        assertThat(List.of(profile.watching(), profile.completed(), profile.onHold(), profile.dropped(),
                profile.planToWatch(), profile.totalEntries(), profile.rewatched()))
                .containsExactly(44, 451, 15, 3, 428, 941, 22);
        assertThat(profile.episodesWatched()).isEqualTo(6316L);
        var favorites = parsed.items().stream().filter(FavoriteItem.class::isInstance).map(FavoriteItem.class::cast)
                .toList();
        assertThat(favorites).hasSize(5);
        assertThat(favorites.get(0).animeId()).isEqualTo(9253);
        assertThat(favorites.get(0).title()).isEqualTo("Steins;Gate");
        assertThat(favorites.get(1).animeId()).isEqualTo(30484);
        assertThat(parsed.links()).contains(MalUrl.anime(9253));
    }

    @Test
    void friendsFavoritesAndUpdates() throws Exception {
        JikanFriendsParser.FriendsPage friends = new JikanFriendsParser().parse(
                Fixtures.read("jikan/user-friends-success.json"), "u", "nekomata1037", CRAWLED);
        assertThat(friends.parsed().items()).hasSize(38);
        assertThat(friends.hasNextPage()).isFalse();
        FriendItem first = (FriendItem) friends.parsed().items().get(0);
        assertThat(first.friendUsername()).isEqualTo("purplepinapples");
        assertThat(first.friendsSince()).isEqualTo(Instant.parse("2020-05-15T19:53:00Z"));
        assertThat(first.friendLastOnline()).isEqualTo(Instant.parse("2022-12-04T23:32:30Z"));

        Parsed favorites = new JikanFavoritesParser().parse(Fixtures.read("jikan/getUserFavorites.json"), "u",
                "USER_1", CRAWLED);
        assertThat(favorites.items()).extracting(i -> ((FavoriteItem) i).animeId()).containsExactly(467);

        Parsed updates = new JikanUserUpdatesParser().parse(Fixtures.read("jikan/getUserUpdates.json"), "u",
                "USER_1", CRAWLED);
        ActivityItem update = (ActivityItem) updates.items().get(0);
        assertThat(update.animeId()).isEqualTo(21);
        assertThat(update.status()).isEqualTo(ListStatus.WATCHING);
        assertThat(update.score()).isEqualTo(10);
        assertThat(update.episodesSeen()).isNull();
        assertThat(update.updatedAt()).isEqualTo(Instant.parse("2022-02-17T07:45:00Z"));
    }

    @Test
    void topAnimeSeedsTheSchedule() throws Exception {
        JikanTopAnimeParser.TopPage top = new JikanTopAnimeParser().parse(Fixtures.read("jikan/top-success.json"));
        assertThat(top.anime()).hasSize(25).startsWith(MalUrl.anime(5114), MalUrl.anime(41467));
        assertThat(top.hasNextPage()).isTrue();
    }
}
