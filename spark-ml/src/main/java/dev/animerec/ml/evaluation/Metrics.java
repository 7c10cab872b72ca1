package dev.animerec.ml.evaluation;

import java.util.Set;

/**
 * Full-ranking metrics with binary relevance. Recall@K is normalised by {@code min(K, |relevant|)} (so a perfect
 * list scores 1 even when the user has more relevant items than K); NDCG@K uses the ideal DCG of
 * {@code min(K, |relevant|)} hits.
 */
public final class Metrics {

    private Metrics() {
    }

    public static double recall(int[] ranked, Set<Integer> relevant, int k) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("recall is undefined without relevant items");
        }
        int hits = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant.contains(ranked[r])) {
                hits++;
            }
        }
        return hits / (double) Math.min(k, relevant.size());
    }

    public static double ndcg(int[] ranked, Set<Integer> relevant, int k) {
        if (relevant.isEmpty()) {
            throw new IllegalArgumentException("NDCG is undefined without relevant items");
        }
        double dcg = 0;
        for (int r = 0; r < Math.min(k, ranked.length); r++) {
            if (relevant.contains(ranked[r])) {
                dcg += 1 / log2(r + 2);
            }
        }
        double ideal = 0;
        for (int r = 0; r < Math.min(k, relevant.size()); r++) {
            ideal += 1 / log2(r + 2);
        }
        return dcg / ideal;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
