package dev.animerec.ml.serving;

import java.io.Serializable;
import java.util.List;

/**
 * EASE (Steck 2019): closed-form item-item weights {@code B = I - P diag(1/diag(P))}, {@code P = (X^T X +
 * lambda I)^-1}, zero diagonal. The inversion is n^3 and B is dense, so it is restricted to the {@code n} most
 * popular items; the rest of the catalogue gets no EASE score. Used as a baseline in evaluation and as an
 * item-to-item candidate source and feature in ranking; serialised as {@code ease.bin} (big-endian: n, the n
 * catalogue indices, then n x n float32 weights).
 */
public record Ease(int[] items, float[] weights) implements Serializable {

    /** Inverts a symmetric positive definite matrix (row-major, full). */
    @FunctionalInterface
    public interface SymmetricInverse {
        double[] invert(double[] matrix, int size);
    }

    /** @param items catalogue indices of the modelled items; @param lists each training user's positive items */
    public static Ease fit(int[] items, int catalogueSize, List<int[]> lists, double lambda) {
        return fit(items, catalogueSize, lists, lambda, Cholesky::invert);
    }

    /** The same with another inverse (training uses LAPACK; this package stays free of anything but Jackson). */
    public static Ease fit(int[] items, int catalogueSize, List<int[]> lists, double lambda,
                           SymmetricInverse inverse) {
        int n = items.length;
        int[] position = new int[catalogueSize];
        java.util.Arrays.fill(position, -1);
        for (int p = 0; p < n; p++) {
            position[items[p]] = p;
        }
        double[] gram = new double[n * n];
        int[] local = new int[catalogueSize];
        for (int[] list : lists) {
            int size = 0;
            for (int item : list) {
                if (position[item] >= 0) {
                    local[size++] = position[item];
                }
            }
            for (int a = 0; a < size; a++) {
                for (int b = 0; b < size; b++) {
                    gram[local[a] * n + local[b]] += 1;
                }
            }
        }
        for (int d = 0; d < n; d++) {
            gram[d * n + d] += lambda;
        }
        double[] p = inverse.invert(gram, n);
        float[] weights = new float[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                weights[i * n + j] = i == j ? 0 : (float) (-p[i * n + j] / p[j * n + j]);
            }
        }
        return new Ease(items, weights);
    }

    /** Scores over the whole catalogue; items outside the modelled set score negative infinity. */
    public double[] scores(int[] list, int catalogueSize) {
        double[] ones = new double[list.length];
        java.util.Arrays.fill(ones, 1.0);
        return weightedScores(list, ones, catalogueSize);
    }

    /** {@code sum_i weight_i * B_i}: the same linear scorer with a weight per listed item. */
    public double[] weightedScores(int[] list, double[] weightOf, int catalogueSize) {
        int n = items.length;
        int[] position = new int[catalogueSize];
        java.util.Arrays.fill(position, -1);
        for (int p = 0; p < n; p++) {
            position[items[p]] = p;
        }
        double[] modelled = new double[n];
        for (int e = 0; e < list.length; e++) {
            int item = list[e];
            int row = item < position.length ? position[item] : -1;
            if (row < 0 || weightOf[e] == 0) {
                continue;
            }
            for (int j = 0; j < n; j++) {
                modelled[j] += weightOf[e] * weights[row * n + j];
            }
        }
        double[] scores = new double[catalogueSize];
        java.util.Arrays.fill(scores, Double.NEGATIVE_INFINITY);
        for (int j = 0; j < n; j++) {
            scores[items[j]] = modelled[j];
        }
        return scores;
    }
}
