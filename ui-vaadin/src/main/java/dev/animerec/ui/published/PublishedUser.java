package dev.animerec.ui.published;

import java.util.List;

/** A user the batch scored: the top 100 and the MAL list they were computed from (null if the list is missing). */
public record PublishedUser(List<RankedAnime> ranked, UserList list) {
}
