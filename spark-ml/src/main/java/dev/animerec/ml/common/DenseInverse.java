package dev.animerec.ml.common;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * Inverse of a dense symmetric positive definite matrix by LAPACK's Cholesky (dpotrf + dpotri) through the netlib
 * bindings Spark ships: native OpenBLAS where the machine has it (Debian's libopenblas0-pthread; the launcher and
 * CI install it), the pure-Java build otherwise, about a hundred times slower at EASE's sizes; {@link #lapack()}
 * names the one in use for the logs.
 */
public final class DenseInverse {

    private DenseInverse() {
    }

    /** @param matrix row-major, full, not modified */
    public static double[] invert(double[] matrix, int size) {
        double[] a = matrix.clone();
        intW info = new intW(0);
        LAPACK lapack = LAPACK.getInstance();
        lapack.dpotrf("U", size, a, size, info);
        if (info.val != 0) {
            throw new IllegalStateException("matrix is not positive definite (dpotrf info " + info.val + ")");
        }
        lapack.dpotri("U", size, a, size, info);
        if (info.val != 0) {
            throw new IllegalStateException("inverse failed (dpotri info " + info.val + ")");
        }
        // LAPACK is column-major and fills one triangle ("U" there is the lower triangle of this row-major array);
        // the inverse is symmetric, so mirror it.
        for (int r = 0; r < size; r++) {
            for (int c = r + 1; c < size; c++) {
                a[r * size + c] = a[c * size + r];
            }
        }
        return a;
    }

    public static String lapack() {
        return LAPACK.getInstance().getClass().getSimpleName();
    }
}
