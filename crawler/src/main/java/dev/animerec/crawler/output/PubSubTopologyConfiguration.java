package dev.animerec.crawler.output;

import com.google.cloud.spring.pubsub.PubSubAdmin;
import dev.animerec.crawler.CrawlerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * On {@code gcp}, with {@code animerec.crawler.pubsub.create-missing} (the default), the topics and
 * subscriptions the crawler reads and writes exist before any subscriber starts: a fresh project and the
 * emulator need no provisioning step.
 */
@Configuration(proxyBeanMethods = false)
@Profile("gcp")
@ConditionalOnProperty(name = "animerec.crawler.pubsub.create-missing", havingValue = "true", matchIfMissing = true)
class PubSubTopologyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(PubSubTopologyConfiguration.class);

    @Bean
    SmartInitializingSingleton crawlerPubSubTopology(PubSubAdmin admin, CrawlerProperties properties) {
        CrawlerProperties.PubSub names = properties.pubsub();
        return () -> {
            ensure(admin, names.crawlRequestsTopic(), names.crawlRequestsSubscription());
            ensure(admin, names.itemsTopic(), names.itemsSubscription());
        };
    }

    private static void ensure(PubSubAdmin admin, String topic, String subscription) {
        if (admin.getTopic(topic) == null) {
            admin.createTopic(topic);
            log.info("Created Pub/Sub topic {}", topic);
        }
        if (admin.getSubscription(subscription) == null) {
            admin.createSubscription(subscription, topic);
            log.info("Created Pub/Sub subscription {} on {}", subscription, topic);
        }
    }
}
