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

    @Test
    void aFoldInWaitsForAFreeSlotAndGivesUpWithAClearErrorAfterTheMaximumWait() throws Exception {
        FoldIn foldIn = new FoldIn(1, Duration.ofMillis(200), 10);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> foldIn.inSlot(() -> {
            inside.countDown();
            await(release);
            return "first";
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        long started = System.nanoTime();
        assertThatThrownBy(() -> foldIn.inSlot(() -> "second")).isInstanceOf(OverloadedException.class)
                .hasMessageContaining("try again");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));

        CompletableFuture<String> third = CompletableFuture.supplyAsync(() -> foldIn.inSlot(() -> "third"));
        Thread.sleep(50);
        assertThat(third).as("waits while the slot is taken").isNotDone();
        release.countDown();
        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
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
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> running = CompletableFuture.supplyAsync(() -> foldIn.inSlot(() -> {
            inside.countDown();
            await(release);
            return "running";
        }));
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<String> queued = CompletableFuture.supplyAsync(() -> foldIn.inSlot(() -> "queued"));
        Thread.sleep(100);

        long started = System.nanoTime();
        assertThatThrownBy(() -> foldIn.inSlot(() -> "third")).isInstanceOf(OverloadedException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("no wait for a slot")
                .isLessThan(Duration.ofSeconds(5));

        release.countDown();
        assertThat(running.get(5, TimeUnit.SECONDS)).isEqualTo("running");
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
