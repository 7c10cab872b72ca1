package dev.animerec.ml.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class UnseenSequelsTest {

    /** 0 = season 1, 1 = season 2 (sequel of 0), 2 = season 3 (sequel of 1), 3 = another show. */
    private static final ItemCatalogue CATALOGUE = new ItemCatalogue(new int[] {10, 11, 12, 20},
            new String[] {"S1", "S2", "S3", "X"}, new double[4], new double[4], new double[4], new int[4], new int[4],
            new int[4][0], new int[4][0], new int[][] {{}, {0}, {1}, {}}, new int[4][0], new int[4][0], new int[4][0]);

    private static boolean[] excluded(int[] items, double[] ratings) {
        return Recommender.excluded(new UserList("u", items, ratings, new int[items.length]), CATALOGUE);
    }

    @Test
    void aSequelIsACandidateOnceItsPrequelIsSeen() {
        assertArrayEquals(new boolean[] {false, true, true, false}, excluded(new int[0], new double[0]),
                "nothing seen: only season 1 and the other show");
        assertArrayEquals(new boolean[] {true, false, true, false}, excluded(new int[] {0}, new double[] {1.0}),
                "season 1 completed: season 2 is next, season 3 is not");
        assertArrayEquals(new boolean[] {true, true, false, false},
                excluded(new int[] {0, 1}, new double[] {1.0, -0.5}), "season 2 dropped or disliked still counts as seen");
    }

    @Test
    void planToWatchOrNoStatusIsNotSeen() {
        assertArrayEquals(new boolean[] {true, true, true, false}, excluded(new int[] {0}, new double[] {0.2}));
        assertArrayEquals(new boolean[] {true, true, true, false}, excluded(new int[] {0}, new double[] {0.0}));
    }
}
