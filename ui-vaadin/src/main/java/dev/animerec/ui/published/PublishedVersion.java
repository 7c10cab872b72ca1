package dev.animerec.ui.published;

import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import java.util.List;
import java.util.Map;

/**
 * One published version held in memory: its cards and similar lists (every request needs several), and the
 * fold-in model. A published version never changes, so nothing here is ever refreshed; the per-user lists stay in
 * Redis and are read by version, so a request never mixes two versions. The maps are hash maps, not
 * {@code Map.copyOf}: the immutable map's linear probing degrades badly on runs of consecutive anime ids.
 */
public record PublishedVersion(String version, Map<String, String> manifest, Map<Integer, AnimeCard> cards,
                               Map<Integer, List<SimilarAnime>> similar, ServingModel model, Recommender recommender,
                               Map<Integer, Integer> indexById) {

    public AnimeCard card(int animeId) {
        return cards.get(animeId);
    }

    /** Similar anime in rank order, or empty when the anime has no list in this version. */
    public List<SimilarAnime> similarTo(int animeId) {
        return similar.getOrDefault(animeId, List.of());
    }
}
