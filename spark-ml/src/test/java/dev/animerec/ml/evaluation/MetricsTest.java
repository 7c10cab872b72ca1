package dev.animerec.ml.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsTest {

    private static final int[] RANKED = {5, 1, 7, 3, 9};
    private static final Set<Integer> RELEVANT = Set.of(1, 3, 4);

    @Test
    void recallIsNormalisedByTheSmallerOfKAndTheRelevantCount() {
        assertEquals(0.5, Metrics.recall(RANKED, RELEVANT, 2), 1e-12);       // 1 hit of min(2, 3)
        assertEquals(2 / 3.0, Metrics.recall(RANKED, RELEVANT, 5), 1e-12);   // 2 hits of 3
        assertEquals(0.0, Metrics.recall(RANKED, RELEVANT, 1), 1e-12);
    }

    @Test
    void ndcgMatchesHandComputedValues() {
        // DCG@2 = 1/log2(3) = 0.630930; IDCG@2 = 1 + 0.630930
        assertEquals(0.386853, Metrics.ndcg(RANKED, RELEVANT, 2), 1e-6);
        // DCG@5 = 1/log2(3) + 1/log2(5) = 1.061606; IDCG@5 = 1 + 1/log2(3) + 1/log2(4) = 2.130930
        assertEquals(0.498190, Metrics.ndcg(RANKED, RELEVANT, 5), 1e-6);
        assertEquals(1.0, Metrics.ndcg(new int[] {4, 3, 1}, RELEVANT, 3), 1e-12);
    }

    @Test
    void aUserWithoutRelevantItemsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Metrics.ndcg(RANKED, Set.of(), 5));
    }

    @Test
    void modelsThatScoreFewItemsContinueWithPopularOnes() {
        int[] filled = EvaluateStep.fill(new int[] {4, 2}, new int[] {2, 9, 8});
        assertEquals(4, filled[0]);
        assertEquals(2, filled[1]);
        assertEquals(9, filled[2]);
        assertEquals(8, filled[3]);
    }
}
