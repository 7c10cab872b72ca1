package dev.animerec.crawler.politeness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Judges a server's request log: the most arrivals in any window of a given length (sliding, half-open). */
final class ArrivalWindows {

    private final List<Long> sorted;

    ArrivalWindows(List<Long> arrivalNanos) {
        sorted = new ArrayList<>(arrivalNanos);
        Collections.sort(sorted);
    }

    /** Every window [t, t + length) is checked by starting it at each arrival, where a maximum is reached. */
    int maxInAnyWindow(Duration length) {
        int max = 0;
        int end = 0;
        for (int start = 0; start < sorted.size(); start++) {
            end = Math.max(end, start);
            while (end < sorted.size() && sorted.get(end) - sorted.get(start) < length.toNanos()) {
                end++;
            }
            max = Math.max(max, end - start);
        }
        return max;
    }

    /** The shortest time between two consecutive arrivals. */
    Duration shortestGap() {
        long min = Long.MAX_VALUE;
        for (int i = 1; i < sorted.size(); i++) {
            min = Math.min(min, sorted.get(i) - sorted.get(i - 1));
        }
        return Duration.ofNanos(min);
    }

    int size() {
        return sorted.size();
    }
}
