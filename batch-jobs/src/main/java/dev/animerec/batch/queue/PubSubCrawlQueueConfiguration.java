package dev.animerec.batch.queue;

import com.google.cloud.spring.pubsub.PubSubAdmin;
import com.google.cloud.spring.pubsub.core.PubSubTemplate;
import com.google.cloud.spring.pubsub.integration.outbound.PubSubMessageHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.messaging.MessageHandler;

/**
 * The crawl queue on Google Cloud: the same {@code crawlQueue} channel, bridged to the Pub/Sub topic. The
 * publish is synchronous, so a failed publish fails the chunk and its transaction rolls the marks back.
 */
@Configuration(proxyBeanMethods = false)
@Profile("gcp")
class PubSubCrawlQueueConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PubSubCrawlQueueConfiguration.class);

    @Bean
    DirectChannel crawlQueue() {
        return new DirectChannel();
    }

    @Bean
    @ServiceActivator(inputChannel = "crawlQueue")
    MessageHandler crawlQueuePublisher(PubSubTemplate pubSubTemplate, CrawlQueueProperties properties) {
        PubSubMessageHandler handler = new PubSubMessageHandler(pubSubTemplate, properties.topic());
        handler.setSync(true);
        handler.setPublishTimeout(properties.publishTimeoutMs());
        return handler;
    }

    @Bean
    @ConditionalOnProperty(name = "animerec.crawl-queue.create-missing", havingValue = "true", matchIfMissing = true)
    SmartInitializingSingleton crawlQueueTopicAndSubscription(PubSubAdmin admin, CrawlQueueProperties properties) {
        return () -> {
            if (admin.getTopic(properties.topic()) == null) {
                admin.createTopic(properties.topic());
                log.info("Created Pub/Sub topic {}", properties.topic());
            }
            if (admin.getSubscription(properties.subscription()) == null) {
                admin.createSubscription(properties.subscription(), properties.topic());
                log.info("Created Pub/Sub subscription {} on {}", properties.subscription(), properties.topic());
            }
        };
    }
}
