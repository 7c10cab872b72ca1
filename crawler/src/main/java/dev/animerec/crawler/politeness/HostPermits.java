package dev.animerec.crawler.politeness;

import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Permits of one host's {@link HostBudget}, one request at a time for the whole fleet, each counted from its
 * completion: {@link #take} waits for the full bucket and takes it, the permit's {@link Permit#close()} gives
 * back the unused part of the hold (see {@link HostBudget} for why and how).
 */
public final class HostPermits {

    /** The least sleep between two asks for a permit, so waiting workers do not hammer the budget's store. */
    private static final long MIN_POLL_NANOS = 2_000_000;

    /**
     * How often a waiting worker asks again while another request is in flight: the bucket then says "wait the
     * whole hold", but the hold goes back as soon as that request completes, which it usually does in a few
     * hundred milliseconds.
     */
    private static final long IN_FLIGHT_POLL_NANOS = 50_000_000;

    private final RequestBudgets budgets;
    private final HostBudget budget;

    public HostPermits(RequestBudgets budgets, HostBudget budget) {
        this.budgets = budgets;
        this.budget = budget;
    }

    /** One request's permit; {@link #close()} when the request has completed (or failed). */
    public final class Permit implements AutoCloseable {
        private final Duration crawlDelay;
        private final long askedAt;

        /**
         * {@code askedAt} is before the bucket was asked: the time the two asks take then counts as in flight,
         * so the release never gives back more than the request really kept the others waiting.
         */
        private Permit(Duration crawlDelay, long askedAt) {
            this.crawlDelay = crawlDelay;
            this.askedAt = askedAt;
        }

        @Override
        public void close() {
            // Rounded up: giving back a millisecond too few is safe, one too many is not.
            long inFlight = (System.nanoTime() - askedAt + 999_999) / 1_000_000;
            long unused = budget.unusedHold(inFlight);
            if (unused > 0) {
                budgets.bucket(budget, crawlDelay).forceAddTokens(unused);
            }
        }
    }

    /**
     * Waits until the host's bucket is full, takes it whole in one step, and returns at once so the request
     * leaves right after it was granted. Polling, not Bucket4j's blocking consume: that reserves a future
     * slot and sleeps until it, so the reservation's round trip would make the request late for its slot.
     */
    public Permit take(Supplier<Duration> crawlDelay) throws InterruptedException {
        while (true) {
            Duration delay = crawlDelay.get();
            long tokens = budget.permitTokens(delay);
            long askedAt = System.nanoTime();
            ConsumptionProbe probe = budgets.bucket(budget, delay).tryConsumeAndReturnRemaining(tokens);
            if (probe.isConsumed()) {
                return new Permit(delay, askedAt);
            }
            long wait = probe.getNanosToWaitForRefill();
            // Longer than a spacing to wait: a request is in flight, and its unused hold may come back any moment.
            boolean inFlight = wait > budget.spacing(delay).toNanos();
            TimeUnit.NANOSECONDS.sleep(inFlight ? Math.min(wait, IN_FLIGHT_POLL_NANOS) : Math.max(wait, MIN_POLL_NANOS));
        }
    }
}
