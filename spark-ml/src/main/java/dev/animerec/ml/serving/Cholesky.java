package dev.animerec.ml.serving;

/** Dense symmetric positive-definite solves, row-major, small enough (rank 64) that plain loops are fastest. */
public final class Cholesky {

    private Cholesky() {
    }

    /** In-place lower factor L of A = L L^T; fails loudly on a matrix that is not positive definite. */
    public static void factor(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double diagonal = a[j * n + j];
            for (int k = 0; k < j; k++) {
                diagonal -= a[j * n + k] * a[j * n + k];
            }
            if (!(diagonal > 0)) {
                throw new ArithmeticException("matrix is not positive definite at column " + j);
            }
            double root = Math.sqrt(diagonal);
            a[j * n + j] = root;
            for (int i = j + 1; i < n; i++) {
                double sum = a[i * n + j];
                for (int k = 0; k < j; k++) {
                    sum -= a[i * n + k] * a[j * n + k];
                }
                a[i * n + j] = sum / root;
            }
        }
    }

    public static double[] solve(double[] a, double[] b, int n) {
        double[] l = a.clone();
        factor(l, n);
        return solveFactored(l, b, n);
    }

    static double[] solveFactored(double[] l, double[] b, int n) {
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i * n + k] * y[k];
            }
            y[i] = sum / l[i * n + i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k * n + i] * x[k];
            }
            x[i] = sum / l[i * n + i];
        }
        return x;
    }

    /** The inverse of a symmetric positive-definite matrix (used by EASE), overwriting nothing. */
    public static double[] invert(double[] a, int n) {
        double[] l = a.clone();
        factor(l, n);
        double[] inverse = new double[n * n];
        double[] unit = new double[n];
        for (int column = 0; column < n; column++) {
            unit[column] = 1;
            double[] x = solveFactored(l, unit, n);
            unit[column] = 0;
            for (int row = 0; row < n; row++) {
                inverse[row * n + column] = x[row];
            }
        }
        return inverse;
    }
}
