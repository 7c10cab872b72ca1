package dev.animerec.crawler.crawl;

import dev.animerec.crawler.http.HostClient;
import dev.animerec.crawler.http.RetryPolicy;
import dev.animerec.crawler.politeness.HostBudget;
import dev.animerec.crawler.politeness.InProcessRequestBudgets;
import dev.animerec.crawler.politeness.RequestBudgets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Where and how to crawl. Every value is read by its environment-variable name through one lookup (the
 * environment and JVM system properties for the one-shot command, the Spring environment, which includes
 * both, for the worker and the service), so mirrors and tests can point the crawler elsewhere:
 * {@code MAL_BASE_URL}, {@code MAL_API_BASE_URL}, {@code JIKAN_BASE_URL}; the MAL API client id comes from
 * {@code MAL_CLIENT_ID} only. The per-host budgets are for the whole fleet; where they are kept is the
 * {@link RequestBudgets} the clients are built with.
 */
public record CrawlerSettings(String malBaseUrl, String malApiBaseUrl, String jikanBaseUrl, String malClientId,
                              String userAgent, AnimeSource animeSource, ProfileSource profileSource,
                              ListSource listSource, FriendsSource friendsSource, double malPerSecond, double malApiPerSecond,
                              int jikanPerSecond, int jikanPerMinute, Duration budgetMargin, Duration robotsTtl,
                              RetryPolicy retry, Duration timeout) {

    public enum AnimeSource { MAL, JIKAN, MALAPI }

    public enum ProfileSource { MAL, JIKAN }

    public enum ListSource { LOADJSON, MALAPI }

    /** Where a profile's friends (with friendship dates) come from: MAL's friends pages or Jikan. */
    public enum FriendsSource { MAL, JIKAN }

    /** Reads settings by environment-variable name ({@code MAL_BASE_URL}, {@code CRAWLER_ANIME_SOURCE}...). */
    public static CrawlerSettings from(UnaryOperator<String> lookup) {
        return new CrawlerSettings(
                trimSlash(get(lookup, "MAL_BASE_URL", "https://myanimelist.net")),
                trimSlash(get(lookup, "MAL_API_BASE_URL", "https://api.myanimelist.net/v2")),
                trimSlash(get(lookup, "JIKAN_BASE_URL", "https://api.jikan.moe/v4")),
                get(lookup, "MAL_CLIENT_ID", ""),
                get(lookup, "CRAWLER_USER_AGENT",
                        "anime-rec-crawler/0.1 (+https://github.com/anime-rec/anime-rec; polite research crawler)"),
                AnimeSource.valueOf(get(lookup, "CRAWLER_ANIME_SOURCE", "mal").toUpperCase(Locale.ROOT)),
                ProfileSource.valueOf(get(lookup, "CRAWLER_PROFILE_SOURCE", "mal").toUpperCase(Locale.ROOT)),
                ListSource.valueOf(get(lookup, "CRAWLER_LIST_SOURCE", "loadjson").toUpperCase(Locale.ROOT)),
                FriendsSource.valueOf(get(lookup, "CRAWLER_FRIENDS_SOURCE", "mal").toUpperCase(Locale.ROOT)),
                Double.parseDouble(get(lookup, "CRAWLER_MAL_PER_SECOND", "1")),
                Double.parseDouble(get(lookup, "CRAWLER_MAL_API_PER_SECOND", "1")),
                Integer.parseInt(get(lookup, "CRAWLER_JIKAN_PER_SECOND", "3")),
                Integer.parseInt(get(lookup, "CRAWLER_JIKAN_PER_MINUTE", "60")),
                Duration.ofMillis(Long.parseLong(get(lookup, "CRAWLER_BUDGET_MARGIN_MS", "20"))),
                Duration.parse(get(lookup, "CRAWLER_ROBOTS_TTL", "PT24H")),
                new RetryPolicy(Integer.parseInt(get(lookup, "CRAWLER_MAX_ATTEMPTS", "5")),
                        Duration.ofMillis(Long.parseLong(get(lookup, "CRAWLER_BACKOFF_BASE_MS", "2000"))),
                        Duration.ofMillis(Long.parseLong(get(lookup, "CRAWLER_BACKOFF_MAX_MS", "120000"))),
                        Duration.ofMinutes(10)),
                Duration.ofMillis(Long.parseLong(get(lookup, "CRAWLER_TIMEOUT_MS", "30000"))));
    }

    public static CrawlerSettings fromEnvironment() {
        Map<String, String> env = System.getenv();
        return from(name -> System.getProperty(name, env.get(name)));
    }

    private static String get(UnaryOperator<String> lookup, String name, String fallback) {
        String value = lookup.apply(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String trimSlash(String url) {
        return url.replaceAll("/+$", "");
    }

    public HostBudget malBudget() {
        return new HostBudget("mal", List.of(HostBudget.Limit.perSecond(malPerSecond)), budgetMargin);
    }

    public HostBudget malApiBudget() {
        return new HostBudget("mal-api", List.of(HostBudget.Limit.perSecond(malApiPerSecond)), budgetMargin);
    }

    public HostBudget jikanBudget() {
        return new HostBudget("jikan", List.of(new HostBudget.Limit(jikanPerSecond, Duration.ofSeconds(1)),
                new HostBudget.Limit(jikanPerMinute, Duration.ofMinutes(1))), budgetMargin);
    }

    public HostClient malClient(RequestBudgets budgets) {
        return new HostClient(new HostClient.Settings("mal", malBaseUrl, malBudget(), retry, true, robotsTtl,
                userAgent, timeout, Map.of()), budgets);
    }

    public HostClient malApiClient(RequestBudgets budgets) {
        return new HostClient(new HostClient.Settings("mal-api", malApiBaseUrl, malApiBudget(), retry, false,
                robotsTtl, userAgent, timeout, malClientId.isEmpty() ? Map.of() : Map.of("X-MAL-CLIENT-ID", malClientId)),
                budgets);
    }

    public HostClient jikanClient(RequestBudgets budgets) {
        return new HostClient(new HostClient.Settings("jikan", jikanBaseUrl, jikanBudget(), retry, false, robotsTtl,
                userAgent, timeout, Map.of()), budgets);
    }

    /**
     * A MAL client whose budget is this process's own ({@link InProcessRequestBudgets}): only for a process that
     * is the host's only client. The serving app still calls this; it should pass the shared
     * {@code PostgresRequestBudgets} of its DataSource to {@link #malClient(RequestBudgets)} instead.
     */
    public HostClient malClient() {
        return malClient(new InProcessRequestBudgets());
    }

    /** As {@link #malClient()}, for the MAL API. */
    public HostClient malApiClient() {
        return malApiClient(new InProcessRequestBudgets());
    }
}
