package dev.animerec.ml.evaluation.yardstick;

import dev.animerec.ml.common.DenseInverse;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The yardstick: textbook EASE (Steck 2019) written apart from the product's candidate code, so that no change to
 * the product can make the baseline look weaker. Binary positives (watching, completed or on hold, and not scored
 * 1-4), every anime with at least two training positives, no item cap, {@code B = I - P diag(1/diag P)} with
 * {@code P = (X^T X + lambda I)^-1} and a zero diagonal.
 *
 * <p>The solve takes the smaller side of X: with fewer users than items, Woodbury's identity gives
 * {@code P = (I - X^T (X X^T + lambda I)^-1 X) / lambda} exactly, so the dense inverse is users x users instead of
 * items x items, and a user's scores {@code s = v B = v - (v P) / diag(P)} need no n x n matrix at all. With more
 * users than items, P itself is inverted ({@link DenseInverse}, LAPACK).
 */
public final class TextbookEase {

    /** Anime id -> column of X. */
    private final Map<Integer, Integer> columns;
    private final int[] animeIds;
    private final double lambda;
    /** Users side: rows of X as column lists, and K = (X X^T + lambda I)^-1; null when the item side is used. */
    private final int[][] rows;
    private final double[] userInverse;
    /** Items side: P = (X^T X + lambda I)^-1; null when the user side is used. */
    private final double[] itemInverse;
    private final double[] diagonal;

    /** The standard positive, spelled out here rather than borrowed from the product's signal code. */
    public static boolean positive(String status, Integer score) {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        int value = score == null ? 0 : score;
        return (s.equals("watching") || s.equals("completed") || s.equals("on_hold")) && !(value >= 1 && value <= 4);
    }

    /**
     * @param lists each training user's positive anime ids
     * @param minPositives an anime becomes a column with at least this many training positives (2: textbook)
     */
    public static TextbookEase fit(List<int[]> lists, double lambda, int minPositives) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (int[] list : lists) {
            for (int id : distinct(list)) {
                counts.merge(id, 1, Integer::sum);
            }
        }
        int[] ids = counts.entrySet().stream().filter(e -> e.getValue() >= minPositives).mapToInt(Map.Entry::getKey)
                .sorted().toArray();
        Map<Integer, Integer> columns = new HashMap<>();
        for (int c = 0; c < ids.length; c++) {
            columns.put(ids[c], c);
        }
        int[][] rows = new int[lists.size()][];
        for (int u = 0; u < rows.length; u++) {
            rows[u] = Arrays.stream(distinct(lists.get(u))).filter(columns::containsKey).map(columns::get).sorted()
                    .toArray();
        }
        return new TextbookEase(columns, ids, rows, lambda);
    }

    private TextbookEase(Map<Integer, Integer> columns, int[] animeIds, int[][] rows, double lambda) {
        this.columns = columns;
        this.animeIds = animeIds;
        this.lambda = lambda;
        int m = rows.length;
        int n = animeIds.length;
        this.diagonal = new double[n];
        if (m <= n) {
            this.rows = rows;
            this.itemInverse = null;
            double[] gram = new double[m * m];
            int[][] byColumn = usersByColumn(rows, n);
            for (int[] users : byColumn) {
                for (int a = 0; a < users.length; a++) {
                    for (int b = a; b < users.length; b++) {
                        gram[users[a] * m + users[b]] += 1;
                    }
                }
            }
            for (int a = 0; a < m; a++) {
                for (int b = 0; b < a; b++) {
                    gram[a * m + b] = gram[b * m + a];
                }
                gram[a * m + a] += lambda;
            }
            this.userInverse = DenseInverse.invert(gram, m);
            // diag(P)_j = (1 - x_j^T K x_j) / lambda, x_j = the users who liked j
            for (int j = 0; j < n; j++) {
                int[] users = byColumn[j];
                double quadratic = 0;
                for (int a : users) {
                    for (int b : users) {
                        quadratic += userInverse[a * m + b];
                    }
                }
                diagonal[j] = (1 - quadratic) / lambda;
            }
        } else {
            this.rows = null;
            this.userInverse = null;
            double[] gram = new double[n * n];
            for (int[] row : rows) {
                for (int a : row) {
                    for (int b : row) {
                        gram[a * n + b] += 1;
                    }
                }
            }
            for (int d = 0; d < n; d++) {
                gram[d * n + d] += lambda;
            }
            this.itemInverse = DenseInverse.invert(gram, n);
            for (int j = 0; j < n; j++) {
                diagonal[j] = itemInverse[j * n + j];
            }
        }
    }

    public int items() {
        return animeIds.length;
    }

    public double lambda() {
        return lambda;
    }

    /** Scores of every modelled anime for a user whose positives are {@code liked} (anime ids), by anime id. */
    public Map<Integer, Double> scores(int[] liked) {
        double[] scores = columnScores(liked);
        Map<Integer, Double> byId = new HashMap<>(scores.length * 2);
        for (int j = 0; j < scores.length; j++) {
            byId.put(animeIds[j], scores[j]);
        }
        return byId;
    }

    /** s_j = v_j - (v P)_j / P_jj, which is v B with B's zero diagonal. */
    double[] columnScores(int[] liked) {
        int n = animeIds.length;
        double[] v = new double[n];
        for (int id : distinct(liked)) {
            Integer c = columns.get(id);
            if (c != null) {
                v[c] = 1;
            }
        }
        double[] vp = new double[n];
        if (userInverse != null) {
            int m = rows.length;
            double[] overlap = new double[m];
            for (int u = 0; u < m; u++) {
                for (int c : rows[u]) {
                    overlap[u] += v[c];
                }
            }
            double[] weights = new double[m];
            for (int a = 0; a < m; a++) {
                double sum = 0;
                for (int b = 0; b < m; b++) {
                    sum += userInverse[a * m + b] * overlap[b];
                }
                weights[a] = sum;
            }
            double[] spread = new double[n];
            for (int u = 0; u < m; u++) {
                for (int c : rows[u]) {
                    spread[c] += weights[u];
                }
            }
            for (int j = 0; j < n; j++) {
                vp[j] = (v[j] - spread[j]) / lambda;
            }
        } else {
            for (int i = 0; i < n; i++) {
                if (v[i] != 0) {
                    for (int j = 0; j < n; j++) {
                        vp[j] += itemInverse[i * n + j];
                    }
                }
            }
        }
        double[] scores = new double[n];
        for (int j = 0; j < n; j++) {
            scores[j] = v[j] - vp[j] / diagonal[j];
        }
        return scores;
    }

    private static int[][] usersByColumn(int[][] rows, int n) {
        int[] sizes = new int[n];
        for (int[] row : rows) {
            for (int c : row) {
                sizes[c]++;
            }
        }
        int[][] byColumn = new int[n][];
        for (int c = 0; c < n; c++) {
            byColumn[c] = new int[sizes[c]];
        }
        int[] next = new int[n];
        for (int u = 0; u < rows.length; u++) {
            for (int c : rows[u]) {
                byColumn[c][next[c]++] = u;
            }
        }
        return byColumn;
    }

    private static int[] distinct(int[] ids) {
        return Arrays.stream(ids).distinct().toArray();
    }
}
