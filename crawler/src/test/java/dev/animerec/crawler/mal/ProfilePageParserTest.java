package dev.animerec.crawler.mal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.ActivityItem;
import dev.animerec.items.FavoriteItem;
import dev.animerec.items.FriendItem;
import dev.animerec.items.ListStatus;
import dev.animerec.items.ProfileItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The 2017 profile page of Elizi; expected values read from the page. */
class ProfilePageParserTest {

    // The page says "Last Online May 4, 8:09 AM": it was fetched shortly after, in 2017.
    private static final Instant CRAWLED = Instant.parse("2017-05-05T00:00:00Z");

    @Test
    void profileActivityFavoritesAndFriends() throws Exception {
        Parsed parsed = new ProfilePageParser().parse(Fixtures.read("mal/profile_Elizi.html"),
                "https://myanimelist.net/profile/Elizi", CRAWLED);
        ProfileItem profile = (ProfileItem) parsed.items().get(0);
        assertThat(profile.username()).isEqualTo("Elizi");
        assertThat(profile.lastOnline()).isEqualTo(Instant.parse("2017-05-04T08:09:00Z"));
        assertThat(profile.gender()).isEqualTo("Female");
        assertThat(profile.joined()).isEqualTo(LocalDate.of(2014, 10, 4));
        assertThat(profile.forumPosts()).isZero();
        assertThat(profile.reviews()).isZero();
        assertThat(profile.recommendations()).isZero();
        assertThat(profile.blogPosts()).isZero();
        assertThat(profile.daysWatched()).isEqualTo(35.0);
        assertThat(profile.meanScore()).isEqualTo(8.58);
        assertThat(profile.watching()).isEqualTo(6);
        assertThat(profile.completed()).isEqualTo(63);
        assertThat(profile.onHold()).isZero();
        assertThat(profile.dropped()).isZero();
        assertThat(profile.planToWatch()).isEqualTo(99);
        assertThat(profile.totalEntries()).isEqualTo(168);
        assertThat(profile.rewatched()).isZero();
        assertThat(profile.episodesWatched()).isEqualTo(2452L);

        var activity = parsed.items().stream().filter(ActivityItem.class::isInstance).map(ActivityItem.class::cast)
                .toList();
        assertThat(activity).hasSize(3);
        assertThat(activity.get(0).animeId()).isEqualTo(12979);
        assertThat(activity.get(0).status()).isEqualTo(ListStatus.WATCHING);
        assertThat(activity.get(0).episodesSeen()).isEqualTo(7);
        assertThat(activity.get(0).episodesTotal()).isEqualTo(51);
        assertThat(activity.get(0).score()).isNull();
        assertThat(activity.get(0).updatedAt()).isEqualTo(Instant.parse("2017-05-02T08:56:00Z"));
        assertThat(activity.get(1).animeId()).isEqualTo(33240);
        assertThat(activity.get(1).episodesTotal()).isNull();
        assertThat(activity.get(2).score()).isEqualTo(10);
        assertThat(activity.get(2).episodesSeen()).isEqualTo(5);

        var favorites = parsed.items().stream().filter(FavoriteItem.class::isInstance)
                .map(FavoriteItem.class::cast).toList();
        assertThat(favorites).extracting(FavoriteItem::title).containsExactly("No.6", "Toradora!",
                "Shingeki no Kyojin", "Fullmetal Alchemist: Brotherhood", "Fullmetal Alchemist",
                "Ouran Koukou Host Club");
        assertThat(favorites.get(0).animeId()).isEqualTo(10161);
        assertThat(favorites.get(1).animeId()).isEqualTo(4224);

        // The friends shown have no friendship date: links to inspect, not friend items (the friends page has them).
        assertThat(parsed.items()).noneMatch(FriendItem.class::isInstance);
        assertThat(parsed.links()).contains(MalUrl.profile("Lyfa"), MalUrl.profile("FujoshiSnoop009"),
                MalUrl.profile("OhTaKuSo"), MalUrl.profile("lunafly"), MalUrl.profile("Flip_Rock"),
                MalUrl.profile("Epiph"), MalUrl.profile("deathcandy"), MalUrl.profile("GCNessIsAWeeb"),
                MalUrl.profile("Darth_Chaos007"), MalUrl.profile("Pennoz13"));
        assertThat(parsed.links()).contains(MalUrl.anime(12979), MalUrl.anime(10161));
    }

