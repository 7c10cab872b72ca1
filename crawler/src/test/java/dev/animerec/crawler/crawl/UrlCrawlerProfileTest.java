package dev.animerec.crawler.crawl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.animerec.crawler.politeness.InProcessRequestBudgets;
import dev.animerec.crawler.Fixtures;
import dev.animerec.crawler.TestSettings;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.FavoriteItem;
import dev.animerec.items.FriendItem;
import dev.animerec.items.ProfileItem;
import dev.animerec.schedule.MalUrl;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A MAL profile crawled through the configured sources against a local server replaying recorded pages:
 * the profile page (2023), every friends page by following "Next" (page 1 in the 2023 layout, page 2 in the
 * 2018 one: the two recordings we have), and the list through load.json. The recordings belong to different
 * users; the server answers them for one user, and the items name the requested user, as the parsers read
 * the username from the url.
 */
class UrlCrawlerProfileTest {

    private final MockWebServer server = new MockWebServer();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private Map<String, String> pages;

    @BeforeEach
    void start() throws Exception {
        pages = Map.of(
                "/profile/sandshark", "mal-jikan-fixtures/profile_sandshark_2023_excerpt.html",
                "/profile/sandshark/friends", "mal-jikan-fixtures/friends_morshuwarrior_2023_excerpt.html",
                "/profile/sandshark/friends?p=2", "mal-jikan-fixtures/friends_morshuwarrior_2018_excerpt.html",
                "/animelist/sandshark/load.json?status=7&offset=0", "mal/animelist_load_json_Littoface_offset0.json");
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                paths.add(request.getPath());
                String fixture = pages.get(request.getPath());
                return fixture == null ? new MockResponse().setResponseCode(404)
                        : new MockResponse().setBody(Fixtures.read(fixture));
            }
        });
        server.start();
    }

    @AfterEach
    void stop() throws Exception {
        server.shutdown();
    }

    private String base() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    @Test
    void malProfileWithEveryFriendsPageAndTheList() throws Exception {
        Parsed parsed = new UrlCrawler(TestSettings.forMirror(base()), new InProcessRequestBudgets()).crawl("https://myanimelist.net/profile/sandshark");

        assertThat(paths).containsSubsequence("/profile/sandshark", "/profile/sandshark/friends",
                "/profile/sandshark/friends?p=2", "/animelist/sandshark/load.json?status=7&offset=0");
        assertThat(parsed.items()).filteredOn(ProfileItem.class::isInstance).hasSize(1);
        assertThat(parsed.items()).filteredOn(FavoriteItem.class::isInstance).hasSize(6);
        List<FriendItem> friends = parsed.items().stream().filter(FriendItem.class::isInstance)
                .map(FriendItem.class::cast).toList();
        // 10 friends on each page, every one from a friends page (none without a date from the profile page).
        assertThat(friends).hasSize(20).extracting(FriendItem::username).containsOnly("sandshark");
        assertThat(friends).extracting(FriendItem::url).allMatch(url -> url.contains("/profile/sandshark/friends"));
        assertThat(friends).extracting(FriendItem::friendUsername).contains("database_animal", "Berry-Vodka",
                "NikoMaki", "wen294");
        assertThat(parsed.items()).filteredOn(AnimeListEntryItem.class::isInstance).hasSize(158);
        assertThat(parsed.links()).contains(MalUrl.profile("HeavyGod"), MalUrl.profile("NikoMaki"),
                MalUrl.anime(54431), MalUrl.anime(43));
    }

    @Test
    void friendsFromJikanWhenConfigured() throws Exception {
        pages = Map.of(
                "/profile/sandshark", "mal-jikan-fixtures/profile_sandshark_2023_excerpt.html",
                "/users/sandshark/friends?page=1", "jikan/user-friends-success.json",
                "/animelist/sandshark/load.json?status=7&offset=0", "mal/animelist_load_json_Littoface_offset0.json");
        Map<String, String> properties = new java.util.HashMap<>(TestSettings.properties(base()));
        properties.put("CRAWLER_FRIENDS_SOURCE", "jikan");
        Parsed parsed = new UrlCrawler(CrawlerSettings.from(properties::get), new InProcessRequestBudgets())
                .crawl("https://myanimelist.net/profile/sandshark");

        assertThat(paths).doesNotContain("/profile/sandshark/friends").contains("/users/sandshark/friends?page=1");
        // The recorded Jikan answer lists 38 friends, 36 with a friendship date (Captione and Claeux without).
        List<FriendItem> friends = parsed.items().stream().filter(FriendItem.class::isInstance)
                .map(FriendItem.class::cast).toList();
        assertThat(friends).hasSize(38);
        assertThat(friends).filteredOn(f -> f.friendsSince() == null).extracting(FriendItem::friendUsername)
                .containsExactlyInAnyOrder("Captione", "Claeux");
    }

    @Test
    void aFriendsPageLinkingBackIsAnErrorNotALoop() {
        pages = Map.of(
                "/profile/sandshark", "mal-jikan-fixtures/profile_sandshark_2023_excerpt.html",
                "/profile/sandshark/friends", "mal-jikan-fixtures/friends_morshuwarrior_2023_excerpt.html",
                "/profile/sandshark/friends?p=2", "mal-jikan-fixtures/friends_morshuwarrior_2023_excerpt.html");
        assertThatThrownBy(() -> new UrlCrawler(TestSettings.forMirror(base()), new InProcessRequestBudgets())
                .crawl("https://myanimelist.net/profile/sandshark"))
                .isInstanceOf(ParseException.class)
                .satisfies(e -> assertThat(((ParseException) e).field()).isEqualTo("next_page"));
    }
}
