package dev.animerec.pipeline;

import java.util.Locale;

/**
 * Machine-readable progress of a stage for the local runner's live display: one line
 * {@code @@progress <step> <done> <total> <unit>} on stderr ({@code total} -1 when unknown). Printed only when
 * the runner starts the process (it sets {@code ANIMEREC_PROGRESS=1}); a person running a command by hand
 * reads the ordinary log lines instead.
 */
public final class Progress {

    public static final String MARKER = "@@progress ";
    public static final String ENVIRONMENT_VARIABLE = "ANIMEREC_PROGRESS";

    private static final boolean ENABLED = "1".equals(System.getenv(ENVIRONMENT_VARIABLE));

    private Progress() {
    }

    /** True when the runner listens: lets a caller skip work (a queue count, say) that only the display needs. */
    public static boolean enabled() {
        return ENABLED;
    }

    /**
     * @param step  a word naming the part of the stage (no spaces), e.g. {@code rows} or {@code als}
     * @param done  units finished so far
     * @param total units in all, or -1 when unknown
     * @param unit  what is counted, e.g. {@code rows}
     */
    public static void report(String step, long done, long total, String unit) {
        if (ENABLED) {
            System.err.println(line(step, done, total, unit));
            System.err.flush();
        }
    }

    static String line(String step, long done, long total, String unit) {
        return String.format(Locale.ROOT, "%s%s %d %d %s", MARKER, word(step), done, total, word(unit));
    }

    /** Parses a progress line; null when the line is not one. */
    public static Report parse(String line) {
        int at = line.indexOf(MARKER);
        if (at < 0) {
            return null;
        }
        String[] parts = line.substring(at + MARKER.length()).trim().split(" ");
        if (parts.length != 4) {
            return null;
        }
        try {
            return new Report(parts[0], Long.parseLong(parts[1]), Long.parseLong(parts[2]), parts[3]);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String word(String text) {
        return text.isBlank() ? "-" : text.trim().replace(' ', '_');
    }

    /** One parsed progress line. */
    public record Report(String step, long done, long total, String unit) {
    }
}
