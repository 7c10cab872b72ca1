package dev.animerec.ml.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class GbtForestTest {

    // x0 <= 0.5 ? (x1 <= 2 ? 1 : 3) : -1, node means 0.5 (root), 2 (left), -1, 1, 3
    private static final GbtForest.Tree TREE = new GbtForest.Tree(0.5,
            new int[] {0, 1, -1, -1, -1}, new double[] {0.5, 2, 0, 0, 0},
            new int[] {1, 3, -1, -1, -1}, new int[] {2, 4, -1, -1, -1}, new double[] {0.5, 2, -1, 1, 3});
    private static final GbtForest.Tree STUMP = new GbtForest.Tree(1.0,
            new int[] {1, -1, -1}, new double[] {5, 0, 0}, new int[] {1, -1, -1}, new int[] {2, -1, -1},
            new double[] {0, -2, 2});
    private static final GbtForest FOREST = new GbtForest(List.of("a", "b"), List.of(TREE, STUMP));

    @Test
    void marginIsTheWeightedSumOfLeaves() {
        assertEquals(0.5 * 1 + -2, FOREST.margin(new double[] {0.0, 1.0}), 1e-12);
        assertEquals(0.5 * 3 + 2, FOREST.margin(new double[] {0.5, 7.0}), 1e-12);   // ties go left
        assertEquals(0.5 * -1 + -2, FOREST.margin(new double[] {0.6, 2.0}), 1e-12);
    }

    @Test
    void contributionsAddUpToTheMarginMinusTheBias() {
        double[] x = {0.0, 7.0};
        double[] contributions = FOREST.contributions(x);
        // tree: root 0.5 -> node 2 (a) -> leaf 3 (b): a += 0.5 * 1.5, b += 0.5 * 1; stump: b += 2
        assertArrayEquals(new double[] {0.75, 2.5}, contributions, 1e-12);
        double bias = 0.5 * 0.5 + 0;
        assertEquals(FOREST.margin(x), bias + contributions[0] + contributions[1], 1e-12);
    }
}
