package dev.animerec.ml.serving;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ItemFactorsTest {

    @Test
    void foldInSolvesTheImplicitNormalEquations() {
        int rank = 4;
        int items = 12;
        Random random = new Random(7);
        float[] y = new float[items * rank];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) random.nextGaussian();
        }
        ItemFactors factors = ItemFactors.of(rank, 0.1, 10, y);
        int[] list = {1, 4, 7};
        double[] ratings = {1.5, -0.5, 1.0};
        double[] x = factors.foldIn(list, ratings);

        // Direct form: (sum_all y y^T + sum_list alpha|r| y y^T + regParam * positives * I) x = sum_{r>0} (1 + alpha r) y
        double[] a = new double[rank * rank];
        double[] b = new double[rank];
        for (int i = 0; i < items; i++) {
            double c = 1;
            for (int e = 0; e < list.length; e++) {
                if (list[e] == i) {
                    c += 10 * Math.abs(ratings[e]);
                    if (ratings[e] > 0) {
                        for (int f = 0; f < rank; f++) {
                            b[f] += (1 + 10 * ratings[e]) * y[i * rank + f];
                        }
                    }
                }
            }
            for (int p = 0; p < rank; p++) {
                for (int q = 0; q < rank; q++) {
                    a[p * rank + q] += c * y[i * rank + p] * y[i * rank + q];
                }
            }
        }
        for (int d = 0; d < rank; d++) {
            a[d * rank + d] += 0.1 * 2;
        }
        for (int p = 0; p < rank; p++) {
            double ax = 0;
            for (int q = 0; q < rank; q++) {
                ax += a[p * rank + q] * x[q];
            }
            assertEquals(b[p], ax, 1e-6);
        }
    }

    @Test
    void inverseTimesMatrixIsIdentity() {
        double[] a = {4, 2, 0.6, 2, 5, 1, 0.6, 1, 3};
        double[] inverse = Cholesky.invert(a, 3);
        double[] product = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    product[i * 3 + j] += a[i * 3 + k] * inverse[k * 3 + j];
                }
            }
        }
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, product, 1e-12);
    }

    @Test
    void topKBreaksTiesByIndexAndSkipsExcluded() {
        double[] scores = {0.5, 0.9, 0.5, 0.1, 0.9};
        boolean[] excluded = {false, false, false, false, true};
        assertArrayEquals(new int[] {1, 0, 2}, TopK.select(scores, excluded, 3, Double.NEGATIVE_INFINITY));
        assertArrayEquals(new int[] {1, 0, 2}, TopK.select(scores, excluded, 10, 0.2));
    }
}
