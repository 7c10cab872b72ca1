package dev.animerec.crawler.politeness;

import io.github.bucket4j.Bucket;
import java.time.Duration;

/** Where the hosts' request budgets live: shared by every worker of the fleet, or one process's own. */
public interface RequestBudgets {

    /**
     * The bucket of {@code budget} with the given Crawl-delay ({@link Duration#ZERO} when none); a bucket is
     * cheap to ask for again, its state lives in the store.
     */
    Bucket bucket(HostBudget budget, Duration crawlDelay);

    /** A one-line description for the logs, e.g. where the budgets are kept. */
    String describe();
}
