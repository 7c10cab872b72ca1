package dev.animerec.crawler.politeness;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import java.time.Duration;
import java.util.List;

/**
 * The request budget of one host for the whole crawler fleet: at most {@link Limit#permits()} requests in any
 * {@link Limit#window()}, for every limit (Jikan: 3 per second and 60 per minute), and never closer together
 * than the host's robots.txt Crawl-delay.
 * <p>
 * A token bucket with bursts does not keep a sliding-window limit (a full bucket of 3 refilled at 3/s lets 5
 * requests into one second), so the budget is one request at a time, the next one {@link #spacing(Duration)}
 * after the previous one completed: the longest of window/permits over the limits and the Crawl-delay, plus
 * {@code margin}. Counting from completion is what makes it hold at the server: a request reaches the host
 * somewhere between its permit and its completion, so however late it arrived (a cold JVM, a slow network),
 * the next one arrives at least a spacing later. The margin covers what is left: the clocks of two pods
 * apart, and millisecond rounding. Jikan's 3/s and 60/min together allow 1/s sustained anyway, so one
 * request at a time costs it nothing.
 * <p>
 * The bucket's tokens are milliseconds, {@code spacing + hold} of them, refilled one per millisecond. A permit
 * takes the full bucket in one atomic step, so no other worker gets one for {@code spacing + hold}; when the
 * request completes, {@link HostPermits} gives back the hold it did not use, and the bucket is full again one
 * spacing later. A request in flight for longer than the hold stops holding the others back (it has reached
 * the host; the answer is what is slow), and a worker that dies with a permit never gives anything back: the
 * others wait {@code spacing + hold}.
 *
 * @param key    the bucket's name in the shared store (one per host, e.g. {@code mal})
 * @param limits the host's published limits
 * @param margin added to every spacing (clock skew between pods, rounding)
 * @param hold   how long a request in flight keeps every other request to the host waiting, at most
 */
public record HostBudget(String key, List<Limit> limits, Duration margin, Duration hold) {

    /** A request still unanswered after 5 s has reached the host long ago; the others may go on. */
    public static final Duration DEFAULT_HOLD = Duration.ofSeconds(5);

    public HostBudget(String key, List<Limit> limits, Duration margin) {
        this(key, limits, margin, DEFAULT_HOLD);
    }

    /** At most {@code permits} requests in any {@code window}. */
    public record Limit(int permits, Duration window) {
        public Limit {
            if (permits <= 0 || window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("a limit needs permits > 0 and a positive window, was "
                        + permits + " per " + window);
            }
        }

        /** {@code rate} requests per second; a fractional rate (0.5/s) is one request per 2 s. */
        public static Limit perSecond(double rate) {
            if (!(rate > 0)) {
                throw new IllegalArgumentException("a rate must be positive, was " + rate);
            }
            return rate >= 1 ? new Limit((int) rate, Duration.ofSeconds(1))
                    : new Limit(1, Duration.ofNanos((long) (1_000_000_000L / rate)));
        }
    }

    public HostBudget {
        if (limits.isEmpty()) {
            throw new IllegalArgumentException("budget " + key + " needs at least one limit");
        }
        if (margin.isNegative() || hold.isNegative()) {
            throw new IllegalArgumentException("budget " + key + ": margin and hold must not be negative");
        }
        limits = List.copyOf(limits);
    }

    /** The least time between two requests to the host, fleet-wide. */
    public Duration spacing(Duration crawlDelay) {
        Duration spacing = crawlDelay;
        for (Limit limit : limits) {
            Duration even = limit.window().dividedBy(limit.permits());
            if (even.compareTo(spacing) > 0) {
                spacing = even;
            }
        }
        return spacing.plus(margin);
    }

    /** A bucket of {@code spacing + hold} milliseconds, refilled one token per millisecond, full at first. */
    public BucketConfiguration configuration(Duration crawlDelay) {
        long millis = permitTokens(crawlDelay);
        return BucketConfiguration.builder()
                .addLimit(Bandwidth.builder().capacity(millis).refillGreedy(millis, Duration.ofMillis(millis))
                        .initialTokens(millis).build())
                .build();
    }

    /** The tokens one permit takes: the whole bucket, {@code spacing + hold} in milliseconds. */
    public long permitTokens(Duration crawlDelay) {
        return Math.max(1, spacing(crawlDelay).plus(hold).toMillis());
    }

    /** The tokens a completed request gives back: the part of the hold it did not use. */
    public long unusedHold(long inFlightMillis) {
        return Math.max(0, hold.toMillis() - inFlightMillis);
    }

    /**
     * The configuration's version in the shared store: a worker that learns a longer Crawl-delay replaces the
     * stored configuration, one that still has a shorter spacing leaves the stricter one in place.
     */
    public long configurationVersion(Duration crawlDelay) {
        return spacing(crawlDelay).toMillis();
    }
}
