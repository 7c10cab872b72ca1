package dev.animerec.crawler.worker;

import com.google.cloud.spring.pubsub.core.PubSubTemplate;
import com.google.cloud.spring.pubsub.integration.AckMode;
import com.google.cloud.spring.pubsub.integration.inbound.PubSubInboundChannelAdapter;
import com.google.cloud.spring.pubsub.support.BasicAcknowledgeablePubsubMessage;
import com.google.cloud.spring.pubsub.support.GcpPubSubHeaders;
import dev.animerec.crawler.CrawlerProperties;
import dev.animerec.crawler.crawl.UrlCrawler;
import dev.animerec.crawler.output.CrawlHandler;
import dev.animerec.schedule.CrawlRequest;
import javax.sql.DataSource;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.annotation.ServiceActivator;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;
import org.springframework.integration.transaction.TransactionInterceptorBuilder;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.MessageHandler;
import org.springframework.scheduling.support.PeriodicTrigger;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The queue worker ({@code animerec.crawler.mode=worker}): the crawl queue of the scheduler, read locally
 * from the JDBC channel message store (region and group {@code crawl-requests}) or, on {@code gcp}, from
 * the Pub/Sub subscription {@code crawl-requests-workers}. (The nested configurations repeat the mode
 * condition: component scanning finds them on their own.)
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "animerec.crawler.mode", havingValue = "worker")
class WorkerConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WorkerConfiguration.class);

    @Bean
    CrawlRequestProcessor crawlRequestProcessor(UrlCrawler crawler, CrawlHandler handler, JdbcTemplate jdbc) {
        return new CrawlRequestProcessor(crawler, handler, new CrawlDeadLetters(jdbc));
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "animerec.crawler.mode", havingValue = "worker")
    @Profile("!gcp")
    static class LocalQueue {

        @Bean
        JdbcChannelMessageStore crawlQueueStore(DataSource dataSource) {
            JdbcChannelMessageStore store = new JdbcChannelMessageStore(dataSource);
            store.setRegion(CrawlRequest.QUEUE);
            store.setChannelMessageStoreQueryProvider(new PostgresChannelMessageStoreQueryProvider());
            return store;
        }

        @Bean
        QueueChannel crawlQueue(JdbcChannelMessageStore crawlQueueStore) {
            return new QueueChannel(new MessageGroupQueue(crawlQueueStore, CrawlRequest.QUEUE));
        }

        @Bean
        LocalCrawlQueueWorkers localCrawlQueueWorkers(QueueChannel crawlQueue, CrawlRequestProcessor processor,
                                                      PlatformTransactionManager transactions, BeanFactory beanFactory,
                                                      CrawlerProperties properties) {
            CrawlerProperties.Worker worker = properties.worker();
            return new LocalCrawlQueueWorkers(crawlQueue, processor,
                    new TransactionInterceptorBuilder().transactionManager(transactions).build(), beanFactory,
                    worker.concurrency(), new PeriodicTrigger(worker.pollInterval()));
        }

        /** With {@code animerec.crawler.worker.exit-when-idle}, ends the process once the queue stays empty. */
        @Bean
        @ConditionalOnProperty(name = "animerec.crawler.worker.exit-when-idle")
        SmartLifecycle exitWhenIdle(LocalCrawlQueueWorkers workers, CrawlerProperties properties,
                                    ConfigurableApplicationContext context) {
            Duration quiet = properties.worker().exitWhenIdle();
            ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "exit-when-idle");
                thread.setDaemon(true);
                return thread;
            });
            return new SmartLifecycle() {
                private volatile boolean running;

                @Override
                public void start() {
                    watcher.scheduleWithFixedDelay(() -> {
                        if (workers.idleFor(quiet)) {
                            log.info("crawl queue empty for {}: the worker exits", quiet);
                            watcher.shutdown();
                            System.exit(SpringApplication.exit(context, () -> 0));
                        }
                    }, 2, 2, TimeUnit.SECONDS);
                    running = true;
                }

                @Override
                public void stop() {
                    watcher.shutdownNow();
                    running = false;
                }

                @Override
                public boolean isRunning() {
                    return running;
                }
            };
        }
    }

    /**
     * Concurrency on Pub/Sub is the subscriber's executor threads and flow control, both set from
     * {@code animerec.crawler.worker.concurrency} in {@code application-gcp.yml}.
     */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "animerec.crawler.mode", havingValue = "worker")
    @Profile("gcp")
    static class PubSubQueue {

        @Bean
        DirectChannel crawlRequests() {
            return new DirectChannel();
        }

        @Bean
        PubSubInboundChannelAdapter crawlRequestsInbound(PubSubTemplate pubSub, DirectChannel crawlRequests,
                                                         CrawlerProperties properties) {
            PubSubInboundChannelAdapter adapter =
                    new PubSubInboundChannelAdapter(pubSub, properties.pubsub().crawlRequestsSubscription());
            adapter.setOutputChannel(crawlRequests);
            adapter.setAckMode(AckMode.MANUAL);
            adapter.setPayloadType(String.class);
            return adapter;
        }

        /** Ack only after the transaction that marked the schedule commits; nack returns the message. */
        @Bean
        @ServiceActivator(inputChannel = "crawlRequests")
        MessageHandler crawlRequestHandler(CrawlRequestProcessor processor, PlatformTransactionManager transactions) {
            TransactionTemplate transaction = new TransactionTemplate(transactions);
            return message -> {
                BasicAcknowledgeablePubsubMessage original = message.getHeaders()
                        .get(GcpPubSubHeaders.ORIGINAL_MESSAGE, BasicAcknowledgeablePubsubMessage.class);
                try {
                    transaction.executeWithoutResult(status -> processor.process((String) message.getPayload()));
                    original.ack();
                } catch (RuntimeException e) {
                    log.warn("crawl request nacked, Pub/Sub will deliver it again: {}", e.toString());
                    original.nack();
                }
            };
        }
    }
}
