package dev.animerec.ml.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TopKTest {

    /** The definition: how many non-excluded items score better, ties going to the smaller index. */
    private static int naiveRank(double[] scores, boolean[] excluded, int item) {
        int rank = 0;
        for (int j = 0; j < scores.length; j++) {
            if (!excluded[j] && (scores[j] > scores[item] || (scores[j] == scores[item] && j < item))) {
                rank++;
            }
        }
        return rank;
    }

    @Test
    void ranksAgreeWithCountingBetterItemsOneByOneIncludingTiesAndExcludedItems() {
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(400);
            double[] scores = new double[n];
            boolean[] excluded = new boolean[n];
            for (int j = 0; j < n; j++) {
                // few distinct values, so ties are common
                scores[j] = random.nextInt(round % 2 == 0 ? 7 : 1000) - 3;
                excluded[j] = random.nextInt(5) == 0;
            }
            int[] items = random.ints(random.nextInt(Math.min(n, 60) + 1), 0, n).distinct().toArray();
            int[] ranks = TopK.ranks(scores, excluded, items);
            for (int i = 0; i < items.length; i++) {
                assertEquals(naiveRank(scores, excluded, items[i]), ranks[i],
                        "rank of item " + items[i] + " in round " + round);
            }
        }
    }

    @Test
    void theBestItemHasRankZeroAndNoItemsNoRanks() {
        double[] scores = {0.5, 2.0, 1.0};
        assertArrayEquals(new int[] {0, 1, 2}, TopK.ranks(scores, new boolean[3], new int[] {1, 2, 0}));
        assertArrayEquals(new int[0], TopK.ranks(scores, null, new int[0]));
    }
}
