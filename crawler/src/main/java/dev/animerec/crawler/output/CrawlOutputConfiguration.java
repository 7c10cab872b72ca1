package dev.animerec.crawler.output;

import com.google.cloud.spring.pubsub.core.PubSubTemplate;
import dev.animerec.crawler.CrawlerProperties;
import dev.animerec.crawler.crawl.CrawlerSettings;
import dev.animerec.crawler.crawl.UrlCrawler;
import dev.animerec.crawler.politeness.PostgresRequestBudgets;
import dev.animerec.crawler.politeness.RequestBudgets;
import dev.animerec.schedule.ScheduleRepository;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(CrawlOutputConfiguration.class);

    @Bean
    CrawlerSettings crawlerSettings(Environment environment) {
        return CrawlerSettings.from(environment::getProperty);
    }

    /** The hosts' budgets in the schedule database, so every worker and service of the fleet shares them. */
    @Bean
    RequestBudgets requestBudgets(DataSource dataSource) {
        RequestBudgets budgets = new PostgresRequestBudgets(dataSource);
        log.info("Per-host request budgets {}", budgets.describe());
        return budgets;
    }

    @Bean
    UrlCrawler urlCrawler(CrawlerSettings settings, RequestBudgets budgets) {
        return new UrlCrawler(settings, budgets);
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
    CrawlHandler crawlHandler(UrlCrawler crawler, ItemSink sink, ScheduleRepository schedule, JdbcTemplate jdbc) {
        return new CrawlHandler(crawler, sink, schedule, new MissingPages(jdbc));
    }
}
