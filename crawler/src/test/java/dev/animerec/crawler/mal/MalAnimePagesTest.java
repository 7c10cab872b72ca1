package dev.animerec.crawler.mal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.AnimeRecommendationItem;
import dev.animerec.items.AnimeStatistics;
import dev.animerec.items.RelatedAnimeItem;
import dev.animerec.items.ReviewItem;
import dev.animerec.items.ScoreCount;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Expected values were read from the recorded pages by eye (sidebar, stats tables, review blocks). */
class MalAnimePagesTest {

    private static final Instant CRAWLED = Instant.parse("2023-01-05T10:00:00Z");

    @Test
    void mainPage2023LayoutGundamMovie() throws Exception {
        String url = "https://myanimelist.net/anime/49827";
        AnimeMainPageParser.MainPage page = new AnimeMainPageParser()
                .parse(Fixtures.read("mal/anime_49827_details.html"), url, CRAWLED);
        AnimeItem anime = page.anime().build();
        assertThat(anime.animeId()).isEqualTo(49827);
        assertThat(anime.title()).isEqualTo("Kidou Senshi Gundam: Cucuruz Doan no Shima");
        assertThat(anime.titleEnglish()).isEqualTo("Mobile Suit Gundam: Cucuruz Doan's Island");
        assertThat(anime.titleJapanese()).isEqualTo("機動戦士ガンダム ククルス・ドアンの島");
        assertThat(anime.type()).isEqualTo("Movie");
        assertThat(anime.episodes()).isEqualTo(1);
        assertThat(anime.status()).isEqualTo("Finished Airing");
        assertThat(anime.airedFrom()).isEqualTo(LocalDate.of(2022, 6, 3));
        assertThat(anime.airedTo()).isNull();
        assertThat(anime.season()).isNull();
        assertThat(anime.studios()).containsExactly("Sunrise");
        assertThat(anime.source()).isEqualTo("Other");
        assertThat(anime.genres()).containsExactly("Action");
        assertThat(anime.themes()).containsExactly("Mecha");
        assertThat(anime.rating()).isEqualTo("PG-13 - Teens 13 or older");
        assertThat(anime.score()).isEqualTo(7.35);
        assertThat(anime.scoredBy()).isEqualTo(2264L);
        assertThat(anime.rank()).isEqualTo(2308);
        assertThat(anime.popularity()).isEqualTo(6936);
        assertThat(anime.members()).isEqualTo(6547L);
        assertThat(anime.favorites()).isEqualTo(23L);
        assertThat(anime.mainPicture()).isEqualTo("https://cdn.myanimelist.net/images/anime/1629/124154.jpg");
        assertThat(anime.synopsis()).startsWith("After a covert mission goes wrong, Mobile Suit pilot Amuro Ray");
        // The adaptation is a manga: only the anime relation is kept.
        assertThat(page.related()).extracting(RelatedAnimeItem::relatedAnimeId, RelatedAnimeItem::relationType,
                RelatedAnimeItem::relatedTitle).containsExactly(
                org.assertj.core.groups.Tuple.tuple(80, "alternative_version", "Kidou Senshi Gundam"));
        assertThat(page.links()).containsExactly(MalUrl.anime(80));
    }

