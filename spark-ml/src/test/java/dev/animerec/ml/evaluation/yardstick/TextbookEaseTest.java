package dev.animerec.ml.evaluation.yardstick;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextbookEaseTest {

    /**
     * B computed the textbook way: X^T X + lambda I inverted by plain Gauss-Jordan elimination, then
     * B = I - P diag(1/diag P) with a zero diagonal; scores = v B.
     */
    private static double[] closedForm(List<int[]> lists, int[] columns, int[] liked, double lambda) {
        int n = columns.length;
        double[][] a = new double[n][2 * n];
        for (int[] list : lists) {
            for (int x : list) {
                for (int y : list) {
                    int i = indexOf(columns, x);
                    int j = indexOf(columns, y);
                    if (i >= 0 && j >= 0) {
                        a[i][j] += 1;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            a[i][i] += lambda;
            a[i][n + i] = 1;
        }
        for (int p = 0; p < n; p++) {
            double pivot = a[p][p];
            for (int c = 0; c < 2 * n; c++) {
                a[p][c] /= pivot;
            }
            for (int r = 0; r < n; r++) {
                if (r != p) {
                    double factor = a[r][p];
                    for (int c = 0; c < 2 * n; c++) {
                        a[r][c] -= factor * a[p][c];
                    }
                }
            }
        }
        double[] scores = new double[n];
        for (int j = 0; j < n; j++) {
            for (int id : liked) {
                int i = indexOf(columns, id);
                if (i >= 0 && i != j) {
                    scores[j] += -a[i][n + j] / a[j][n + j];
                }
            }
        }
        return scores;
    }

    private static int indexOf(int[] columns, int id) {
        for (int c = 0; c < columns.length; c++) {
            if (columns[c] == id) {
                return c;
            }
        }
        return -1;
    }

    private static List<int[]> randomLists(int users, int items, long seed) {
        Random random = new Random(seed);
        List<int[]> lists = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            lists.add(random.ints(3 + random.nextInt(6), 100, 100 + items).distinct().toArray());
        }
        return lists;
    }

    private static void matchesClosedForm(int users, int items) {
        List<int[]> lists = randomLists(users, items, users * 31L + items);
        TextbookEase ease = TextbookEase.fit(lists, 7.5, 2);
        int[] columns = ease.scores(new int[0]).keySet().stream().mapToInt(Integer::intValue).sorted().toArray();
        assertEquals(ease.items(), columns.length);
        int[] liked = {lists.get(0)[0], lists.get(0)[1], lists.get(1)[0]};
        double[] expected = closedForm(lists, columns, liked, 7.5);
        Map<Integer, Double> actual = ease.scores(liked);
        for (int j = 0; j < columns.length; j++) {
            assertEquals(expected[j], actual.get(columns[j]), 1e-9, "anime " + columns[j]);
        }
    }

    @Test
    void fewerUsersThanItemsSolvesTheUserSideAndMatchesTheClosedForm() {
        matchesClosedForm(12, 40);
    }

    @Test
    void moreUsersThanItemsSolvesTheItemSideAndMatchesTheClosedForm() {
        matchesClosedForm(80, 15);
    }

    @Test
    void onlyAnimeWithTwoTrainingPositivesBecomeColumns() {
        TextbookEase ease = TextbookEase.fit(List.of(new int[] {1, 2, 3}, new int[] {1, 2}, new int[] {4}), 1, 2);
        assertEquals(Map.of(1, ease.scores(new int[] {2}).get(1), 2, ease.scores(new int[] {2}).get(2)).keySet(),
                ease.scores(new int[] {2}).keySet());
    }

    @Test
    void thePositiveIsWatchedOrOnHoldAndNotDisliked() {
        assertTrue(TextbookEase.positive("completed", 0));
        assertTrue(TextbookEase.positive("on_hold", 5));
        assertTrue(TextbookEase.positive("WATCHING", null));
        assertFalse(TextbookEase.positive("completed", 4));
        assertFalse(TextbookEase.positive("plan_to_watch", 0));
        assertFalse(TextbookEase.positive("dropped", 10));
        assertFalse(TextbookEase.positive(null, 9));
    }
}
