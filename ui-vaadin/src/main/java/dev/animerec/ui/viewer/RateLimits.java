package dev.animerec.ui.viewer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Per-client token buckets (Bucket4j) for everything that writes or costs CPU: feedback, posted lists, new client
 * tokens. A client is its viewer id when it has one, else its address. Each client may send a burst of
 * {@code animerec.rate-limit.burst} (30) and then {@code animerec.rate-limit.per-minute} (120) a minute; beyond that
 * the request is answered 429 with the wait as Retry-After. Buckets of clients idle for 10 minutes are forgotten
 * (they would be full again by then). Per replica: a client spread over n replicas gets up to n times the limit.
 */
@Component
public class RateLimits {

    private final long burst;
    private final long perMinute;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(200_000)
            .expireAfterAccess(Duration.ofMinutes(10)).build();

    public RateLimits(@Value("${animerec.rate-limit.burst:30}") long burst,
                      @Value("${animerec.rate-limit.per-minute:120}") long perMinute) {
        this.burst = burst;
        this.perMinute = perMinute;
    }

    /** Takes one request from the client's bucket, or throws when it is empty. */
    public void take(String client) {
        Bucket bucket = buckets.get(client, key -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(burst).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw new TooManyRequestsException(Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }
}
