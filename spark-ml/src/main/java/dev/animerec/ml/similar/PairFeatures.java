package dev.animerec.ml.similar;

import dev.animerec.ml.serving.Ease;
import dev.animerec.ml.serving.ItemCatalogue;
import dev.animerec.ml.serving.Neighbours;
import dev.animerec.ml.serving.ServingModel;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Candidates and features of (anchor, candidate) pairs for the anime-to-anime lane, from one model's artefacts:
 * co-occurrence neighbours, EASE item-item weights, MAL relations and MAL user recommendations, plus metadata
 * (genres, studios, popularity, score, years, type). Plain Java, so the same code builds training examples, the
 * evaluation and the published lists.
 */
final class PairFeatures {

    static final List<String> NAMES = List.of("cooccurrence_score", "cooccurrence_rank_log", "ease_weight",
            "ease_rank_log", "related", "direct_sequel", "prequel_of_anchor", "mal_recommenders_log",
            "genre_jaccard", "same_studio", "popularity_ratio_log", "mal_score_difference", "years_apart",
            "same_type", "candidate_type");
    static final int EASE_CANDIDATES = 50;

    private final ServingModel model;
    private final ItemCatalogue catalogue;
    /** item -> its direct sequels (the catalogue holds the reverse: item -> its direct prequels). */
    private final int[][] sequels;
    /** item -> the items MAL users recommend from it. */
    private final int[][] recommends;
    private final Map<Integer, Integer> easePosition = new HashMap<>();

    PairFeatures(ServingModel model) {
        this.model = model;
        this.catalogue = model.catalogue();
        sequels = reversed(catalogue.prequels());
        recommends = reversed(catalogue.recommendedBy());
        int[] easeItems = model.ease().items();
        for (int p = 0; p < easeItems.length; p++) {
            easePosition.put(easeItems[p], p);
        }
    }

    /**
     * The candidates of an anchor: its co-occurrence neighbours, EASE's top weights, relations and the anime MAL
     * users recommend from it; never the anchor, and never a sequel the anchor is not the direct prequel of
     * (season 3 is no pick for someone who watched season 1; the direct sequel is).
     */
    int[] candidates(int anchor) {
        Set<Integer> candidates = new LinkedHashSet<>();
        for (int other : model.neighbours().items()[anchor]) {
            candidates.add(other);
        }
        for (int other : easeTop(anchor)) {
            candidates.add(other);
        }
        for (int other : catalogue.related()[anchor]) {
            candidates.add(other);
        }
        for (int other : sequels[anchor]) {
            candidates.add(other);
        }
        for (int other : recommends[anchor]) {
            candidates.add(other);
        }
        candidates.remove(anchor);
        candidates.removeIf(other -> catalogue.prequels()[other].length > 0 && !isDirectSequel(anchor, other));
        return candidates.stream().mapToInt(Integer::intValue).toArray();
    }

    boolean isDirectSequel(int anchor, int candidate) {
        for (int prequel : catalogue.prequels()[candidate]) {
            if (prequel == anchor) {
                return true;
            }
        }
        return false;
    }

