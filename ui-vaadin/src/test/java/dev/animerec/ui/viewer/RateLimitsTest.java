package dev.animerec.ui.viewer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    @Test
    void aClientGetsItsBurstThenWaitsWhileOthersAreNotLimited() {
        RateLimits limits = new RateLimits(3, 60);
        for (int i = 0; i < 3; i++) {
            limits.take("a");
        }
        assertThatThrownBy(() -> limits.take("a")).isInstanceOfSatisfying(TooManyRequestsException.class, e ->
                assertThat(e.retryAfter()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(1)));
        limits.take("b");
    }
}
