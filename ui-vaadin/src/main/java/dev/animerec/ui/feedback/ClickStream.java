package dev.animerec.ui.feedback;

import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Click-stream events, written off the request thread: requests only enqueue, and one writer thread hands batches
 * to the {@link ClickEventSink} (PostgreSQL locally, Pub/Sub on gcp). The queue is bounded. Page views and
 * impressions are {@linkplain #offer offered}: when the sink falls behind and the queue is full they are dropped,
 * counted and reported in a warning (at most one per {@value #DROP_REPORT_SECONDS} s), so a slow sink never slows
 * the pages down. Feedback is {@linkplain #put put}: a user's click waits for room instead. A failed batch is retried,
 * and events still queued at shutdown are written before exit.
 */
@Component
public class ClickStream {

    private static final Logger log = LoggerFactory.getLogger(ClickStream.class);
    private static final int BATCH = 500;
    private static final long DROP_REPORT_SECONDS = 10;

    private final ClickEventSink sink;
    private final BlockingQueue<ClickEvent> queue;
    private final Thread writer;
    private final AtomicLong queued = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedReported = new AtomicLong();
    private final AtomicLong lastDropReport = new AtomicLong();
    private volatile boolean running = true;

    public ClickStream(ClickEventSink sink, @Value("${animerec.clickstream.queue-capacity:20000}") int capacity) {
        this.sink = sink;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.writer = new Thread(this::drainLoop, "clickstream-writer");
        this.writer.setDaemon(true);
        this.writer.start();
        log.info("Click-stream events go to the {} (queue of {})", sink.describe(), capacity);
    }

    /** A page view or impression: queued if there is room, otherwise dropped and counted. */
    public void offer(ClickEvent event) {
        if (queue.offer(event)) {
            queued.incrementAndGet();
        } else {
            dropped.incrementAndGet();
            reportDrops();
        }
    }

    /** Feedback: waits for room in the queue. */
    public void put(ClickEvent event) {
        try {
            queue.put(event);
            queued.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while queueing a click-stream event", e);
        }
    }

    public long written() {
        return written.get();
    }

    /** Events dropped because the queue was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Waits until every event queued so far is written (tests, shutdown). */
    public void flush() throws InterruptedException {
        long target = queued.get();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (written.get() < target && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }

    private void reportDrops() {
        long now = System.nanoTime();
        long last = lastDropReport.get();
        if (now - last >= TimeUnit.SECONDS.toNanos(DROP_REPORT_SECONDS) && lastDropReport.compareAndSet(last, now)) {
            long total = dropped.get();
            log.warn("click-stream queue full: dropped {} page-view/impression events since the last report ({} in"
                    + " total); the {} is slower than the traffic", total - droppedReported.getAndSet(total), total,
                    sink.describe());
        }
    }

    private void drainLoop() {
        List<ClickEvent> batch = new ArrayList<>(BATCH);
        while (running || !queue.isEmpty()) {
            try {
                ClickEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, BATCH - 1);
                write(batch);
                batch.clear();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(List<ClickEvent> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                sink.write(batch);
                written.addAndGet(batch.size());
                return;
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                if (!running && attempt >= 3) {
                    log.error("giving up on {} click-stream events at shutdown: {}", batch.size(), e.toString());
                    return;
                }
                log.warn("click-stream write of {} events to the {} failed (attempt {}): {}; retrying", batch.size(),
                        sink.describe(), attempt, e.toString());
                Thread.sleep(Math.min(5_000, 200L * attempt));
            }
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        writer.join(10_000);
    }
}
