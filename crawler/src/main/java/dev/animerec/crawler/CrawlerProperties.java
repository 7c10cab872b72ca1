package dev.animerec.crawler;

import dev.animerec.schedule.CrawlRequest;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The Spring modes' settings ({@code animerec.crawler.*}); where and how politely to crawl is
 * {@link dev.animerec.crawler.crawl.CrawlerSettings}, read from the environment names for all modes alike.
 */
@ConfigurationProperties("animerec.crawler")
public record CrawlerProperties(String mode, Worker worker, Service service, PubSub pubsub) {

    public CrawlerProperties {
        worker = worker != null ? worker : new Worker(null, null, null);
        service = service != null ? service : new Service(null, null);
        pubsub = pubsub != null ? pubsub : new PubSub(null, null, null, null, null, null);
    }

    /**
     * Queue worker: how many urls are crawled at once, how often an idle worker looks at the queue, and (local
     * queue only; unset: never) how long the queue may stay empty before the worker exits, for one-off runs
     * such as {@code ./anime-rec run --source live}.
     */
    public record Worker(Integer concurrency, Duration pollInterval, Duration exitWhenIdle) {
        public Worker {
            concurrency = concurrency != null ? concurrency : 2;
            pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(1);
            if (concurrency < 1) {
                throw new IllegalArgumentException("animerec.crawler.worker.concurrency must be at least 1, was "
                        + concurrency);
            }
        }
    }

    /** HTTP service: the most urls one {@code POST /crawl} may ask for, the most top-anime pages one seed reads. */
    public record Service(Integer maxUrls, Integer maxTopAnimePages) {
        public Service {
            maxUrls = maxUrls != null ? maxUrls : 20;
            maxTopAnimePages = maxTopAnimePages != null ? maxTopAnimePages : 20;
        }
    }

    /**
     * Pub/Sub names ({@code gcp} profile). {@code createMissing} creates topics and subscriptions at start,
     * the items subscription included: Pub/Sub drops messages published to a topic nobody subscribes to.
     */
    public record PubSub(String crawlRequestsTopic, String crawlRequestsSubscription, String itemsTopic,
                         String itemsSubscription, Boolean createMissing, Duration publishTimeout) {
        public PubSub {
            crawlRequestsTopic = crawlRequestsTopic != null ? crawlRequestsTopic : CrawlRequest.QUEUE;
            crawlRequestsSubscription = crawlRequestsSubscription != null ? crawlRequestsSubscription
                    : CrawlRequest.QUEUE + "-workers";
            itemsTopic = itemsTopic != null ? itemsTopic : "items";
            itemsSubscription = itemsSubscription != null ? itemsSubscription : "items-ingest";
            createMissing = createMissing != null ? createMissing : Boolean.TRUE;
            publishTimeout = publishTimeout != null ? publishTimeout : Duration.ofSeconds(30);
        }
    }
}
