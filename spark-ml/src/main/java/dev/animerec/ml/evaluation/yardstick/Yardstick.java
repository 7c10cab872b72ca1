package dev.animerec.ml.evaluation.yardstick;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.struct;

import dev.animerec.ml.common.DenseInverse;
import dev.animerec.ml.evaluation.Metrics;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baselines every evaluation reports beside the product: {@link TextbookEase} with lambda tuned on the validation
 * users (fitted without their hidden entries), then fitted on the rows the product's evaluated retrieval sees, and
 * popularity (training positives per anime). Built from the split's raw rows (status, score, part) and
 * nothing of the product's signal, catalogue or candidate code; the truth is each held-out user's hidden
 * positives, by anime id, whatever any model knows.
 */
public final class Yardstick {

    private static final Logger log = LoggerFactory.getLogger(Yardstick.class);

    public static final double[] LAMBDAS = {25, 50, 100, 200, 400, 800};
    public static final int TOP = 100;

    /** One held-out user: the whole visible list (never recommended), its positives, the hidden positives. */
    public record HeldOut(String username, Set<Integer> visible, int[] visiblePositives, Set<Integer> truth) {
    }

    private final TextbookEase ease;
    private final int[] popularityOrder;
    private final Map<Double, Double> validationNdcg;

    private Yardstick(TextbookEase ease, int[] popularityOrder, Map<Double, Double> validationNdcg) {
        this.ease = ease;
        this.popularityOrder = popularityOrder;
        this.validationNdcg = validationNdcg;
    }

    /**
     * @param interactions the split ({@code username, anime_id, status, score, part})
     * @param tuningParts the parts lambda is tuned on (without the validation users' hidden entries)
     * @param finalParts the parts the chosen lambda is fitted on for the test users
     */
    public static Yardstick fit(Dataset<Row> interactions, List<String> tuningParts, String validationVisible,
                                String validationHidden, double[] lambdas, List<String> finalParts) {
        List<int[]> tuning = training(interactions, tuningParts);
        int[] tuningPopularity = popularity(tuning);
        List<HeldOut> validation = heldOut(interactions, validationVisible, validationHidden);
        if (validation.isEmpty()) {
            throw new IllegalStateException("no validation user with hidden positives: cannot tune the yardstick");
        }
        Map<Double, Double> scores = new LinkedHashMap<>();
        double bestLambda = lambdas[0];
        for (double lambda : lambdas) {
            TextbookEase candidate = TextbookEase.fit(tuning, lambda, 2);
            double sum = 0;
            for (HeldOut user : validation) {
                sum += Metrics.ndcg(rank(candidate, tuningPopularity, user), user.truth(), 20);
            }
            double ndcg = sum / validation.size();
            scores.put(lambda, ndcg);
            log.info("yardstick EASE lambda {} on {} items: validation NDCG@20 {} ({} users)", lambda,
                    candidate.items(), String.format("%.4f", ndcg), validation.size());
            if (ndcg > scores.get(bestLambda)) {
                bestLambda = lambda;
            }
        }
        List<int[]> training = training(interactions, finalParts);
        TextbookEase ease = TextbookEase.fit(training, bestLambda, 2);
        log.info("yardstick EASE: lambda {} fitted on {} lists, {} items, LAPACK {}", bestLambda, training.size(),
                ease.items(), DenseInverse.lapack());
        return new Yardstick(ease, popularity(training), scores);
    }

    private static List<int[]> training(Dataset<Row> interactions, List<String> parts) {
        List<int[]> training = new ArrayList<>();
        for (Row row : lists(interactions, parts)) {
            training.add(positives(row.getList(1)));
        }
        return training;
    }

    /** Training positives per anime, most first (ties: lower id). */
    private static int[] popularity(List<int[]> training) {
        Map<Integer, Integer> positives = new HashMap<>();
        for (int[] liked : training) {
            for (int id : liked) {
                positives.merge(id, 1, Integer::sum);
            }
        }
        return positives.entrySet().stream()
                .sorted((a, b) -> a.getValue().equals(b.getValue()) ? Integer.compare(a.getKey(), b.getKey())
                        : Integer.compare(b.getValue(), a.getValue()))
                .mapToInt(Map.Entry::getKey).toArray();
    }

    public TextbookEase ease() {
        return ease;
    }

    public Map<Double, Double> validationNdcg() {
        return validationNdcg;
    }

    /** The yardstick EASE's top 100 (anime ids), never anything on the visible list. */
    public int[] rankEase(HeldOut user) {
        return rank(ease, popularityOrder, user);
    }

    /** The most popular anime not on the visible list. */
    public int[] rankPopularity(HeldOut user) {
        return fill(new int[0], popularityOrder, user.visible());
    }

    /** The held-out users of a visible / hidden pair of parts, those with at least one hidden positive. */
    public static List<HeldOut> heldOut(Dataset<Row> interactions, String visiblePart, String hiddenPart) {
        Map<String, List<Row>> visible = new HashMap<>();
        for (Row row : lists(interactions, List.of(visiblePart))) {
            visible.put(row.getString(0), row.getList(1));
        }
        List<HeldOut> users = new ArrayList<>();
        for (Row row : lists(interactions, List.of(hiddenPart))) {
            Set<Integer> truth = new HashSet<>();
            for (int id : positives(row.getList(1))) {
                truth.add(id);
            }
            List<Row> seen = visible.getOrDefault(row.getString(0), List.of());
            Set<Integer> onList = new HashSet<>();
            for (Row entry : seen) {
                onList.add(entry.getInt(0));
            }
            if (!truth.isEmpty()) {
                users.add(new HeldOut(row.getString(0), onList, positives(seen), truth));
            }
        }
        users.sort((a, b) -> a.username().compareTo(b.username()));
        return users;
    }

    private static int[] rank(TextbookEase ease, int[] popularity, HeldOut user) {
        Map<Integer, Double> scores = ease.scores(user.visiblePositives());
        int[] ids = scores.keySet().stream().filter(id -> !user.visible().contains(id))
                .sorted((a, b) -> {
                    int byScore = Double.compare(scores.get(b), scores.get(a));
                    return byScore != 0 ? byScore : Integer.compare(a, b);
                })
                .limit(TOP).mapToInt(Integer::intValue).toArray();
        return fill(ids, popularity, user.visible());
    }

    /** Continues a ranking that is shorter than {@link #TOP} with the most popular unseen anime. */
    private static int[] fill(int[] ranked, int[] popularity, Set<Integer> visible) {
        if (ranked.length >= TOP) {
            return ranked;
        }
        Set<Integer> taken = new HashSet<>();
        List<Integer> out = new ArrayList<>();
        for (int id : ranked) {
            taken.add(id);
            out.add(id);
        }
        for (int id : popularity) {
            if (out.size() >= TOP) {
                break;
            }
            if (!visible.contains(id) && taken.add(id)) {
                out.add(id);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static List<Row> lists(Dataset<Row> interactions, List<String> parts) {
        return interactions.filter(col("part").isin(parts.toArray()))
                .groupBy("username")
                .agg(collect_list(struct(col("anime_id"), col("status"), col("score"))).as("entries"))
                .orderBy("username").collectAsList();
    }

    private static int[] positives(List<Row> entries) {
        return entries.stream().filter(e -> TextbookEase.positive(e.getString(1), e.isNullAt(2) ? 0 : e.getInt(2)))
                .mapToInt(e -> e.getInt(0)).distinct().toArray();
    }
}
