package dev.animerec.ui.published;

import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import java.util.Map;

/**
 * One published version held in memory: its cards (every request needs several) and the fold-in model. The
 * per-user lists stay in Redis and are read by version, so a request never mixes two versions.
 */
public record PublishedVersion(String version, Map<String, String> manifest, Map<Integer, AnimeCard> cards,
                               ServingModel model, Recommender recommender, Map<Integer, Integer> indexById) {

    public AnimeCard card(int animeId) {
        return cards.get(animeId);
    }
}
