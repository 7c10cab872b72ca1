package dev.animerec.crawler.politeness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class HostBudgetTest {

    private static final Duration MARGIN = Duration.ofMillis(100);

    @Test
    void jikansTwoLimitsBecomeOneRequestPerSecondPlusTheMargin() {
        HostBudget jikan = new HostBudget("jikan", List.of(new HostBudget.Limit(3, Duration.ofSeconds(1)),
                new HostBudget.Limit(60, Duration.ofMinutes(1))), MARGIN);
        assertThat(jikan.spacing(Duration.ZERO)).isEqualTo(Duration.ofMillis(1100));
    }

    @Test
    void aLongerCrawlDelayWinsAndRaisesTheConfigurationVersion() {
        HostBudget mal = new HostBudget("mal", List.of(HostBudget.Limit.perSecond(1)), MARGIN);
        assertThat(mal.spacing(Duration.ZERO)).isEqualTo(Duration.ofMillis(1100));
        assertThat(mal.spacing(Duration.ofSeconds(3))).isEqualTo(Duration.ofMillis(3100));
        assertThat(mal.spacing(Duration.ofMillis(200))).isEqualTo(Duration.ofMillis(1100));
        assertThat(mal.configurationVersion(Duration.ofSeconds(3))).isGreaterThan(mal.configurationVersion(Duration.ZERO));
    }

    @Test
    void fractionalRatesAreOneRequestPerInterval() {
        assertThat(HostBudget.Limit.perSecond(0.5)).isEqualTo(new HostBudget.Limit(1, Duration.ofSeconds(2)));
        assertThat(HostBudget.Limit.perSecond(3)).isEqualTo(new HostBudget.Limit(3, Duration.ofSeconds(1)));
        assertThatThrownBy(() -> HostBudget.Limit.perSecond(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void thePermitIsCountedFromTheRequestsCompletion() throws Exception {
        HostBudget budget = new HostBudget("t", List.of(new HostBudget.Limit(2, Duration.ofMillis(400))), Duration.ZERO);
        HostPermits permits = new HostPermits(new InProcessRequestBudgets(), budget);
        long start = System.nanoTime();
        try (HostPermits.Permit first = permits.take(() -> Duration.ZERO)) {
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(100));
            Thread.sleep(300); // in flight for 300 ms, longer than the 200 ms spacing
        }
        long completed = System.nanoTime();
        try (HostPermits.Permit second = permits.take(() -> Duration.ZERO)) {
            // 200 ms after the completion, to the bucket clock's millisecond (the margin covers that in production).
            assertThat(Duration.ofNanos(System.nanoTime() - completed)).isGreaterThanOrEqualTo(Duration.ofMillis(198));
        }
    }

    @Test
    void aPermitNeverReleasedRunsOutAfterTheHold() throws Exception {
        HostBudget budget = new HostBudget("t", List.of(new HostBudget.Limit(1, Duration.ofMillis(50))), Duration.ZERO,
                Duration.ofMillis(300));
        HostPermits permits = new HostPermits(new InProcessRequestBudgets(), budget);
        permits.take(() -> Duration.ZERO); // a worker that died in flight: never closed
        long start = System.nanoTime();
        permits.take(() -> Duration.ZERO).close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(345), Duration.ofSeconds(2));
    }

    @Test
    void inProcessBudgetsKeepTheStricterSpacing() {
        HostBudget budget = new HostBudget("t", List.of(new HostBudget.Limit(1, Duration.ofMillis(10))), Duration.ZERO);
        InProcessRequestBudgets budgets = new InProcessRequestBudgets();
        Bucket strict = budgets.bucket(budget, Duration.ofSeconds(60));
        assertThat(strict.tryConsume(budget.permitTokens(Duration.ofSeconds(60)))).isTrue();
        Bucket again = budgets.bucket(budget, Duration.ZERO);
        assertThat(again).isSameAs(strict);
        assertThat(again.tryConsume(budget.permitTokens(Duration.ZERO))).isFalse();
    }

    @Test
    void robotsProductTokenIsTheUserAgentsFirstWord() {
        assertThat(RobotsTxt.productToken("Anime-Rec-Crawler/0.1 (+https://x)")).isEqualTo("anime-rec-crawler");
    }
}
