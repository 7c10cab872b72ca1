package dev.animerec.ml.serving;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Candidate generation, features, ranking and reasons for one user, in plain Java: the batch runs it inside
 * Spark tasks (with the user's ALS vector from training) and serving runs it in-process after a fold-in, so both
 * rank with one implementation.
 */
public final class Recommender {

    public static final int CANDIDATES = 300;
    public static final int EASE_CANDIDATES = 150;
    public static final int ALS_CANDIDATES = 100;
    static final int REASON_HISTORY = 500;

    private final ServingModel model;

    public Recommender(ServingModel model) {
        this.model = model;
    }

    public record Ranked(int item, double score, double[] features, List<String> reasons) {
    }

    /** The candidates of one user with their features, in candidate order (ALS first, then item-to-item). */
    public record CandidateSet(int[] items, double[][] features, int[] bestSource) {
    }

    public CandidateSet candidates(UserList list, double[] userVector) {
        ItemCatalogue catalogue = model.catalogue();
        ItemFactors factors = model.factors();
        int n = catalogue.size();
        boolean[] onList = excluded(list, catalogue);
        double[] als = new double[n];
        for (int j = 0; j < n; j++) {
            als[j] = factors.dot(userVector, j);
        }
        double[] itemItem = new double[n];
        int[] bestSource = new int[n];
        double[] bestContribution = new double[n];
        Arrays.fill(bestSource, -1);
        Neighbours neighbours = model.neighbours();
        for (int e = 0; e < list.items().length; e++) {
            double rating = list.ratings()[e];
            if (rating <= 0) {
                continue;
            }
            int source = list.items()[e];
            int[] others = neighbours.items()[source];
            float[] sims = neighbours.scores()[source];
            for (int o = 0; o < others.length; o++) {
                double contribution = rating * sims[o];
                itemItem[others[o]] += contribution;
                if (contribution > bestContribution[others[o]]) {
                    bestContribution[others[o]] = contribution;
                    bestSource[others[o]] = source;
                }
            }
        }
        double[] ease = model.ease().scores(liked(list), n);
        int[] easeTop = TopK.select(ease, onList, CANDIDATES, Double.NEGATIVE_INFINITY);
        int[] easeRank = new int[n];
        Arrays.fill(easeRank, CANDIDATES);
        for (int r = 0; r < easeTop.length; r++) {
            easeRank[easeTop[r]] = r;
        }
        int[] alsTop = TopK.select(als, onList, CANDIDATES, Double.NEGATIVE_INFINITY);
        int[] itemItemTop = TopK.select(itemItem, onList, CANDIDATES, 0.0);
        int[] alsRank = new int[n];
        Arrays.fill(alsRank, -1);
        for (int r = 0; r < alsTop.length; r++) {
            alsRank[alsTop[r]] = r;
        }
        int[] itemItemRank = new int[n];
        Arrays.fill(itemItemRank, CANDIDATES);
        for (int r = 0; r < itemItemTop.length; r++) {
            itemItemRank[itemItemTop[r]] = r;
        }
        int[] chosen = chooseCandidates(easeTop, alsTop, itemItemTop, n);
        // EASE's item-item weights read against the rest of the list: what the user plans to watch, what they
        // dropped or scored 1-4, and their scores centred on their own mean (liked above their habit or below).
        double[] planned = new double[list.items().length];
        double[] disliked = new double[list.items().length];
        double[] centred = new double[list.items().length];
        double meanScore = meanScore(list);
        for (int e = 0; e < list.items().length; e++) {
            double rating = list.ratings()[e];
            planned[e] = Signals.planned(rating) ? 1 : 0;
            disliked[e] = rating < 0 ? 1 : 0;
            centred[e] = Signals.liked(rating) && list.scores()[e] > 0 ? list.scores()[e] - meanScore : 0;
        }
        double[] easePlanned = model.ease().weightedScores(list.items(), planned, n);
        double[] easeDisliked = model.ease().weightedScores(list.items(), disliked, n);
        double[] easeCentered = model.ease().weightedScores(list.items(), centred, n);
        double bestAls = alsTop.length == 0 ? 0 : als[alsTop[0]];
        double bestItemItem = itemItemTop.length == 0 ? 0 : itemItem[itemItemTop[0]];
        double bestEase = easeTop.length == 0 ? 0 : ease[easeTop[0]];
        UserProfile profile = new UserProfile(list);
        double[][] features = new double[chosen.length][];
        int[] sources = new int[chosen.length];
        int[] outsideAlsTop = Arrays.stream(chosen).filter(j -> alsRank[j] < 0).toArray();
        int[] outsideRanks = TopK.ranks(als, onList, outsideAlsTop);
        for (int i = 0; i < outsideAlsTop.length; i++) {
            alsRank[outsideAlsTop[i]] = outsideRanks[i];
        }
        for (int c = 0; c < chosen.length; c++) {
            int j = chosen[c];
            int rank = alsRank[j];
            features[c] = profile.features(j, als[j], rank, itemItem[j], itemItemRank[j]);
            features[c][17] = bestAls > 0 ? als[j] / bestAls : 0;
            features[c][18] = bestItemItem > 0 ? itemItem[j] / bestItemItem : 0;
            features[c][19] = Double.isInfinite(ease[j]) ? 0 : ease[j];
            features[c][20] = Math.log1p(easeRank[j]);
            features[c][21] = bestEase > 0 && !Double.isInfinite(ease[j]) ? ease[j] / bestEase : 0;
            features[c][22] = finite(easePlanned[j]);
            features[c][23] = finite(easeDisliked[j]);
            features[c][24] = finite(easeCentered[j]);
            sources[c] = bestSource[j];
        }
        return new CandidateSet(chosen, features, sources);
    }

    /**
     * What is never a candidate: everything on the list, and a sequel whose direct prequels are not all seen (the
     * serving app's default "no sequels of unseen seasons", applied here too so that the published top 100 survives
     * it). Seen = on the list with a rating other than plan-to-watch's or "no status": liked, or a negative rating,
     * which also covers dropped (the serving filter, which knows statuses, hides sequels of a dropped show too).
     */
    static boolean[] excluded(UserList list, ItemCatalogue catalogue) {
        int n = catalogue.size();
        boolean[] excluded = new boolean[n];
        boolean[] seen = new boolean[n];
        for (int e = 0; e < list.items().length; e++) {
            excluded[list.items()[e]] = true;
            double rating = list.ratings()[e];
            seen[list.items()[e]] = rating != 0 && !Signals.planned(rating);
        }
        for (int j = 0; j < n; j++) {
            for (int prequel : catalogue.prequels()[j]) {
                if (!seen[prequel]) {
                    excluded[j] = true;
                    break;
                }
            }
        }
        return excluded;
    }

    /** Top k of the ranked candidates; with {@code explain}, each comes with its reasons. */
    public List<Ranked> recommend(UserList list, double[] userVector, int k, boolean explain) {
        CandidateSet set = candidates(list, userVector);
        GbtForest forest = model.forest();
        double[] scores = new double[set.items().length];
        for (int c = 0; c < scores.length; c++) {
            scores[c] = forest == null ? set.features()[c][0] : forest.margin(set.features()[c]);
        }
        int[] order = TopK.select(scores, null, Math.min(k, scores.length), Double.NEGATIVE_INFINITY);
        List<Ranked> ranked = new ArrayList<>(order.length);
        LikedVectors liked = explain ? likedVectors(list) : null;
        for (int c : order) {
            List<String> reasons = explain ? reasons(list, liked, set, c) : List.of();
            ranked.add(new Ranked(set.items()[c], scores[c], set.features()[c], reasons));
        }
        return ranked;
    }

    public List<Ranked> recommend(UserList list, int k, boolean explain) {
        return recommend(list, model.factors().foldIn(list.items(), list.ratings()), k, explain);
    }

    /**
     * EASE top 150 (the strongest single source), then ALS's best not yet taken up to 250, then item-to-item, then
     * more ALS, up to 300.
     */
    private static int[] chooseCandidates(int[] easeTop, int[] alsTop, int[] itemItemTop, int n) {
        boolean[] taken = new boolean[n];
        int[] chosen = new int[CANDIDATES];
        int size = 0;
        for (int r = 0; r < Math.min(EASE_CANDIDATES, easeTop.length); r++) {
            taken[easeTop[r]] = true;
            chosen[size++] = easeTop[r];
        }
        int alsTaken = 0;
        for (int r = 0; r < alsTop.length && size < EASE_CANDIDATES + ALS_CANDIDATES; r++) {
            alsTaken = r + 1;
            if (!taken[alsTop[r]]) {
                taken[alsTop[r]] = true;
                chosen[size++] = alsTop[r];
            }
        }
        for (int r = 0; r < itemItemTop.length && size < CANDIDATES; r++) {
            if (!taken[itemItemTop[r]]) {
                taken[itemItemTop[r]] = true;
                chosen[size++] = itemItemTop[r];
            }
        }
        for (int r = alsTaken; r < alsTop.length && size < CANDIDATES; r++) {
            if (!taken[alsTop[r]]) {
                taken[alsTop[r]] = true;
                chosen[size++] = alsTop[r];
            }
        }
        return Arrays.copyOf(chosen, size);
    }

    private static double finite(double value) {
        return Double.isInfinite(value) ? 0 : value;
    }

    private static double meanScore(UserList list) {
        double sum = 0;
        int scored = 0;
        for (int score : list.scores()) {
            if (score > 0) {
                sum += score;
                scored++;
            }
        }
        return scored == 0 ? 0 : sum / scored;
    }

    /** The liked entries EASE is scored from (it was fitted on liked entries only, see {@link Signals#liked}). */
    public static int[] liked(UserList list) {
        int count = 0;
        for (double rating : list.ratings()) {
            if (Signals.liked(rating)) {
                count++;
            }
        }
        int[] items = new int[count];
        int next = 0;
        for (int e = 0; e < list.items().length; e++) {
            if (Signals.liked(list.ratings()[e])) {
                items[next++] = list.items()[e];
            }
        }
        return items;
    }

    private List<String> reasons(UserList list, LikedVectors liked, CandidateSet set, int candidate) {
        ItemCatalogue catalogue = model.catalogue();
        int item = set.items()[candidate];
        int source = set.bestSource()[candidate];
        if (source < 0) {
            source = closestOnList(liked, item);
        }
        List<String> reasons = new ArrayList<>(2);
        if (source >= 0) {
            int score = scoreOf(list, source);
            reasons.add("because you watched " + catalogue.titles()[source]
                    + (score > 0 ? " (you scored " + score + ")" : " (not scored)"));
        }
        GbtForest forest = model.forest();
        if (forest != null) {
            double[] contributions = forest.contributions(set.features()[candidate]);
            List<String> lifts = new ArrayList<>(2);
            for (int f : TopK.select(contributions, null, 2, 0.0)) {
                lifts.add(Features.WORDS.get(f));
            }
            if (!lifts.isEmpty()) {
                reasons.add("lifted by: " + String.join(", ", lifts));
            }
        }
        return reasons;
    }

    /** The liked anime on the list as unit ALS vectors, computed once per user for the "because you watched". */
    private record LikedVectors(int[] items, double[] weights, double[][] unit) {
    }

    /**
     * The user's {@value #REASON_HISTORY} most strongly liked entries (ties: list order): the "because you watched"
     * search is items x history x rank, which for an 18k-entry list alone took over 100 ms.
     */
    private LikedVectors likedVectors(UserList list) {
        ItemFactors factors = model.factors();
        double[] strength = new double[list.items().length];
        for (int e = 0; e < strength.length; e++) {
            strength[e] = list.ratings()[e];
        }
        int[] strongest = TopK.select(strength, null, Math.min(REASON_HISTORY, strength.length), 0.0);
        int[] liked = new int[strongest.length];
        double[] weights = new double[strongest.length];
        double[][] unit = new double[strongest.length][];
        for (int k = 0; k < strongest.length; k++) {
            int e = strongest[k];
            liked[k] = list.items()[e];
            weights[k] = list.ratings()[e];
            double[] v = factors.vector(liked[k]);
            double norm = Math.sqrt(dot(v, v));
            for (int f = 0; f < v.length; f++) {
                v[f] = norm == 0 ? 0 : v[f] / norm;
            }
            unit[k] = v;
        }
        return new LikedVectors(liked, weights, unit);
    }

    private int closestOnList(LikedVectors liked, int item) {
        double[] target = model.factors().vector(item);
        int best = -1;
        double bestScore = 0;
        for (int k = 0; k < liked.items().length; k++) {
            double score = liked.weights()[k] * dot(liked.unit()[k], target);
            if (score > bestScore) {
                bestScore = score;
                best = liked.items()[k];
            }
        }
        return best;
    }

    private static int scoreOf(UserList list, int item) {
        for (int e = 0; e < list.items().length; e++) {
            if (list.items()[e] == item) {
                return list.scores()[e];
            }
        }
        return 0;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /** What the features need to know about the user, computed once per user. */
    private final class UserProfile {
        private final Map<Integer, Double> genreWeights = new HashMap<>();
        private final Map<Integer, Double> studioWeights = new HashMap<>();
        private final boolean[] positive;
        private final boolean[] onList;
        private final double genreNorm;
        private final double positiveMass;
        private final double meanYear;
        private final double activity;
        private final double meanScore;

        UserProfile(UserList list) {
            ItemCatalogue catalogue = model.catalogue();
            positive = new boolean[catalogue.size()];
            onList = new boolean[catalogue.size()];
            double mass = 0;
            double yearSum = 0;
            double yearMass = 0;
            double scoreSum = 0;
            int scored = 0;
            for (int e = 0; e < list.items().length; e++) {
                int item = list.items()[e];
                onList[item] = true;
                if (list.scores()[e] > 0) {
                    scoreSum += list.scores()[e];
                    scored++;
                }
                double rating = list.ratings()[e];
                if (rating <= 0) {
                    continue;
                }
                positive[item] = true;
                mass += rating;
                for (int genre : catalogue.genres()[item]) {
                    genreWeights.merge(genre, rating, Double::sum);
                }
                for (int studio : catalogue.studios()[item]) {
                    studioWeights.merge(studio, rating, Double::sum);
                }
                if (catalogue.year()[item] > 0) {
                    yearSum += rating * catalogue.year()[item];
                    yearMass += rating;
                }
            }
            double norm = 0;
            for (double w : genreWeights.values()) {
                norm += w * w;
            }
            genreNorm = Math.sqrt(norm);
            positiveMass = mass;
            meanYear = yearMass > 0 ? yearSum / yearMass : 0;
            activity = Math.log1p(list.items().length);
            meanScore = scored > 0 ? scoreSum / scored : 0;
        }

        double[] features(int item, double alsScore, int alsRank, double itemItemScore, int itemItemRank) {
            ItemCatalogue catalogue = model.catalogue();
            double[] x = new double[Features.SIZE];
            x[0] = alsScore;
            x[1] = Math.log1p(alsRank);
            x[2] = itemItemScore;
            x[3] = Math.log1p(itemItemRank);
            x[4] = Math.log1p(catalogue.trainPopularity()[item]);
            x[5] = catalogue.malScore()[item];
            x[6] = Math.log1p(catalogue.members()[item]);
            int[] genres = catalogue.genres()[item];
            double genreDot = 0;
            for (int genre : genres) {
                genreDot += genreWeights.getOrDefault(genre, 0.0);
            }
            x[7] = genres.length == 0 || genreNorm == 0 ? 0 : genreDot / (Math.sqrt(genres.length) * genreNorm);
            double studioMass = 0;
            for (int studio : catalogue.studios()[item]) {
                studioMass = Math.max(studioMass, studioWeights.getOrDefault(studio, 0.0));
            }
            x[8] = positiveMass == 0 ? 0 : studioMass / positiveMass;
            x[9] = catalogue.typeCode()[item];
            int year = catalogue.year()[item];
            x[10] = year > 0 ? year : -1;
            x[11] = year > 0 && meanYear > 0 ? year - meanYear : 0;
            double sequel = 0;
            for (int prequel : catalogue.prequels()[item]) {
                if (positive[prequel]) {
                    sequel = 1;
                }
            }
            x[12] = sequel;
            int related = 0;
            for (int other : catalogue.related()[item]) {
                if (onList[other]) {
                    related++;
                }
            }
            x[13] = related;
            double recommenders = 0;
            int[] by = catalogue.recommendedBy()[item];
            for (int r = 0; r < by.length; r++) {
                if (positive[by[r]]) {
                    recommenders += catalogue.recommenderCounts()[item][r];
                }
            }
            x[14] = Math.log1p(recommenders);
            x[15] = activity;
            x[16] = meanScore;
            return x;
        }
    }
}
