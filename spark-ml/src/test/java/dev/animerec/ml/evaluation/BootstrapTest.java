package dev.animerec.ml.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void percentileInterpolatesBetweenClosestRanks() {
        double[] values = {4, 1, 3, 2, 5};
        assertEquals(1.0, Bootstrap.percentile(values, 0));
        assertEquals(3.0, Bootstrap.percentile(values, 0.5));
        assertEquals(1.1, Bootstrap.percentile(values, 0.025), 1e-12);
        assertEquals(4.9, Bootstrap.percentile(values, 0.975), 1e-12);
    }

    /**
     * Two users scoring 0 and 1: a resample's mean is 0, 1/2 or 1 with probabilities 1/4, 1/2, 1/4, so with 2,000
     * resamples the 2.5th percentile is 0 and the 97.5th is 1 (each end holds about 500 of them), and the estimate
     * is the sample mean.
     */
    @Test
    void twoUsersGiveTheIntervalComputedByHand() {
        Bootstrap.Interval interval = Bootstrap.mean(new double[] {0, 1}, 42);
        assertEquals(0.5, interval.value());
        assertEquals(0.0, interval.low());
        assertEquals(1.0, interval.high());
    }

    @Test
    void identicalUsersHaveNoSpreadAndAPairedRatioOfAModelWithItselfIsOne() {
        Bootstrap.Interval flat = Bootstrap.mean(new double[] {0.3, 0.3, 0.3}, 1);
        assertEquals(0.3, flat.low(), 1e-12);
        assertEquals(0.3, flat.high(), 1e-12);
        double[] scores = {0.1, 0.9, 0.4, 0.7};
        Bootstrap.Interval self = Bootstrap.pairedRatio(scores, scores, 3);
        assertEquals(1.0, self.low(), 1e-12);
        assertEquals(1.0, self.high(), 1e-12);
    }

    @Test
    void aModelTwiceAsGoodOnEveryUserHasARatioOfTwoWhateverTheResample() {
        double[] baseline = {0.1, 0.2, 0.3, 0.05};
        double[] doubled = {0.2, 0.4, 0.6, 0.1};
        Bootstrap.Interval ratio = Bootstrap.pairedRatio(doubled, baseline, 5);
        assertEquals(2.0, ratio.value(), 1e-12);
        assertEquals(2.0, ratio.low(), 1e-12);
        assertEquals(2.0, ratio.high(), 1e-12);
        Bootstrap.Interval unpaired = Bootstrap.mean(doubled, 5);
        assertTrue(unpaired.high() - unpaired.low() > 0.1, "a mean over different users does spread");
    }

    @Test
    void pairedSamplesMustHaveTheSameUsers() {
        assertThrows(IllegalArgumentException.class, () -> Bootstrap.pairedRatio(new double[2], new double[3], 1));
    }
}