    @Test
    void mainPage2021LayoutCowboyBebop() throws Exception {
        AnimeItem anime = new AnimeMainPageParser().parse(Fixtures.read("mal/anime_1_2021_details.html"),
                "https://myanimelist.net/anime/1", CRAWLED).anime().build();
        assertThat(anime.title()).isEqualTo("Cowboy Bebop");
        assertThat(anime.titleEnglish()).isEqualTo("Cowboy Bebop");
        assertThat(anime.type()).isEqualTo("TV");
        assertThat(anime.episodes()).isEqualTo(26);
        assertThat(anime.airedFrom()).isEqualTo(LocalDate.of(1998, 4, 3));
        assertThat(anime.airedTo()).isEqualTo(LocalDate.of(1999, 4, 24));
        assertThat(anime.season()).isEqualTo("spring");
        assertThat(anime.seasonYear()).isEqualTo(1998);
        assertThat(anime.source()).isEqualTo("Original");
        assertThat(anime.genres()).containsExactly("Action", "Adventure", "Comedy", "Drama", "Sci-Fi", "Space");
        assertThat(anime.themes()).isEmpty();
        assertThat(anime.rating()).isEqualTo("R - 17+ (violence & profanity)");
        assertThat(anime.score()).isEqualTo(8.78);
        assertThat(anime.scoredBy()).isEqualTo(610_881L);
        assertThat(anime.rank()).isEqualTo(28);
        assertThat(anime.popularity()).isEqualTo(39);
        assertThat(anime.members()).isEqualTo(1_251_960L);
        assertThat(anime.favorites()).isEqualTo(61_970L);
    }

    @Test
    void mainPage2017LayoutCowboyBebopWithRelations() throws Exception {
        String url = "http://myanimelist.net/anime/1";
        AnimeMainPageParser.MainPage page = new AnimeMainPageParser().parse(Fixtures.read("mal/anime_1.html"), url,
                Instant.parse("2018-03-01T00:00:00Z"));
        AnimeItem anime = page.anime().build();
        assertThat(anime.title()).isEqualTo("Cowboy Bebop");
        assertThat(anime.score()).isEqualTo(8.83);
        assertThat(anime.scoredBy()).isEqualTo(232_183L);
        assertThat(anime.rank()).isEqualTo(22);
        assertThat(anime.popularity()).isEqualTo(31);
        assertThat(anime.members()).isEqualTo(415_050L);
        assertThat(anime.favorites()).isEqualTo(26_287L);
        assertThat(anime.studios()).containsExactly("Sunrise");
        assertThat(anime.mainPicture()).isEqualTo("http://cdn.myanimelist.net/images/anime/4/19644.jpg");
        assertThat(anime.synopsis()).startsWith("In the year 2071, humanity has colonized");
        assertThat(page.related()).extracting(RelatedAnimeItem::relatedAnimeId, RelatedAnimeItem::relationType,
                RelatedAnimeItem::position).containsExactly(
                org.assertj.core.groups.Tuple.tuple(5, "side_story", 0),
                org.assertj.core.groups.Tuple.tuple(17205, "side_story", 1),
                org.assertj.core.groups.Tuple.tuple(4037, "summary", 2));
    }

    @Test
    void upcomingAnimeWithoutAiringDatesParses() throws Exception {
        AnimeItem anime = new AnimeMainPageParser().parse(Fixtures.read("mal/anime_upcoming_unknown_aired.html"),
                "http://myanimelist.net/anime/36296", CRAWLED).anime().build();
        assertThat(anime.title()).isEqualTo("Hinamatsuri");
        assertThat(anime.airedFrom()).isNull();
        assertThat(anime.rank()).isEqualTo(9326);
    }

    @Test
    void aProfilePageIsNotAnAnimePage() {
        assertThatThrownBy(() -> new AnimeMainPageParser().parse(Fixtures.read("mal/profile_404_not_found.html"),
                "https://myanimelist.net/anime/1", CRAWLED))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("anime_id");
    }

