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

        var friends = parsed.items().stream().filter(FriendItem.class::isInstance).map(FriendItem.class::cast)
                .map(FriendItem::friendUsername).toList();
        assertThat(friends).containsExactly("Lyfa", "FujoshiSnoop009", "OhTaKuSo", "lunafly", "Flip_Rock", "Epiph",
                "deathcandy", "GCNessIsAWeeb", "Darth_Chaos007", "Pennoz13");
        assertThat(parsed.links()).contains(MalUrl.anime(12979), MalUrl.anime(10161), MalUrl.profile("Lyfa"));
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
