package dev.animerec.crawler.politeness;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The fleet's budgets in PostgreSQL (the schedule database every crawler pod and serving replica already
 * reaches: embedded locally, Cloud SQL on Google Cloud), through Bucket4j: each take of a permit is one
 * transaction that locks the host's row ({@code SELECT ... FOR UPDATE}) of {@code crawl_request_budget}
 * (shared Flyway V5), so concurrent takers from any process queue up on the same bucket.
 * <p>
 * Permits are reserved ahead: a taker that has to wait reserves the next free slot, sleeps until it and then
 * sends, so waiting workers are served in slot order without polling the database.
 * <p>
 * Bucket4j opens its own connections from the pool and commits each take at once; it never joins a
 * caller's transaction (the local worker's crawl transaction would otherwise hold the host's row lock for a
 * whole crawl).
 */
public final class PostgresRequestBudgets implements RequestBudgets {

    /** Table of Flyway migration V5 in shared. */
    public static final String TABLE = "crawl_request_budget";

    private final ProxyManager<String> buckets;

    public PostgresRequestBudgets(DataSource dataSource) {
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table(TABLE)
                .idColumn("id")
                .stateColumn("state")
                .build();
    }

    @Override
    public Bucket bucket(HostBudget budget, Duration crawlDelay) {
        return buckets.builder()
                .withImplicitConfigurationReplacement(budget.configurationVersion(crawlDelay),
                        TokensInheritanceStrategy.AS_IS)
                .build(budget.key(), () -> budget.configuration(crawlDelay));
    }

    @Override
    public String describe() {
        return "shared by every worker in PostgreSQL table " + TABLE;
    }
}
