package dev.animerec.items;

/** How many MAL users gave one score (10..1) to an anime. */
public record ScoreCount(@Required @Doc("The score, 1..10") int score, @Required @Doc("Number of users") long votes) {

    public ScoreCount {
        Checks.range(score, 1, 10, "score");
        Checks.nonNegative(votes, "votes");
    }
}
