package dev.animerec.crawler.politeness;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Budgets kept in this process only (Bucket4j local buckets), for a process that crawls alone: the one-shot
 * {@code crawl} command, which has no database. Two such processes at once each get the whole budget, so
 * anything that runs next to other crawlers uses {@link PostgresRequestBudgets}.
 */
public final class InProcessRequestBudgets implements RequestBudgets {

    private record Held(Bucket bucket, long version) {
    }

    private final Map<String, Held> buckets = new HashMap<>();

    @Override
    public synchronized Bucket bucket(HostBudget budget, Duration crawlDelay) {
        long version = budget.configurationVersion(crawlDelay);
        Held held = buckets.get(budget.key());
        if (held == null) {
            held = new Held(Bucket.builder().addLimit(budget.configuration(crawlDelay).getBandwidths()[0]).build(),
                    version);
            buckets.put(budget.key(), held);
        } else if (version > held.version()) {
            // The same rule as the shared store's: only a stricter spacing replaces the one in use.
            held.bucket().replaceConfiguration(budget.configuration(crawlDelay), TokensInheritanceStrategy.AS_IS);
            held = new Held(held.bucket(), version);
            buckets.put(budget.key(), held);
        }
        return held.bucket();
    }

    @Override
    public String describe() {
        return "kept in this process only";
    }
}
