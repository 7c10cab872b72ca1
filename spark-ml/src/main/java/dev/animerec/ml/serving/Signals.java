package dev.animerec.ml.serving;

import java.io.Serializable;
import java.util.Locale;

/**
 * Turns a list entry (status, score) into the implicit-ALS "rating" and decides whether a hidden entry counts as
 * relevant. Shared by training and fold-in so both see the same signal.
 *
 * <p>A negative rating is Spark ALS's convention for "confident this is not a preference": the confidence is
 * {@code alpha * |rating|} and the preference 0. Dropped entries and scores 1-4 use it when
 * {@link #negativeFeedback} is on.
 */
public final class Signals implements Serializable {

    private static final long serialVersionUID = 1L;

    private final boolean negativeFeedback;

    public Signals(boolean negativeFeedback) {
        this.negativeFeedback = negativeFeedback;
    }

    public boolean negativeFeedback() {
        return negativeFeedback;
    }

    /** The ALS rating of one entry; 0 means "no signal" (the entry is still on the list and never recommended). */
    public double weight(String status, int score) {
        if (status == null) {
            // A held list entry without a status (MAL lets some through) is on the list, but says nothing of taste.
            return 0;
        }
        String normalised = status == null ? "" : status.toLowerCase(Locale.ROOT);
        boolean disliked = score >= 1 && score <= 4;
        return switch (normalised) {
            case "completed" -> disliked ? negativeOr(0.1) : 1.0 + scoreLift(score);
            case "watching" -> disliked ? negativeOr(0.1) : 0.8 + scoreLift(score);
            case "on_hold" -> disliked ? negativeOr(0.1) : 0.4;
            case "dropped" -> negativeOr(0.1);
            case "plan_to_watch" -> PLAN_TO_WATCH;
            default -> throw new IllegalArgumentException("unknown list status '" + status + "'");
        };
    }

    /**
     * A liked entry: watching, completed or on hold, and not scored 1-4 (the usual implicit-feedback positive for
     * MAL lists). Liked entries are what a held-out user hides, what counts as a hit in evaluation and as a
     * positive label for ranking, and what EASE is fitted and scored on.
     */
    public static boolean relevant(String status, int score) {
        String normalised = status == null ? "" : status.toLowerCase(Locale.ROOT);
        boolean kept = normalised.equals("completed") || normalised.equals("watching") || normalised.equals("on_hold");
        return kept && !(score >= 1 && score <= 4);
    }

    /**
     * The same decision from an entry's rating alone (serving only keeps ratings): liked entries are rated at least
     * {@value #LIKED_RATING} (on hold), everything else lower (plan-to-watch 0.2, the weak positive 0.1, the
     * negatives). {@code SignalsTest} checks the two agree for every status and score.
     */
    public static boolean liked(double rating) {
        return rating >= LIKED_RATING;
    }

    static final double LIKED_RATING = 0.4;
    static final double PLAN_TO_WATCH = 0.2;

    /** A plan-to-watch entry, from its rating (no other status is rated {@value #PLAN_TO_WATCH}). */
    public static boolean planned(double rating) {
        return rating == PLAN_TO_WATCH;
    }

    private double negativeOr(double weakPositive) {
        return negativeFeedback ? -0.5 : weakPositive;
    }

    private static double scoreLift(int score) {
        return score >= 8 ? 0.5 * (score - 7) : 0.0;
    }
}
