package dev.animerec.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Reader threads that repeat one read until stopped, for tests of what readers see while something changes under
 * them (a publish flipping versions). Each read returns null when what it saw was right, else what was wrong.
 */
public final class ConcurrentReaders {

    /** What the readers saw: every wrong answer, and how many reads there were. */
    public record Outcome(List<String> errors, long reads) {
    }

    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<String> errors = new ConcurrentLinkedQueue<>();
    private final AtomicLong reads = new AtomicLong();
    private final ExecutorService pool;
    private final List<Future<?>> futures = new ArrayList<>();

    private ConcurrentReaders(int threads, Supplier<String> readOnce) {
        pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (running.get()) {
                    String error = readOnce.get();
                    if (error != null) {
                        errors.add(error);
                    }
                    reads.incrementAndGet();
                }
                return null;
            }));
        }
    }

    public static ConcurrentReaders start(int threads, Supplier<String> readOnce) {
        return new ConcurrentReaders(threads, readOnce);
    }

    /** Stops the readers after their current read and returns what they saw. */
    public Outcome stop() throws Exception {
        running.set(false);
        for (Future<?> future : futures) {
            future.get(10, TimeUnit.SECONDS);
        }
        pool.shutdown();
        return new Outcome(List.copyOf(errors), reads.get());
    }
}
