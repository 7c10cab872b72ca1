package dev.animerec.ui.recommend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The fold-in bulkhead: at most {@code concurrency} at once, the rest wait, and a wait too long is a 503. */
class FoldInSlotsTest {

    /** A fold-in holding the only slot until {@link #release()}; {@link #answer} completes after that. */
    private record Holder(CountDownLatch released, CompletableFuture<String> answer) {
        static Holder of(FoldIn foldIn) throws InterruptedException {
            CountDownLatch inside = new CountDownLatch(1);
            CountDownLatch released = new CountDownLatch(1);
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> foldIn.inSlot(() -> {
                inside.countDown();
                await(released);
                return "holder";
            }));
            assertThat(inside.await(5, TimeUnit.SECONDS)).as("the holder got the slot").isTrue();
            return new Holder(released, answer);
        }

        void release() {
            released.countDown();
        }
    }

    @Test
    void aFoldInWaitsForAFreeSlotAndGivesUpWithAClearErrorAfterTheMaximumWait() throws Exception {
        FoldIn foldIn = new FoldIn(1, Duration.ofMillis(200), 10);
        Holder first = Holder.of(foldIn);

        long started = System.nanoTime();
        assertThatThrownBy(() -> foldIn.inSlot(() -> "second")).isInstanceOf(OverloadedException.class)
                .hasMessageContaining("try again");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));

        CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> foldIn.inSlot(() -> "third"));
        Thread.sleep(50);
        assertThat(third).as("waits while the slot is taken").isNotDone();
        first.release();
        assertThat(first.answer().get(5, TimeUnit.SECONDS)).isEqualTo("holder");
        assertThat(third.get(5, TimeUnit.SECONDS)).isEqualTo("third");
    }

    @Test
    void theDefaultIsOneSlotPerCore() {
        assertThat(new FoldIn(0, Duration.ofSeconds(1), 10).concurrency())
                .isEqualTo(Runtime.getRuntime().availableProcessors());
    }

    @Test
    void aFoldInThatFindsTheQueueFullIsTurnedAwayAtOnce() throws Exception {
        FoldIn foldIn = new FoldIn(1, Duration.ofSeconds(30), 1);
        Holder running = Holder.of(foldIn);
        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> foldIn.inSlot(() -> "queued"));
        Thread.sleep(100);

        long started = System.nanoTime();
        assertThatThrownBy(() -> foldIn.inSlot(() -> "third")).isInstanceOf(OverloadedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for a slot")
                .isLessThan(Duration.ofSeconds(5));

        running.release();
        assertThat(running.answer().get(5, TimeUnit.SECONDS)).isEqualTo("holder");
        assertThat(queued.get(5, TimeUnit.SECONDS)).isEqualTo("queued");
        assertThat(foldIn.inSlot(() -> "after")).as("the queue is free again").isEqualTo("after");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
