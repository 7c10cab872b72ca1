package dev.animerec.batch.schedule;

import dev.animerec.schedule.UrlKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The long-running scheduler's round: {@code crawl-schedule} for anime, then for profiles, every
 * {@code animerec.schedule.fixed-delay} after the previous round ended. A failed run is recorded as a failed
 * job execution (restartable) and logged; the next round still comes.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "animerec.scheduler.enabled", havingValue = "true")
public class ScheduleLoop {

    private static final Logger log = LoggerFactory.getLogger(ScheduleLoop.class);

    private final CrawlScheduleLauncher launcher;
    private final ScheduleProperties properties;

    public ScheduleLoop(CrawlScheduleLauncher launcher, ScheduleProperties properties) {
        this.launcher = launcher;
        this.properties = properties;
    }

    @Scheduled(fixedDelayString = "${animerec.schedule.fixed-delay:PT5M}", initialDelayString = "PT0S")
    public void round() {
        runOnce(UrlKind.ANIME, properties.animeMaxUrls());
        runOnce(UrlKind.PROFILE, properties.profileMaxUrls());
    }

    private void runOnce(UrlKind kind, int maxUrls) {
        try {
            CrawlScheduleLauncher.ScheduleRun run = launcher.run(kind, maxUrls);
            if (run.completed()) {
                log.info("{}", run);
            } else {
                log.error("{}", run);
            }
        } catch (Exception e) {
            log.error("crawl-schedule kind={} could not run: {}", kind.wireName(), e.toString(), e);
        }
    }
}
