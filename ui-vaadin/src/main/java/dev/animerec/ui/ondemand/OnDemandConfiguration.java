package dev.animerec.ui.ondemand;

import dev.animerec.crawler.crawl.CrawlerSettings;
import dev.animerec.crawler.userlist.LoadJsonUserListClient;
import dev.animerec.crawler.userlist.MalApiUserListClient;
import dev.animerec.crawler.userlist.UserListClient;
import dev.animerec.schedule.ScheduleRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The crawler's user-list client with the crawler's settings, read by their environment names from the Spring
 * environment ({@code MAL_BASE_URL}, {@code MAL_CLIENT_ID}, {@code CRAWLER_MAX_ATTEMPTS}...): MAL API v2 when
 * {@code MAL_CLIENT_ID} is set, else MAL's load.json, both rate-limited and polite as in the crawler.
 */
@Configuration(proxyBeanMethods = false)
class OnDemandConfiguration {

    private static final Logger log = LoggerFactory.getLogger(OnDemandConfiguration.class);

    @Bean
    UserListClient userListClient(Environment environment) {
        CrawlerSettings settings = CrawlerSettings.from(environment::getProperty);
        if (!settings.malClientId().isEmpty()) {
            log.info("Unknown users' lists come from MAL API v2 at {}", settings.malApiBaseUrl());
            return new MalApiUserListClient(settings.malApiClient());
        }
        log.info("Unknown users' lists come from MAL load.json at {} (set MAL_CLIENT_ID for MAL API v2)",
                settings.malBaseUrl());
        return new LoadJsonUserListClient(settings.malClient());
    }

    @Bean
    ScheduleRepository scheduleRepository(JdbcTemplate jdbc) {
        return new ScheduleRepository(jdbc);
    }
}
