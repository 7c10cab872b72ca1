package dev.animerec.ui.published;

import dev.animerec.userlist.UserList;
import java.util.List;

/**
 * A user the published version holds: the batch's top 100 ({@code ranked}, null when the batch has no
 * recommendations for them) and their MAL list as held ({@code list}, null when the version has none). At least
 * one of the two is there.
 */
public record PublishedUser(List<RankedAnime> ranked, UserList list) {

    public boolean hasBatchRecommendations() {
        return ranked != null;
    }
}
