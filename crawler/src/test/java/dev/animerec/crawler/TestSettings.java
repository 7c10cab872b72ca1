package dev.animerec.crawler;

import dev.animerec.crawler.crawl.CrawlerSettings;
import java.util.HashMap;
import java.util.Map;

/** Crawler settings pointing MAL and Jikan at a local mirror, with budgets and back-off shrunk so tests take seconds. */
public final class TestSettings {

    private TestSettings() {
    }

    /** The same settings as environment-style properties, for Spring contexts. */
    public static Map<String, String> properties(String malBaseUrl) {
        Map<String, String> properties = new HashMap<>();
        properties.put("MAL_BASE_URL", malBaseUrl);
        properties.put("JIKAN_BASE_URL", malBaseUrl);
        properties.put("CRAWLER_MAL_PER_SECOND", "1000");
        properties.put("CRAWLER_JIKAN_PER_SECOND", "1000");
        properties.put("CRAWLER_JIKAN_PER_MINUTE", "60000");
        properties.put("CRAWLER_BUDGET_MARGIN_MS", "0");
        properties.put("CRAWLER_MAX_ATTEMPTS", "3");
        properties.put("CRAWLER_BACKOFF_BASE_MS", "10");
        properties.put("CRAWLER_BACKOFF_MAX_MS", "50");
        properties.put("CRAWLER_TIMEOUT_MS", "30000");
        return properties;
    }

    public static CrawlerSettings forMirror(String malBaseUrl) {
        return CrawlerSettings.from(properties(malBaseUrl)::get);
    }
}
