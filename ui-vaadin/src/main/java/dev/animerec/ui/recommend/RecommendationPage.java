package dev.animerec.ui.recommend;

import dev.animerec.ui.published.AnimeCard;
import java.util.List;

/**
 * One answer: {@code k} anime drawn with {@code seed} from the best {@code from} that pass the filters, the
 * "because you watched" lane and the "next seasons of shows you finished" lane. {@code source}: {@code batch} (the
 * batch ranked the user's list), {@code held} (the published version holds the list but the batch did not rank it:
 * folded in from that list, no MAL call), {@code on-demand} (their public list was fetched from MAL and folded in)
 * or {@code anonymous} (a posted list).
 */
public record RecommendationPage(String username, String source, String version, int k, int from, long seed,
                                 int candidates, List<Recommendation> recommendations, Lane becauseYouWatched,
                                 List<Recommendation> nextSeasons, String notice) {

    /** {@code feedback}: the user's like / dislike on it so far, or null. */
    public record Recommendation(AnimeCard anime, int rank, double score, List<String> reasons, String feedback) {
    }

    /** Similar anime to the one the user completed last ({@code anchorScore}: their score, 0 = not scored). */
    public record Lane(AnimeCard anchor, int anchorScore, List<Recommendation> items) {
    }
}
