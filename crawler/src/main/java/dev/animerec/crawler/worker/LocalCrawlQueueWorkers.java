package dev.animerec.crawler.worker;

import dev.animerec.pipeline.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.aopalliance.aop.Advice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.integration.channel.QueueChannel;
import org.springframework.integration.endpoint.PollingConsumer;
import org.springframework.messaging.Message;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.scheduling.support.PeriodicTrigger;

/**
 * {@code concurrency} transactional pollers on the local crawl queue. Each poll takes one message inside a
 * transaction on the schedule database (the store's {@code DELETE ... FOR UPDATE SKIP LOCKED}, so pollers
 * never share a message) and crawls it in that same transaction: the message leaves the store only when
 * the transaction commits, after the items are spooled and the schedule marked, or the url dead-lettered.
 * Any exception, a stop that interrupts a fetch included, rolls back and the message stays queued.
 */
final class LocalCrawlQueueWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(LocalCrawlQueueWorkers.class);

    private final QueueChannel queue;
    private final CrawlRequestProcessor processor;
    private final Advice transaction;
    private final BeanFactory beanFactory;
    private final int concurrency;
    private final PeriodicTrigger trigger;
    private final List<PollingConsumer> consumers = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicLong processed = new AtomicLong();
    private volatile long lastActivityNanos = System.nanoTime();
    private ThreadPoolTaskScheduler scheduler;
    private volatile boolean running;

    LocalCrawlQueueWorkers(QueueChannel queue, CrawlRequestProcessor processor, Advice transaction,
                           BeanFactory beanFactory, int concurrency, PeriodicTrigger trigger) {
        this.queue = queue;
        this.processor = processor;
        this.transaction = transaction;
        this.beanFactory = beanFactory;
        this.concurrency = concurrency;
        this.trigger = trigger;
    }

    @Override
    public synchronized void start() {
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(concurrency);
        scheduler.setThreadNamePrefix("crawl-worker-");
        scheduler.setWaitForTasksToCompleteOnShutdown(true);
        scheduler.setAwaitTerminationSeconds(30);
        scheduler.initialize();
        for (int i = 0; i < concurrency; i++) {
            PollingConsumer consumer = new PollingConsumer(queue, this::handle);
            consumer.setBeanFactory(beanFactory);
            consumer.setBeanName("crawlQueueWorker" + i);
            consumer.setTaskScheduler(scheduler);
            consumer.setTrigger(trigger);
            // Drain while messages come, one transaction each; an idle worker waits for the next trigger.
            consumer.setMaxMessagesPerPoll(-1);
            consumer.setReceiveTimeout(0);
            consumer.setAdviceChain(List.of(transaction));
            consumer.setErrorHandler(e -> log.warn("crawl request left on the queue, to be retried: {}",
                    NestedExceptionUtils.getMostSpecificCause(e).toString()));
            consumer.afterPropertiesSet();
            consumer.start();
            consumers.add(consumer);
        }
        running = true;
        log.info("Crawl queue worker started: {} pollers on {}", concurrency, queue.getComponentName());
    }

    private void handle(Message<?> message) {
        inFlight.incrementAndGet();
        try {
            if (message.getPayload() instanceof String payload) {
                processor.process(payload);
            } else {
                processor.rejectMalformed(String.valueOf(message.getPayload()), "the payload must be a JSON string,"
                        + " was a " + message.getPayload().getClass().getName());
            }
        } finally {
            inFlight.decrementAndGet();
            lastActivityNanos = System.nanoTime();
            long done = processed.incrementAndGet();
            if (Progress.enabled()) {
                // The queue size is a query on the message store: only when the local runner shows it.
                Progress.report("urls", done, done + queue.getQueueSize(), "urls");
            }
        }
    }

    /** True when nothing is queued, nothing is being crawled and nothing was for at least {@code quiet}. */
    boolean idleFor(Duration quiet) {
        return inFlight.get() == 0 && queue.getQueueSize() == 0
                && System.nanoTime() - lastActivityNanos >= quiet.toNanos();
    }

    @Override
    public synchronized void stop() {
        // Stopping a poller interrupts its fetch; the shutdown then waits for the rollback to finish.
        consumers.forEach(PollingConsumer::stop);
        consumers.clear();
        if (scheduler != null) {
            scheduler.shutdown();
        }
        running = false;
        log.info("Crawl queue worker stopped");
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
