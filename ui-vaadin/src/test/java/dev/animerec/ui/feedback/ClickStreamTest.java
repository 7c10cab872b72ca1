package dev.animerec.ui.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The queue in front of the sink: drops counted when full, feedback waits, failed batches retried. */
class ClickStreamTest {

    private static ClickEvent impression(int animeId) {
        return new ClickEvent(Instant.parse("2026-11-26T17:00:00Z"), "alice", EventType.IMPRESSION, animeId, "api");
    }

    /** Blocks the writer thread on its first batch until released, and records what it was given. */
    private static final class GatedSink implements ClickEventSink {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<ClickEvent> written = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft;

        GatedSink(int failures) {
            this.failuresLeft = new AtomicInteger(failures);
        }

        @Override
        public void write(List<ClickEvent> batch) throws Exception {
            entered.countDown();
            release.await();
            if (failuresLeft.getAndDecrement() > 0) {
                throw new IllegalStateException("sink down");
            }
            written.addAll(batch);
        }

        @Override
        public String describe() {
            return "test sink";
        }
    }

    @Test
    void aFullQueueDropsImpressionsAndCountsThemWhileEverythingQueuedIsWritten() throws Exception {
        GatedSink sink = new GatedSink(0);
        ClickStream clicks = new ClickStream(sink, 3);
        try {
            clicks.offer(impression(1));
            assertThat(sink.entered.await(5, TimeUnit.SECONDS)).isTrue();
            for (int id = 2; id <= 10; id++) {
                clicks.offer(impression(id));
            }
            assertThat(clicks.dropped()).isEqualTo(6);

            sink.release.countDown();
            clicks.flush();

            assertThat(sink.written).extracting(ClickEvent::animeId).containsExactly(1, 2, 3, 4);
            assertThat(clicks.written()).isEqualTo(4);
        } finally {
            clicks.stop();
        }
    }

    @Test
    void feedbackWaitsForRoomInsteadOfBeingDropped() throws Exception {
        GatedSink sink = new GatedSink(0);
        ClickStream clicks = new ClickStream(sink, 1);
        try {
            clicks.offer(impression(1));
            assertThat(sink.entered.await(5, TimeUnit.SECONDS)).isTrue();
            clicks.offer(impression(2));
            Thread feedback = new Thread(() -> clicks.put(new ClickEvent(Instant.now(), "alice", EventType.LIKE, 3, "ui")));
            feedback.start();
            feedback.join(300);
            assertThat(feedback.isAlive()).as("put blocks while the queue is full").isTrue();

            sink.release.countDown();
            feedback.join(5_000);
            clicks.flush();

            assertThat(sink.written).extracting(ClickEvent::animeId).containsExactly(1, 2, 3);
            assertThat(clicks.dropped()).isZero();
        } finally {
            clicks.stop();
        }
    }

    @Test
    void aFailedBatchIsRetriedWhole() throws Exception {
        GatedSink sink = new GatedSink(2);
        sink.release.countDown();
        ClickStream clicks = new ClickStream(sink, 10);
        try {
            clicks.offer(impression(1));
            clicks.offer(impression(2));
            clicks.flush();

            assertThat(sink.written).extracting(ClickEvent::animeId).containsExactly(1, 2);
            assertThat(clicks.written()).isEqualTo(2);
        } finally {
            clicks.stop();
        }
    }
}
