package dev.animerec.ml.common;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Step-level progress lines: what ran, how many rows, how long, how fast. */
public final class Progress {

    private static final Logger LOG = LoggerFactory.getLogger("dev.animerec.ml.progress");

    private final String step;
    private final long started = System.nanoTime();

    private Progress(String step) {
        this.step = step;
        LOG.info("[{}] started", step);
    }

    public static Progress start(String step) {
        return new Progress(step);
    }

    public double elapsedSeconds() {
        return (System.nanoTime() - started) / 1e9;
    }

    public void count(String what, long count) {
        double seconds = elapsedSeconds();
        LOG.info("[{}] {} = {} ({} s elapsed, {}/s)", step, what, count, String.format("%.1f", seconds),
                String.format("%.0f", seconds > 0 ? count / seconds : 0));
    }

    public void note(String message, Object... args) {
        LOG.info("[" + step + "] " + message, args);
    }

    public void done() {
        LOG.info("[{}] done in {} s", step, String.format("%.1f", elapsedSeconds()));
    }
}