    @Test
    void aPageWithoutTheInformationColumnNamesTheMissingField() {
        String html = Fixtures.read("mal/anime_49827_details.html").replace("dark_text", "renamed_text");
        assertThatThrownBy(() -> new AnimeMainPageParser().parse(html, "https://myanimelist.net/anime/49827", CRAWLED))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).field()).isEqualTo("type"));
    }

    @Test
    void statsPages2023And2021() throws Exception {
        AnimeStatistics gundam = new AnimeStatsPageParser().parse(Fixtures.read("mal/anime_49827_stats.html"),
                "https://myanimelist.net/anime/49827/x/stats");
        assertThat(gundam.watching()).isEqualTo(202L);
        assertThat(gundam.completed()).isEqualTo(2775L);
        assertThat(gundam.onHold()).isEqualTo(68L);
        assertThat(gundam.dropped()).isEqualTo(52L);
        assertThat(gundam.planToWatch()).isEqualTo(3450L);
        assertThat(gundam.total()).isEqualTo(6547L);
        assertThat(gundam.scoreCounts()).containsExactly(new ScoreCount(10, 104), new ScoreCount(9, 261),
                new ScoreCount(8, 752), new ScoreCount(7, 729), new ScoreCount(6, 275), new ScoreCount(5, 93),
                new ScoreCount(4, 23), new ScoreCount(3, 10), new ScoreCount(2, 8), new ScoreCount(1, 9));

        AnimeStatistics bebop = new AnimeStatsPageParser().parse(Fixtures.read("mal/anime_1_2021_stats.html"),
                "https://myanimelist.net/anime/1/x/stats");
        assertThat(bebop.completed()).isEqualTo(718_161L);
        assertThat(bebop.total()).isEqualTo(1_251_960L);
        assertThat(bebop.scoreCounts().get(0)).isEqualTo(new ScoreCount(10, 229_170));
        assertThat(bebop.scoreCounts().get(9)).isEqualTo(new ScoreCount(1, 1_580));
    }

    @Test
    void picturesPage() throws Exception {
        List<String> pictures = new AnimePicturesPageParser().parse(Fixtures.read("mal/anime_49827_pictures.html"),
                "https://myanimelist.net/anime/49827/x/pics");
        assertThat(pictures).hasSize(7);
        assertThat(pictures.get(0)).isEqualTo("https://cdn.myanimelist.net/images/anime/1194/120164l.jpg");
    }

    @Test
    void recommendationsPageWithRecommenders() throws Exception {
        Parsed parsed = new AnimeRecommendationsPageParser().parse(
                Fixtures.read("mal/anime_28891_recomendations.html"),
                "https://myanimelist.net/anime/28891/Haikyuu_Second_Season/userrecs", CRAWLED);
        assertThat(parsed.items()).hasSize(11);
        AnimeRecommendationItem first = (AnimeRecommendationItem) parsed.items().get(0);
        assertThat(first.animeId()).isEqualTo(28891);
        assertThat(first.recommendedAnimeId()).isEqualTo(30230);
        assertThat(first.recommendedTitle()).isEqualTo("Diamond no Ace: Second Season");
        assertThat(first.recommenders()).isEqualTo(3);
        assertThat(first.recommendationUrl()).isEqualTo("https://myanimelist.net/recommendations/anime/28891-30230");
        assertThat(parsed.links()).contains(MalUrl.anime(30230), MalUrl.profile("beomkyu"),
                MalUrl.profile("togosna70"), MalUrl.profile("Arquarion"));
    }

    @Test
    void recommendationsPageWithoutRecommendations() throws Exception {
        Parsed parsed = new AnimeRecommendationsPageParser().parse(
                Fixtures.read("mal/anime_49827_recomendations.html"), "https://myanimelist.net/anime/49827/x/userrecs",
                CRAWLED);
        assertThat(parsed.items()).isEmpty();
    }

    /** The 2022+ layout (Cowboy Bebop, recorded by jikan-me/jikan-fixtures; an excerpt of two reviews). */
    @Test
    void reviewsPage2022Layout() throws Exception {
        Parsed parsed = new AnimeReviewsPageParser().parse(
                Fixtures.read("mal-jikan-fixtures/anime_1_reviews_2022_layout_excerpt.html"),
                "https://myanimelist.net/anime/1/x/reviews?p=1", CRAWLED);
        assertThat(parsed.items()).hasSize(2);
        ReviewItem first = (ReviewItem) parsed.items().get(0);
        assertThat(first.animeId()).isEqualTo(1);
        assertThat(first.reviewer()).isEqualTo("TheLlama");
        assertThat(first.reviewId()).isEqualTo(7406L);
        assertThat(first.reviewDate()).isEqualTo(LocalDate.of(2008, 8, 24));
        assertThat(first.helpfulCount()).isEqualTo(2079);
        assertThat(first.scoreOverall()).isEqualTo(10);
        assertThat(first.scoreStory()).isNull();
        assertThat(first.scoreEnjoyment()).isNull();
        assertThat(first.episodesSeen()).isNull();
        ReviewItem second = (ReviewItem) parsed.items().get(1);
        assertThat(second.reviewer()).isEqualTo("Polyphemus");
        assertThat(second.reviewId()).isEqualTo(104803L);
        assertThat(second.reviewDate()).isEqualTo(LocalDate.of(2013, 7, 10));
        assertThat(second.helpfulCount()).isEqualTo(1529);
        assertThat(second.scoreOverall()).isEqualTo(7);
        assertThat(parsed.links()).containsExactlyInAnyOrder(MalUrl.profile("TheLlama"), MalUrl.profile("Polyphemus"));
    }

    /** A whole recorded page in the 2022+ review layout: the 2023 main page shows the top three reviews so. */
    @Test
    void reviews2022LayoutOnTheRecorded2023MainPage() throws Exception {
        Parsed parsed = new AnimeReviewsPageParser().parse(Fixtures.read("mal/anime_49827_details.html"),
                "https://myanimelist.net/anime/49827/x/reviews?p=1", CRAWLED);
        List<ReviewItem> reviews = parsed.items().stream().map(ReviewItem.class::cast).toList();
        assertThat(reviews).extracting(ReviewItem::animeId).containsOnly(49827);
        assertThat(reviews).extracting(ReviewItem::reviewer).containsExactly("punishedsneed", "KurisuSparda", "AZakuII");
        assertThat(reviews).extracting(ReviewItem::reviewId).containsExactly(447076L, 447292L, 447572L);
        assertThat(reviews).extracting(ReviewItem::reviewDate).containsExactly(LocalDate.of(2022, 6, 8),
                LocalDate.of(2022, 6, 10), LocalDate.of(2022, 6, 12));
        assertThat(reviews).extracting(ReviewItem::helpfulCount).containsExactly(16, 15, 8);
        assertThat(reviews).extracting(ReviewItem::scoreOverall).containsExactly(6, 8, 8);
    }

    @Test
    void aReview2022WithoutItsRatingNamesTheField() {
        String html = Fixtures.read("mal-jikan-fixtures/anime_1_reviews_2022_layout_excerpt.html")
                .replace("Reviewer’s Rating: <span class=\"num\">7</span>", "Reviewer’s Rating:");
        assertThatThrownBy(() -> new AnimeReviewsPageParser().parse(html, "https://myanimelist.net/anime/1/x/reviews",
                CRAWLED))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).field()).isEqualTo("score_overall"));
    }

    @Test
    void reviewsPage2021Layout() throws Exception {
        Parsed parsed = new AnimeReviewsPageParser().parse(Fixtures.read("mal/anime_5_2021_reviews_1.html"),
                "https://myanimelist.net/anime/5/x/reviews?p=1", CRAWLED);
        assertThat(parsed.items()).hasSize(20);
        ReviewItem first = (ReviewItem) parsed.items().get(0);
        assertThat(first.animeId()).isEqualTo(5);
        assertThat(first.reviewer()).isEqualTo("TheLlama");
        assertThat(first.reviewId()).isEqualTo(9379L);
        assertThat(first.reviewDate()).isEqualTo(LocalDate.of(2008, 11, 10));
        assertThat(first.helpfulCount()).isEqualTo(211);
        assertThat(first.episodesSeen()).isEqualTo(1);
        assertThat(List.of(first.scoreOverall(), first.scoreStory(), first.scoreAnimation(), first.scoreSound(),
                first.scoreCharacter(), first.scoreEnjoyment())).containsExactly(8, 8, 10, 9, 8, 9);
        assertThat(parsed.links()).contains(MalUrl.profile("TheLlama"));
    }
}
