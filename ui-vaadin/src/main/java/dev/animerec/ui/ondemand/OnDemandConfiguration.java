package dev.animerec.ui.ondemand;

import dev.animerec.crawler.crawl.CrawlerSettings;
import dev.animerec.crawler.politeness.PostgresRequestBudgets;
import dev.animerec.crawler.politeness.RequestBudgets;
import dev.animerec.crawler.userlist.LoadJsonUserListClient;
import dev.animerec.crawler.userlist.MalApiUserListClient;
import dev.animerec.crawler.userlist.UserListClient;
import dev.animerec.schedule.ScheduleRepository;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The crawler's user-list client with the crawler's settings, read by their environment names from the Spring
 * environment ({@code MAL_BASE_URL}, {@code MAL_CLIENT_ID}, {@code CRAWLER_MAL_PER_SECOND}...): MAL API v2 when
 * {@code MAL_CLIENT_ID} is set, else MAL's load.json, both robots-aware and on the crawler fleet's request budget. A person
 * is waiting for the answer, so the serving side bounds what the crawler would wait: each request times out after
 * at most {@code animerec.on-demand.request-timeout} and is tried at most {@code animerec.on-demand.max-attempts}
 * times, whatever {@code CRAWLER_TIMEOUT_MS} and {@code CRAWLER_MAX_ATTEMPTS} say for the crawler.
 */
@Configuration(proxyBeanMethods = false)
class OnDemandConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OnDemandConfiguration.class);

    @Bean
    UserListClient userListClient(Environment environment, DataSource dataSource,
                                  @Value("${animerec.on-demand.request-timeout:PT5S}") Duration requestTimeout,
                                  @Value("${animerec.on-demand.max-attempts:2}") int maxAttempts) {
        CrawlerSettings settings = CrawlerSettings.from(name -> switch (name) {
            case "CRAWLER_TIMEOUT_MS" -> Long.toString(Math.min(requestTimeout.toMillis(),
                    Long.parseLong(environment.getProperty(name, "30000"))));
            case "CRAWLER_MAX_ATTEMPTS" -> Integer.toString(Math.min(maxAttempts,
                    Integer.parseInt(environment.getProperty(name, "5"))));
            default -> environment.getProperty(name);
        });
        // The crawler fleet's budget per host, kept in PostgreSQL: the serving replicas' fetches count against the
        // same one request a second as the crawler workers'.
        RequestBudgets budgets = new PostgresRequestBudgets(dataSource);
        if (!settings.malClientId().isEmpty()) {
            log.info("Unknown users' lists come from MAL API v2 at {}", settings.malApiBaseUrl());
            return new MalApiUserListClient(settings.malApiClient(budgets));
        }
        log.info("Unknown users' lists come from MAL load.json at {} (set MAL_CLIENT_ID for MAL API v2)",
                settings.malBaseUrl());
        return new LoadJsonUserListClient(settings.malClient(budgets));
    }

    @Bean
    ScheduleRepository scheduleRepository(JdbcTemplate jdbc) {
        return new ScheduleRepository(jdbc);
    }
}
