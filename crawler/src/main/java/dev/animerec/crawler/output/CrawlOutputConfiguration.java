package dev.animerec.crawler.output;

import com.google.cloud.spring.pubsub.core.PubSubTemplate;
import dev.animerec.crawler.CrawlerProperties;
import dev.animerec.crawler.crawl.CrawlerSettings;
import dev.animerec.crawler.crawl.UrlCrawler;
import dev.animerec.schedule.ScheduleRepository;
import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What both Spring modes crawl with and write to: the crawler (settings by environment name, so
 * {@code MAL_BASE_URL} and friends work as for the one-shot command), the schedule, and the ingestion
 * queue: spool files under the local home, or the Pub/Sub {@code items} topic on {@code gcp}.
 */
@Configuration(proxyBeanMethods = false)
class CrawlOutputConfiguration {

    @Bean
    CrawlerSettings crawlerSettings(Environment environment) {
        return CrawlerSettings.from(environment::getProperty);
    }

    @Bean
    UrlCrawler urlCrawler(CrawlerSettings settings) {
        return new UrlCrawler(settings);
    }

    @Bean
    ScheduleRepository scheduleRepository(JdbcTemplate jdbc) {
        return new ScheduleRepository(jdbc);
    }

    @Bean
    @Profile("!gcp")
    ItemSink spoolWriter(@Value("${animerec.local.home:var}") Path home) {
        return new SpoolWriter(home);
    }

    @Bean
    @Profile("gcp")
    ItemSink pubSubItemSink(PubSubTemplate pubSub, CrawlerProperties properties) {
        return new PubSubItemSink(pubSub, properties.pubsub().itemsTopic(), properties.pubsub().publishTimeout());
    }

    @Bean
    CrawlHandler crawlHandler(UrlCrawler crawler, ItemSink sink, ScheduleRepository schedule) {
        return new CrawlHandler(crawler, sink, schedule);
    }
}