    /** Features of each candidate, in {@link #NAMES} order. */
    double[][] features(int anchor, int[] candidates) {
        Neighbours neighbours = model.neighbours();
        Map<Integer, Integer> coRank = new HashMap<>();
        Map<Integer, Float> coScore = new HashMap<>();
        for (int r = 0; r < neighbours.items()[anchor].length; r++) {
            coRank.put(neighbours.items()[anchor][r], r);
            coScore.put(neighbours.items()[anchor][r], neighbours.scores()[anchor][r]);
        }
        int[] easeTop = easeTop(anchor);
        Map<Integer, Integer> easeRank = new HashMap<>();
        for (int r = 0; r < easeTop.length; r++) {
            easeRank.put(easeTop[r], r);
        }
        Set<Integer> related = new HashSet<>();
        for (int other : catalogue.related()[anchor]) {
            related.add(other);
        }
        double[][] x = new double[candidates.length][NAMES.size()];
        for (int c = 0; c < candidates.length; c++) {
            int j = candidates[c];
            double[] f = x[c];
            f[0] = coScore.getOrDefault(j, 0f);
            f[1] = Math.log1p(coRank.getOrDefault(j, 100));
            f[2] = easeWeight(anchor, j);
            f[3] = Math.log1p(easeRank.getOrDefault(j, 100));
            f[4] = related.contains(j) || contains(catalogue.related()[j], anchor) ? 1 : 0;
            f[5] = isDirectSequel(anchor, j) ? 1 : 0;
            f[6] = contains(catalogue.prequels()[anchor], j) ? 1 : 0;
            f[7] = Math.log1p(recommenders(anchor, j));
            f[8] = jaccard(catalogue.genres()[anchor], catalogue.genres()[j]);
            f[9] = overlaps(catalogue.studios()[anchor], catalogue.studios()[j]) ? 1 : 0;
            f[10] = Math.log((catalogue.trainPopularity()[j] + 1) / (catalogue.trainPopularity()[anchor] + 1));
            f[11] = catalogue.malScore()[j] - catalogue.malScore()[anchor];
            int ya = catalogue.year()[anchor];
            int yc = catalogue.year()[j];
            f[12] = ya > 0 && yc > 0 ? Math.abs(yc - ya) : -1;
            f[13] = catalogue.typeCode()[anchor] == catalogue.typeCode()[j] ? 1 : 0;
            f[14] = catalogue.typeCode()[j];
        }
        return x;
    }

    /** Today's hand-set list before the learned ranker, kept as the evaluation's baseline. */
    static double bonusScore(double[] features) {
        return features[0] + (features[4] > 0 ? 0.2 : 0) + 0.05 * features[7];
    }

    private int[] easeTop(int anchor) {
        Ease ease = model.ease();
        Integer row = easePosition.get(anchor);
        if (row == null) {
            return new int[0];
        }
        int m = ease.items().length;
        double[] weights = new double[m];
        for (int j = 0; j < m; j++) {
            weights[j] = ease.weights()[row * m + j];
        }
        int[] top = dev.animerec.ml.serving.TopK.select(weights, null, Math.min(EASE_CANDIDATES, m), 0.0);
        int[] items = new int[top.length];
        for (int r = 0; r < top.length; r++) {
            items[r] = ease.items()[top[r]];
        }
        return items;
    }

    private double easeWeight(int anchor, int candidate) {
        Integer row = easePosition.get(anchor);
        Integer column = easePosition.get(candidate);
        if (row == null || column == null) {
            return 0;
        }
        return model.ease().weights()[row * model.ease().items().length + column];
    }

    private double recommenders(int anchor, int candidate) {
        int[] by = catalogue.recommendedBy()[candidate];
        for (int r = 0; r < by.length; r++) {
            if (by[r] == anchor) {
                return catalogue.recommenderCounts()[candidate][r];
            }
        }
        return 0;
    }

    /** Edges turned around: {@code edges[j]} lists the i with i -> j; the result lists, for each i, those j. */
    private static int[][] reversed(int[][] edges) {
        List<List<Integer>> turned = new java.util.ArrayList<>(edges.length);
        for (int i = 0; i < edges.length; i++) {
            turned.add(new java.util.ArrayList<>());
        }
        for (int j = 0; j < edges.length; j++) {
            for (int i : edges[j]) {
                turned.get(i).add(j);
            }
        }
        int[][] arrays = new int[edges.length][];
        for (int i = 0; i < arrays.length; i++) {
            arrays[i] = turned.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        return arrays;
    }

    private static boolean contains(int[] values, int value) {
        for (int v : values) {
            if (v == value) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(int[] a, int[] b) {
        for (int v : a) {
            if (contains(b, v)) {
                return true;
            }
        }
        return false;
    }

    private static double jaccard(int[] a, int[] b) {
        if (a.length == 0 && b.length == 0) {
            return 0;
        }
        int both = 0;
        for (int v : a) {
            if (contains(b, v)) {
                both++;
            }
        }
        return both / (double) (a.length + b.length - both);
    }
}
