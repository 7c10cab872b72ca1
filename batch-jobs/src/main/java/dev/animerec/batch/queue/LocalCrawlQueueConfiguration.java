package dev.animerec.batch.queue;

import dev.animerec.schedule.CrawlRequest;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.jdbc.store.JdbcChannelMessageStore;
import org.springframework.integration.jdbc.store.channel.PostgresChannelMessageStoreQueryProvider;
import org.springframework.integration.store.MessageGroupQueue;

/**
 * The local crawl queue: a queue channel whose messages live in Postgres (Spring Integration's JDBC channel
 * message store, region and group {@code crawl-requests}). A send is an insert on the schedule database's
 * DataSource, so it commits or rolls back with the transaction that marked the urls scheduled.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!gcp")
class LocalCrawlQueueConfiguration {

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
}
