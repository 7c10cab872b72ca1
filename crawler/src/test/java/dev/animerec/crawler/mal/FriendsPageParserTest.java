package dev.animerec.crawler.mal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.FriendItem;
import dev.animerec.schedule.MalUrl;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * morshuwarrior's friends page in the 2023 and the 2018 layout (excerpts of jikan's recordings, see the
 * fixtures README); expected values read from the pages.
 */
class FriendsPageParserTest {

    private static final String URL = "https://myanimelist.net/profile/morshuwarrior/friends";

    @Test
    void friendsPage2023LayoutWithDatesLastOnlineAndNextPage() throws Exception {
        // The page prints last-online times relative to the crawl ("1 minute ago").
        Instant crawled = Instant.parse("2023-06-01T12:00:00Z");
        FriendsPageParser.FriendsPage page = new FriendsPageParser().parse(
                Fixtures.read("mal-jikan-fixtures/friends_morshuwarrior_2023_excerpt.html"), URL, crawled);
        List<FriendItem> friends = friends(page);
        assertThat(friends).extracting(FriendItem::friendUsername).containsExactly("database_animal",
                "king_t_challa", "HeavyGod", "Aox", "mimimilk", "KidRyan", "Dinoe", "YamiWaver", "Echelon",
                "Berry-Vodka");
        assertThat(friends).extracting(FriendItem::username).containsOnly("morshuwarrior");
        assertThat(friends.get(0).friendsSince()).isEqualTo(Instant.parse("2022-11-10T14:25:00Z"));
        assertThat(friends.get(0).friendLastOnline()).isEqualTo(crawled.minus(Duration.ofMinutes(1)));
        assertThat(friends.get(3).friendsSince()).isEqualTo(Instant.parse("2016-07-06T07:42:00Z"));
        assertThat(friends.get(3).friendLastOnline()).isEqualTo(crawled.minus(Duration.ofMinutes(39)));
        // KidRyan's block has no "Friends since" line.
        assertThat(friends.get(5).friendsSince()).isNull();
        assertThat(friends.get(5).friendLastOnline()).isEqualTo(crawled.minus(Duration.ofHours(2)));
        assertThat(friends.get(8).friendsSince()).isEqualTo(Instant.parse("2012-05-11T02:41:00Z"));
        assertThat(friends.get(9).friendsSince()).isEqualTo(Instant.parse("2019-10-29T10:49:00Z"));
        assertThat(page.nextPage()).isEqualTo(2);
        assertThat(page.parsed().links()).hasSize(10).contains(MalUrl.profile("Aox"), MalUrl.profile("Berry-Vodka"));
    }

    @Test
    void friendsPage2018LayoutWithDatesWithoutYear() throws Exception {
        // The cassette's response Date header: Mon, 02 Jul 2018 15:54:18 GMT.
        Instant crawled = Instant.parse("2018-07-02T15:54:18Z");
        FriendsPageParser.FriendsPage page = new FriendsPageParser().parse(
                Fixtures.read("mal-jikan-fixtures/friends_morshuwarrior_2018_excerpt.html"), URL, crawled);
        List<FriendItem> friends = friends(page);
        assertThat(friends).extracting(FriendItem::friendUsername).containsExactly("NikoMaki", "Smashingrascal",
                "Sirbertus", "Vallanzasca", "PirateBunnii_exe", "godblaster", "Lucek", "Faerynn", "Dragonflyk",
                "wen294");
        // NikoMaki became Aox: the same friendship date in both recordings.
        assertThat(friends.get(0).friendsSince()).isEqualTo(Instant.parse("2016-07-06T07:42:00Z"));
        assertThat(friends.get(0).friendLastOnline()).isEqualTo(crawled.minus(Duration.ofHours(1)));
        // "Jan 4, 5:26 PM" and "Mar 16, 5:07 PM": this year's dates print without the year.
        assertThat(friends.get(5).friendsSince()).isEqualTo(Instant.parse("2018-01-04T17:26:00Z"));
        assertThat(friends.get(7).friendsSince()).isEqualTo(Instant.parse("2018-03-16T17:07:00Z"));
        assertThat(friends.get(8).friendsSince()).isNull();
        assertThat(friends.get(8).friendLastOnline()).isEqualTo(crawled.minus(Duration.ofHours(2)));
        assertThat(friends.get(9).friendsSince()).isEqualTo(Instant.parse("2014-03-22T16:24:00Z"));
        assertThat(page.nextPage()).isNull();
    }

    @Test
    void aPageWithoutFriendsNamesTheMissingField() {
        assertThatThrownBy(() -> new FriendsPageParser().parse(
                Fixtures.read("mal-jikan-fixtures/profile_sandshark_2023_excerpt.html"), URL, Instant.now()))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).field()).isEqualTo("friends"));
    }

    @Test
    void anUnreadableFriendshipDateNamesTheField() {
        String html = Fixtures.read("mal-jikan-fixtures/friends_morshuwarrior_2023_excerpt.html")
                .replace("Friends since Jul 31, 2020 7:22 AM", "Friends since the summer");
        assertThatThrownBy(() -> new FriendsPageParser().parse(html, URL, Instant.now()))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).field()).isEqualTo("friends_since"))
                .hasMessageContaining("king_t_challa");
    }

    @Test
    void aUrlThatIsNotAFriendsPageIsRefused() {
        assertThatThrownBy(() -> new FriendsPageParser().parse(
                Fixtures.read("mal-jikan-fixtures/friends_morshuwarrior_2023_excerpt.html"),
                "https://myanimelist.net/profile/morshuwarrior", Instant.now()))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).field()).isEqualTo("username"));
    }

    private static List<FriendItem> friends(FriendsPageParser.FriendsPage page) {
        return page.parsed().items().stream().map(FriendItem.class::cast).toList();
    }
}
