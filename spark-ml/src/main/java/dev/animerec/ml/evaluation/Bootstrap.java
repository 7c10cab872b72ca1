package dev.animerec.ml.evaluation;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Percentile bootstrap over users: resample the evaluated users with replacement, recompute the statistic, and take
 * the 2.5th and 97.5th percentiles. A paired ratio resamples the same users for both models, so the interval of
 * "model / yardstick" reflects the per-user correlation of the two and not just each mean's own noise.
 */
public final class Bootstrap {

    public static final int RESAMPLES = 2000;

    /** A point estimate with its 95 % interval. */
    public record Interval(double value, double low, double high) {
    }

    private Bootstrap() {
    }

    public static Interval mean(double[] perUser, long seed) {
        double[] means = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(seed);
        int n = perUser.length;
        for (int r = 0; r < RESAMPLES; r++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += perUser[random.nextInt(n)];
            }
            means[r] = sum / n;
        }
        return new Interval(average(perUser), percentile(means, 0.025), percentile(means, 0.975));
    }

    /** mean(model) / mean(baseline) over the same resampled users. */
    public static Interval pairedRatio(double[] model, double[] baseline, long seed) {
        if (model.length != baseline.length) {
            throw new IllegalArgumentException("paired samples differ in size: " + model.length + " vs "
                    + baseline.length);
        }
        double[] ratios = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(seed);
        int n = model.length;
        for (int r = 0; r < RESAMPLES; r++) {
            double a = 0;
            double b = 0;
            for (int i = 0; i < n; i++) {
                int u = random.nextInt(n);
                a += model[u];
                b += baseline[u];
            }
            ratios[r] = a / b;
        }
        return new Interval(average(model) / average(baseline), percentile(ratios, 0.025),
                percentile(ratios, 0.975));
    }

    /** The q-quantile by linear interpolation between closest ranks (sorts a copy). */
    static double percentile(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    static double average(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }
}
