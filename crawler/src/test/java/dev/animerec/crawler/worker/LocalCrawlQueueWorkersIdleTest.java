package dev.animerec.crawler.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.scheduling.support.PeriodicTrigger;

class LocalCrawlQueueWorkersIdleTest {

    @Test
    void idleOnlyWhenTheQueueIsEmptyForTheWholeQuietPeriod() throws Exception {
        QueueChannel queue = new QueueChannel();
        LocalCrawlQueueWorkers workers = new LocalCrawlQueueWorkers(queue, null, null, null, 1,
                new PeriodicTrigger(Duration.ofSeconds(1)));

        queue.send(MessageBuilder.withPayload("{}").build());
        Thread.sleep(30);
        assertThat(workers.idleFor(Duration.ofMillis(10))).as("a queued url").isFalse();

        queue.receive(0);
        assertThat(workers.idleFor(Duration.ofMillis(10))).as("empty and quiet long enough").isTrue();
        assertThat(workers.idleFor(Duration.ofHours(1))).as("not quiet long enough").isFalse();
    }
}
