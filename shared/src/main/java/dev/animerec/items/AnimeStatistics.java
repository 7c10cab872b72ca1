package dev.animerec.items;

import java.util.List;

/** The statistics page of an anime: list counts per status and the score distribution. */
public record AnimeStatistics(
        Long watching,
        Long completed,
        Long onHold,
        Long dropped,
        Long planToWatch,
        @Doc("Users with the anime on their list") Long total,
        @Doc("Users per score, 10..1") List<ScoreCount> scoreCounts) {

    public AnimeStatistics {
        Checks.nonNegative(watching, "watching");
        Checks.nonNegative(completed, "completed");
        Checks.nonNegative(onHold, "on_hold");
        Checks.nonNegative(dropped, "dropped");
        Checks.nonNegative(planToWatch, "plan_to_watch");
        Checks.nonNegative(total, "total");
        scoreCounts = Checks.list(scoreCounts);
    }
}
