package dev.animerec.batch.schedule;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The crawl scheduler's settings ({@code animerec.schedule.*}).
 *
 * @param chunkSize urls picked, queued and committed per transaction
 * @param requeueHoldoff a url scheduled this recently and not crawled yet is not handed out again
 * @param fixedDelay pause between two rounds of the long-running scheduler
 * @param animeMaxUrls anime urls per round of the long-running scheduler
 * @param profileMaxUrls profile urls per round of the long-running scheduler
 */
@ConfigurationProperties("animerec.schedule")
public record ScheduleProperties(Integer chunkSize, Duration requeueHoldoff, Duration fixedDelay,
        Integer animeMaxUrls, Integer profileMaxUrls) {

    public ScheduleProperties {
        chunkSize = chunkSize != null ? chunkSize : 500;
        requeueHoldoff = requeueHoldoff != null ? requeueHoldoff : Duration.ofHours(1);
        fixedDelay = fixedDelay != null ? fixedDelay : Duration.ofMinutes(5);
        animeMaxUrls = animeMaxUrls != null ? animeMaxUrls : 500;
        profileMaxUrls = profileMaxUrls != null ? profileMaxUrls : 500;
        if (chunkSize <= 0 || animeMaxUrls <= 0 || profileMaxUrls <= 0) {
            throw new IllegalArgumentException("animerec.schedule chunk-size and max-urls must be positive");
        }
    }
}
