package dev.animerec.crawler.crawl;

import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.http.HostClient;
import dev.animerec.crawler.politeness.RequestBudgets;
import dev.animerec.crawler.jikan.JikanAnimeParser;
import dev.animerec.crawler.jikan.JikanFriendsParser;
import dev.animerec.crawler.jikan.JikanPicturesParser;
import dev.animerec.crawler.jikan.JikanRecommendationsParser;
import dev.animerec.crawler.jikan.JikanRelationsParser;
import dev.animerec.crawler.jikan.JikanReviewsParser;
import dev.animerec.crawler.jikan.JikanStatisticsParser;
import dev.animerec.crawler.jikan.JikanTopAnimeParser;
import dev.animerec.crawler.jikan.JikanUserParser;
import dev.animerec.crawler.jikan.JikanUserUpdatesParser;
import dev.animerec.crawler.mal.AnimeMainPageParser;
import dev.animerec.crawler.mal.AnimePicturesPageParser;
import dev.animerec.crawler.mal.AnimeRecommendationsPageParser;
import dev.animerec.crawler.mal.AnimeReviewsPageParser;
import dev.animerec.crawler.mal.AnimeStatsPageParser;
import dev.animerec.crawler.mal.FriendsPageParser;
import dev.animerec.crawler.mal.ProfilePageParser;
import dev.animerec.crawler.mal.UsersPageParser;
import dev.animerec.crawler.malapi.MalApiAnimeParser;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.crawler.userlist.LoadJsonUserListClient;
import dev.animerec.crawler.userlist.MalApiUserListClient;
import dev.animerec.crawler.userlist.UserListClient;
import dev.animerec.items.AnimeItem;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.items.Item;
import dev.animerec.schedule.MalUrl;
import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Crawls one anime or profile url from the configured source into its items and the links seen. The url
 * may be canonical ({@code https://myanimelist.net/...}) or on the configured MAL base (a mirror or a test
 * server); it is fetched from the configured bases.
 *
 * <p>Partial crawls: the pages that make up an item (an anime's main, stats and pictures pages; a profile
 * page, its friends and its list) are required, since an item built without one of them would overwrite
 * good values with none. The sub-pages whose items stand alone (recommendations, reviews, relations) are
 * optional: one the source does not have (404 / 410) leaves the url's other items intact and is reported in
 * {@link Parsed#missing()}; see {@link #optional}.
 */
public final class UrlCrawler {

    private final CrawlerSettings settings;
    private final HostClient mal;
    private final HostClient malApi;
    private final HostClient jikan;
    private final UserListClient lists;

    /** Every host's budget in {@code budgets}: the shared store for workers, this process only for {@code crawl}. */
    public UrlCrawler(CrawlerSettings settings, RequestBudgets budgets) {
        this(settings, settings.malClient(budgets), settings.malApiClient(budgets), settings.jikanClient(budgets));
    }

    public UrlCrawler(CrawlerSettings settings, HostClient mal, HostClient malApi, HostClient jikan) {
        this.settings = settings;
        this.mal = mal;
        this.malApi = malApi;
        this.jikan = jikan;
        this.lists = settings.listSource() == CrawlerSettings.ListSource.MALAPI
                ? new MalApiUserListClient(malApi) : new LoadJsonUserListClient(mal);
    }

    public List<HostClient> clients() {
        return List.of(mal, malApi, jikan);
    }

    /** The entity a url names, if it is on MAL or on the configured MAL base. */
    public MalUrl entity(String url) {
        URI uri = URI.create(url.trim());
        String origin = uri.getScheme() + "://" + uri.getAuthority();
        if (!"myanimelist.net".equals(uri.getHost()) && !origin.equals(settings.malBaseUrl())) {
            throw new IllegalArgumentException("url " + url + " is neither on myanimelist.net nor on the "
                    + "configured MAL base " + settings.malBaseUrl() + " (set MAL_BASE_URL)");
        }
        return MalUrl.parse(url);
    }

    public Parsed crawl(String url) throws FetchException, ParseException, InterruptedException {
        MalUrl entity = entity(url);
        // Whole seconds: the crawl instant is part of every uid and of the wire format.
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return switch (entity.kind()) {
            case ANIME -> switch (settings.animeSource()) {
                case MAL -> malAnime(entity.animeId(), now);
                case JIKAN -> jikanAnime(entity.animeId(), now);
                case MALAPI -> {
                    String apiUrl = settings.malApiBaseUrl() + "/anime/" + entity.animeId() + "?fields="
                            + MalApiAnimeParser.FIELDS;
                    yield new MalApiAnimeParser().parse(malApi.get(apiUrl), apiUrl, now);
                }
            };
            case PROFILE -> (settings.profileSource() == CrawlerSettings.ProfileSource.JIKAN
                    ? jikanProfile(entity.username(), now) : malProfile(entity.username(), now))
                    .plus(settings.friendsSource() == CrawlerSettings.FriendsSource.JIKAN
                            ? jikanFriends(entity.username(), now) : malFriends(entity.username(), now))
                    .plus(list(entity.username(), now));
        };
    }

    private Parsed malAnime(int id, Instant now) throws FetchException, ParseException, InterruptedException {
        String base = settings.malBaseUrl() + "/anime/" + id;
        AnimeMainPageParser.MainPage main = new AnimeMainPageParser().parse(mal.get(base), base, now);
        String stats = base + "/_/stats";
        String pics = base + "/_/pics";
        String recs = base + "/_/userrecs";
        String reviews = base + "/_/reviews?p=1";
        AnimeItem anime = main.anime()
                .statistics(new AnimeStatsPageParser().parse(mal.get(stats), stats))
                .pictures(new AnimePicturesPageParser().parse(mal.get(pics), pics))
                .build();
        List<Item> items = new ArrayList<>();
        items.add(anime);
        items.addAll(main.related());
        return Parsed.of(items, main.links())
                .plus(optional(mal, recs, body -> new AnimeRecommendationsPageParser().parse(body, recs, now)))
                .plus(optional(mal, reviews, body -> new AnimeReviewsPageParser().parse(body, reviews, now)));
    }

    private Parsed jikanAnime(int id, Instant now) throws FetchException, ParseException, InterruptedException {
        String base = settings.jikanBaseUrl() + "/anime/" + id;
        AnimeItem anime = new JikanAnimeParser().parse(jikan.get(base), base, now)
                .statistics(new JikanStatisticsParser().parse(jikan.get(base + "/statistics")))
                .pictures(new JikanPicturesParser().parse(jikan.get(base + "/pictures")))
                .build();
        String relations = base + "/relations";
        String recommendations = base + "/recommendations";
        String reviews = base + "/reviews";
        return Parsed.of(List.of(anime), Set.of())
                .plus(optional(jikan, relations, body -> new JikanRelationsParser().parse(body, relations, id, now)))
                .plus(optional(jikan, recommendations,
                        body -> new JikanRecommendationsParser().parse(body, recommendations, id, now)))
                .plus(optional(jikan, reviews, body -> new JikanReviewsParser().parse(body, reviews, id, now)));
    }

    private interface SubPage {
        Parsed parse(String body) throws ParseException;
    }

    /**
     * An optional sub-page: one whose items stand on their own (recommendations, reviews, relations), so a
     * crawl without them loses nothing else. When the source answers that it does not have the page (404,
     * 410), the url's other items are still emitted and the page is reported as missing. Any other failure
     * (a timeout, 429 or 5xx after the last retry, a page no parser can read) fails the url whole: a retry
     * is likely to get everything, and a layout change must stop the crawl loudly, not thin every url out.
     */
    private static Parsed optional(HostClient client, String url, SubPage page)
            throws FetchException, ParseException, InterruptedException {
        String body;
        try {
            body = client.get(url);
        } catch (FetchException e) {
            if (e.status() == 404 || e.status() == 410) {
                return Parsed.missing(url, e.getMessage());
            }
            throw e;
        }
        return page.parse(body);
    }

    private Parsed malProfile(String user, Instant now) throws FetchException, ParseException, InterruptedException {
        String url = settings.malBaseUrl() + "/profile/" + user;
        return new ProfilePageParser().parse(mal.get(url), url, now);
    }

    /** Every friends page of the user, following MAL's "Next" links. */
    private Parsed malFriends(String user, Instant now) throws FetchException, ParseException, InterruptedException {
        Parsed parsed = Parsed.empty();
        Set<Integer> seen = new LinkedHashSet<>();
        for (Integer page = 1; page != null; ) {
            if (!seen.add(page)) {
                throw new ParseException(FriendsPageParser.KIND, "next_page", "page " + page + " of " + user
                        + "'s friends links back to a page already read: " + seen);
            }
            String url = settings.malBaseUrl() + "/profile/" + user + "/friends" + (page == 1 ? "" : "?p=" + page);
            FriendsPageParser.FriendsPage friends = new FriendsPageParser().parse(mal.get(url), url, now);
            parsed = parsed.plus(friends.parsed());
            page = friends.nextPage();
        }
        return parsed;
    }

    private Parsed jikanProfile(String user, Instant now) throws FetchException, ParseException, InterruptedException {
        String base = settings.jikanBaseUrl() + "/users/" + user;
        return new JikanUserParser().parse(jikan.get(base + "/full"), base + "/full", now)
                .plus(new JikanUserUpdatesParser().parse(jikan.get(base + "/userupdates"), base + "/userupdates",
                        user, now));
    }

    private Parsed jikanFriends(String user, Instant now) throws FetchException, ParseException, InterruptedException {
        String base = settings.jikanBaseUrl() + "/users/" + user;
        Parsed parsed = Parsed.empty();
        for (int page = 1; ; page++) {
            String url = base + "/friends?page=" + page;
            JikanFriendsParser.FriendsPage friends = new JikanFriendsParser().parse(jikan.get(url), url, user, now);
            parsed = parsed.plus(friends.parsed());
            if (!friends.hasNextPage()) {
                return parsed;
            }
        }
    }

    private Parsed list(String user, Instant now) throws FetchException, ParseException, InterruptedException {
        List<AnimeListEntryItem> entries = lists.fetch(user, now);
        Set<MalUrl> links = new LinkedHashSet<>();
        entries.forEach(e -> links.add(MalUrl.anime(e.animeId())));
        return Parsed.of(entries, links);
    }

    /** Anime urls of the top-anime list (Jikan {@code /top/anime}), {@code pages} pages of 25. */
    public Set<MalUrl> topAnime(int pages) throws FetchException, ParseException, InterruptedException {
        Set<MalUrl> anime = new LinkedHashSet<>();
        for (int page = 1; page <= pages; page++) {
            JikanTopAnimeParser.TopPage top = new JikanTopAnimeParser()
                    .parse(jikan.get(settings.jikanBaseUrl() + "/top/anime?page=" + page));
            anime.addAll(top.anime());
            if (!top.hasNextPage()) {
                break;
            }
        }
        return anime;
    }

    /** Recently active profiles from MAL's {@code /users.php}. */
    public Set<MalUrl> recentProfiles() throws FetchException, ParseException, InterruptedException {
        String url = settings.malBaseUrl() + "/users.php";
        return new UsersPageParser().parse(mal.get(url), url);
    }
}
