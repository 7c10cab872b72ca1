package dev.animerec.ml.serving;

import java.io.Serializable;

/**
 * ALS item factors plus what folding a new user in needs: the Gram matrix {@code Y^T Y} and the training
 * hyper-parameters. {@link #foldIn} solves exactly the least-squares problem Spark's implicit ALS solves for a
 * user in its last half-iteration (Hu, Koren, Volinsky 2008 with Spark's regularisation {@code regParam * n+}),
 * so a user the batch saw gets back (up to float rounding) the vector the batch computed.
 */
public record ItemFactors(int rank, double regParam, double alpha, float[] factors, double[] gram)
        implements Serializable {

    public static ItemFactors of(int rank, double regParam, double alpha, float[] factors) {
        int n = factors.length / rank;
        double[] gram = new double[rank * rank];
        for (int item = 0; item < n; item++) {
            int offset = item * rank;
            for (int a = 0; a < rank; a++) {
                double fa = factors[offset + a];
                for (int b = 0; b <= a; b++) {
                    gram[a * rank + b] += fa * factors[offset + b];
                }
            }
        }
        mirrorLowerToUpper(gram, rank);
        return new ItemFactors(rank, regParam, alpha, factors, gram);
    }

    /**
     * Four partial sums: one running sum is a chain of dependent additions the JIT may not reorder, and scoring the
     * whole catalogue (17,872 x rank 64 per fold-in) waited on that chain.
     */
    public double dot(double[] user, int item) {
        int offset = item * rank;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int f = 0;
        for (; f + 3 < rank; f += 4) {
            s0 += user[f] * factors[offset + f];
            s1 += user[f + 1] * factors[offset + f + 1];
            s2 += user[f + 2] * factors[offset + f + 2];
            s3 += user[f + 3] * factors[offset + f + 3];
        }
        for (; f < rank; f++) {
            s0 += user[f] * factors[offset + f];
        }
        return (s0 + s1) + (s2 + s3);
    }

    public double[] vector(int item) {
        double[] v = new double[rank];
        for (int f = 0; f < rank; f++) {
            v[f] = factors[item * rank + f];
        }
        return v;
    }

    /** The user's factor vector given their list (item indices and ALS ratings). */
    public double[] foldIn(int[] items, double[] ratings) {
        double[] a = gram.clone();
        double[] b = new double[rank];
        // the item's row widened to double once, so the rank^2/2 update below is a plain double axpy the JIT
        // vectorises (an 18k-entry list spends most of its fold-in here)
        double[] row = new double[rank];
        int positives = 0;
        for (int i = 0; i < items.length; i++) {
            double rating = ratings[i];
            if (rating == 0) {
                continue;
            }
            double c1 = alpha * Math.abs(rating);
            int offset = items[i] * rank;
            for (int x = 0; x < rank; x++) {
                row[x] = factors[offset + x];
            }
            for (int x = 0; x < rank; x++) {
                double scaled = c1 * row[x];
                int base = x * rank;
                for (int y = 0; y <= x; y++) {
                    a[base + y] += scaled * row[y];
                }
            }
            if (rating > 0) {
                positives++;
                for (int x = 0; x < rank; x++) {
                    b[x] += (1.0 + c1) * row[x];
                }
            }
        }
        mirrorLowerToUpper(a, rank);
        double lambda = regParam * positives;
        for (int d = 0; d < rank; d++) {
            a[d * rank + d] += lambda;
        }
        return Cholesky.solve(a, b, rank);
    }

    private static void mirrorLowerToUpper(double[] m, int n) {
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                m[a * n + b] = m[b * n + a];
            }
        }
    }
}
