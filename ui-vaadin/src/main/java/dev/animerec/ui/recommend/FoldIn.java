package dev.animerec.ui.recommend;

import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import dev.animerec.ui.published.PublishedVersion;
import dev.animerec.ui.published.RankedAnime;
import dev.animerec.ui.published.UserList;
import java.util.ArrayList;
import java.util.List;

/** Folds a list the batch never saw into the published model with the ML module's scorer (no Spark). */
public final class FoldIn {

    public static final int TOP = 100;

    private FoldIn() {
    }

    public record Result(List<RankedAnime> ranked, int knownEntries, int unknownEntries) {
    }

    public static Result rank(PublishedVersion version, UserList list) {
        int size = list.entries().size();
        int[] ids = new int[size];
        String[] statuses = new String[size];
        int[] scores = new int[size];
        for (int e = 0; e < size; e++) {
            UserList.Entry entry = list.entries().get(e);
            ids[e] = entry.animeId();
            statuses[e] = entry.status();
            scores[e] = entry.score();
        }
        ServingModel.MappedList mapped = version.model().userList(list.username(), version.indexById(), ids, statuses,
                scores);
        if (mapped.list().items().length == 0) {
            throw new BadRequestException("none of the " + size + " anime on this list is known to the model");
        }
        int[] animeIds = version.model().catalogue().animeIds();
        List<RankedAnime> ranked = new ArrayList<>(TOP);
        for (Recommender.Ranked item : version.recommender().recommend(mapped.list(), TOP, true)) {
            int animeId = animeIds[item.item()];
            if (version.card(animeId) != null) {
                ranked.add(new RankedAnime(animeId, ranked.size() + 1, item.score(), item.reasons()));
            }
        }
        return new Result(ranked, mapped.list().items().length, mapped.unknown());
    }
}
