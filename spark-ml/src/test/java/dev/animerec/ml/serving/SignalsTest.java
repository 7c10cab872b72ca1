package dev.animerec.ml.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SignalsTest {

    private final Signals negative = new Signals(true);
    private final Signals weak = new Signals(false);

    @Test
    void highScoresLiftCompletedEntries() {
        assertEquals(1.0, negative.weight("completed", 0));
        assertEquals(1.0, negative.weight("completed", 7));
        assertEquals(2.5, negative.weight("completed", 10));
        assertEquals(0.2, negative.weight("plan_to_watch", 0));
    }

    @Test
    void droppedAndLowScoresAreNegativeOrWeakByChoice() {
        assertEquals(-0.5, negative.weight("dropped", 0));
        assertEquals(-0.5, negative.weight("completed", 3));
        assertEquals(0.1, weak.weight("dropped", 0));
        assertEquals(0.1, weak.weight("COMPLETED", 2));
    }

    @Test
    void watchedOrOnHoldAndNotDislikedEntriesAreLiked() {
        assertTrue(Signals.relevant("completed", 0));
        assertTrue(Signals.relevant("watching", 6));
        assertTrue(Signals.relevant("on_hold", 5));
        assertFalse(Signals.relevant("completed", 4));
        assertFalse(Signals.relevant("on_hold", 1));
        assertFalse(Signals.relevant("plan_to_watch", 0));
        assertFalse(Signals.relevant("dropped", 9));
    }

    @Test
    void theRatingAloneTellsALikedAndAPlannedEntryForEveryStatusAndScoreInBothVariants() {
        for (Signals signals : new Signals[] {negative, weak}) {
            for (String status : new String[] {"watching", "completed", "on_hold", "dropped", "plan_to_watch"}) {
                for (int score = 0; score <= 10; score++) {
                    assertEquals(Signals.relevant(status, score), Signals.liked(signals.weight(status, score)),
                            status + " " + score + " negative feedback " + signals.negativeFeedback());
                    assertEquals(status.equals("plan_to_watch"), Signals.planned(signals.weight(status, score)),
                            status + " " + score + " negative feedback " + signals.negativeFeedback());
                }
            }
        }
    }

    @Test
    void anUnknownStatusIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> negative.weight("rewatching", 0));
    }
}
