package dev.animerec.ml.serving;

import java.io.Serializable;
import java.util.List;

/**
 * A gradient-boosted forest of binary regression trees in flat arrays, exported from Spark's
 * {@code GBTClassificationModel}: the margin is {@code sum(weight_t * leafValue_t(x))}, a row goes left when
 * {@code x[feature] <= threshold}. Each node keeps its mean value so the margin can be split into per-feature
 * contributions along the decision path (Saabas), which is how the reasons name the features that lifted an item.
 */
public record GbtForest(List<String> featureNames, List<Tree> trees) implements Serializable {

    public record Tree(double weight, int[] feature, double[] threshold, int[] left, int[] right, double[] value)
            implements Serializable {

        double leafValue(double[] x) {
            int node = 0;
            while (feature[node] >= 0) {
                node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
            }
            return value[node];
        }

        void addContributions(double[] x, double[] contributions) {
            int node = 0;
            while (feature[node] >= 0) {
                int next = x[feature[node]] <= threshold[node] ? left[node] : right[node];
                contributions[feature[node]] += weight * (value[next] - value[node]);
                node = next;
            }
        }
    }

    public double margin(double[] x) {
        double margin = 0;
        for (Tree tree : trees) {
            margin += tree.weight() * tree.leafValue(x);
        }
        return margin;
    }

    /** Contribution of each feature to this row's margin, relative to the forest's average row. */
    public double[] contributions(double[] x) {
        double[] contributions = new double[featureNames.size()];
        for (Tree tree : trees) {
            tree.addContributions(x, contributions);
        }
        return contributions;
    }
}