    /**
     * The 2023 layout (sandshark, recorded by jikan-me/jikan-fixtures; an excerpt, see the fixtures README).
     * The page prints "Today, 9:11 AM" and "10 hours ago": resolved against the instant we say it was crawled.
     */
    @Test
    void profile2023Layout() throws Exception {
        Instant crawled = Instant.parse("2023-06-01T12:00:00Z");
        Parsed parsed = new ProfilePageParser().parse(
                Fixtures.read("mal-jikan-fixtures/profile_sandshark_2023_excerpt.html"),
                "https://myanimelist.net/profile/sandshark", crawled);
        ProfileItem profile = (ProfileItem) parsed.items().get(0);
        assertThat(profile.username()).isEqualTo("sandshark");
        assertThat(profile.lastOnline()).isEqualTo(Instant.parse("2023-06-01T02:00:00Z"));
        assertThat(profile.gender()).isEqualTo("Male");
        assertThat(profile.location()).isEqualTo("The wired");
        assertThat(profile.joined()).isEqualTo(LocalDate.of(2014, 2, 26));
        assertThat(profile.forumPosts()).isEqualTo(310);
        assertThat(profile.reviews()).isZero();
        assertThat(profile.recommendations()).isZero();
        assertThat(profile.blogPosts()).isZero();
        assertThat(profile.daysWatched()).isEqualTo(201.9);
        assertThat(profile.meanScore()).isEqualTo(6.85);
        assertThat(profile.watching()).isEqualTo(3);
        assertThat(profile.completed()).isEqualTo(706);
        assertThat(profile.onHold()).isEqualTo(25);
        assertThat(profile.dropped()).isEqualTo(65);
        assertThat(profile.planToWatch()).isEqualTo(126);
        assertThat(profile.totalEntries()).isEqualTo(925);
        assertThat(profile.rewatched()).isEqualTo(10);
        assertThat(profile.episodesWatched()).isEqualTo(12_181L);

        var activity = parsed.items().stream().filter(ActivityItem.class::isInstance).map(ActivityItem.class::cast)
                .toList();
        assertThat(activity).extracting(ActivityItem::animeId).containsExactly(54431, 49297, 37744);
        assertThat(activity).extracting(ActivityItem::status).containsOnly(ListStatus.COMPLETED);
        assertThat(activity).extracting(ActivityItem::score).containsExactly(2, 5, 5);
        assertThat(activity).extracting(ActivityItem::episodesSeen).containsExactly(12, 1, 12);
        assertThat(activity).extracting(ActivityItem::episodesTotal).containsExactly(12, 1, 12);
        assertThat(activity.get(0).updatedAt()).isEqualTo(Instant.parse("2023-06-01T09:11:00Z"));
        assertThat(activity.get(1).updatedAt()).isEqualTo(Instant.parse("2023-05-31T13:26:00Z"));

        // The manga favorites (Jahy-sama, manga 109234) share the slider markup and must not count.
        var favorites = parsed.items().stream().filter(FavoriteItem.class::isInstance)
                .map(FavoriteItem.class::cast).toList();
        assertThat(favorites).extracting(FavoriteItem::animeId).containsExactly(43, 889, 17549, 11061, 918, 1210);
        assertThat(favorites).extracting(FavoriteItem::title).containsExactly("Koukaku Kidoutai", "Black Lagoon",
                "Non Non Biyori", "Hunter x Hunter (2011)", "Gintama", "NHK ni Youkoso!");
        assertThat(parsed.items()).noneMatch(FriendItem.class::isInstance);
        assertThat(parsed.links()).contains(MalUrl.profile("HeavyGod"), MalUrl.profile("Floshke"),
                MalUrl.anime(54431), MalUrl.anime(1210)).doesNotContain(MalUrl.anime(109234));
    }

    @Test
    void notFoundPageIsATypedError() {
        assertThatThrownBy(() -> new ProfilePageParser().parse(Fixtures.read("mal/profile_404_not_found.html"),
                "https://myanimelist.net/profile/nobody_here", CRAWLED))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).field()).isEqualTo("user_status"));
    }

    @Test
    void usersPageSeedsRecentlyActiveProfiles() throws Exception {
        Set<MalUrl> profiles = new UsersPageParser().parse(Fixtures.read("mal/users_php_discovery.html"),
                "https://myanimelist.net/users.php");
        assertThat(profiles).hasSize(20).contains(MalUrl.profile("0ldboy"), MalUrl.profile("Derin"));
    }
}
