package dev.animerec.crawler.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter: attempt n waits a random time in [0, min(max, base * 2^(n-1))],
 * or what the server asked for with Retry-After when that is longer (capped at {@code maxRetryAfter}).
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(5, Duration.ofSeconds(2), Duration.ofMinutes(2), Duration.ofMinutes(10));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    Duration delay(int attempt, Duration retryAfter) {
        long cap = Math.min(maxDelay.toMillis(), baseDelay.toMillis() << Math.min(attempt - 1, 20));
        long backoff = cap <= 0 ? 0 : ThreadLocalRandom.current().nextLong(cap + 1);
        if (retryAfter != null) {
            return Duration.ofMillis(Math.max(backoff, Math.min(retryAfter.toMillis(), maxRetryAfter.toMillis())));
        }
        return Duration.ofMillis(backoff);
    }
}
