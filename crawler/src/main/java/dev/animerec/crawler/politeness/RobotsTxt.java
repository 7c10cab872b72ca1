package dev.animerec.crawler.politeness;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * One host's robots.txt as read at {@code fetchedAt}, parsed by crawler-commons' {@link SimpleRobotRulesParser}
 * for our User-Agent's product token: which urls we may fetch, and the Crawl-delay, which
 * {@link HostBudget#spacing(Duration)} turns into the least time between two requests of the whole fleet.
 * A Crawl-delay above the parser's ceiling (5 min) makes crawler-commons disallow the whole host.
 */
public final class RobotsTxt {

    private final BaseRobotRules rules;
    private final Instant fetchedAt;

    private RobotsTxt(BaseRobotRules rules, Instant fetchedAt) {
        this.rules = rules;
        this.fetchedAt = fetchedAt;
    }

    /** A robots.txt answered with 2xx. */
    public static RobotsTxt parse(String robotsUrl, String content, String userAgent, Instant fetchedAt) {
        return new RobotsTxt(new SimpleRobotRulesParser().parseContent(robotsUrl,
                content.getBytes(StandardCharsets.UTF_8), "text/plain", List.of(productToken(userAgent))), fetchedAt);
    }

    /**
     * A robots.txt answered with a status that is not 2xx; crawler-commons' reading of it: a 4xx (no
     * robots.txt) allows everything, as the robots exclusion standard says.
     */
    public static RobotsTxt missing(int status, Instant fetchedAt) {
        return new RobotsTxt(new SimpleRobotRulesParser().failedFetch(status), fetchedAt);
    }

    /** {@code anime-rec-crawler} of {@code anime-rec-crawler/0.1 (+https://...)}: what robots.txt groups name. */
    static String productToken(String userAgent) {
        String token = userAgent.trim().split("[/\\s]", 2)[0];
        return token.toLowerCase(Locale.ROOT);
    }

    public boolean allows(String url) {
        return rules.isAllowed(url);
    }

    /** The Crawl-delay for our User-Agent, {@link Duration#ZERO} when there is none. */
    public Duration crawlDelay() {
        long millis = rules.getCrawlDelay();
        return millis == BaseRobotRules.UNSET_CRAWL_DELAY || millis <= 0 ? Duration.ZERO : Duration.ofMillis(millis);
    }

    public boolean olderThan(Duration ttl, Instant now) {
        return !fetchedAt.plus(ttl).isAfter(now);
    }

    public Instant fetchedAt() {
        return fetchedAt;
    }
}
