package dev.animerec.ml.ranking;

import dev.animerec.ml.serving.Features;
import dev.animerec.ml.serving.GbtForest;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.regression.DecisionTreeRegressionModel;
import org.apache.spark.ml.tree.ContinuousSplit;
import org.apache.spark.ml.tree.InternalNode;
import org.apache.spark.ml.tree.Node;

/** Flattens Spark's GBT trees into the portable {@link GbtForest} (breadth-first node arrays). */
public final class GbtExport {

    private GbtExport() {
    }

    public static GbtForest export(GBTClassificationModel model) {
        return export(model, Features.NAMES);
    }

    /** @param names the names of the model's features, in vector order */
    public static GbtForest export(GBTClassificationModel model, List<String> names) {
        DecisionTreeRegressionModel[] trees = model.trees();
        double[] weights = model.treeWeights();
        List<GbtForest.Tree> exported = new ArrayList<>(trees.length);
        for (int t = 0; t < trees.length; t++) {
            exported.add(flatten(trees[t].rootNode(), weights[t]));
        }
        return new GbtForest(names, exported);
    }

    private static GbtForest.Tree flatten(Node root, double weight) {
        List<Node> nodes = new ArrayList<>();
        nodes.add(root);
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i) instanceof InternalNode internal) {
                nodes.add(internal.leftChild());
                nodes.add(internal.rightChild());
            }
        }
        int size = nodes.size();
        int[] feature = new int[size];
        double[] threshold = new double[size];
        int[] left = new int[size];
        int[] right = new int[size];
        double[] value = new double[size];
        int next = 1;
        for (int i = 0; i < size; i++) {
            Node node = nodes.get(i);
            value[i] = node.prediction();
            if (node instanceof InternalNode internal) {
                if (!(internal.split() instanceof ContinuousSplit split)) {
                    throw new IllegalStateException("categorical splits are not exported; features must be numeric");
                }
                feature[i] = split.featureIndex();
                threshold[i] = split.threshold();
                left[i] = next++;
                right[i] = next++;
            } else {
                feature[i] = -1;
                left[i] = -1;
                right[i] = -1;
            }
        }
        return new GbtForest.Tree(weight, feature, threshold, left, right, value);
    }
}
