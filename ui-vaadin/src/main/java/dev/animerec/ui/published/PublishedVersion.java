package dev.animerec.ui.published;

import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
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
                               Map<Integer, Integer> indexById, Map<Integer, List<Integer>> sequels) {

    /** The inverse of the cards' prequel lists: anime id -> the anime that directly follow it, by id. */
    public static Map<Integer, List<Integer>> sequelsOf(Map<Integer, AnimeCard> cards) {
        Map<Integer, List<Integer>> sequels = new HashMap<>();
        cards.values().forEach(card -> card.prequels().forEach(prequel ->
                sequels.computeIfAbsent(prequel, id -> new ArrayList<>()).add(card.id())));
        sequels.replaceAll((id, list) -> list.stream().sorted().toList());
        return Collections.unmodifiableMap(sequels);
    }

    /** The anime that directly follow this one (sequel relations), or empty. */
    public List<Integer> sequelsOf(int animeId) {
        return sequels.getOrDefault(animeId, List.of());
    }

    public AnimeCard card(int animeId) {
        return cards.get(animeId);
    }

    /** Similar anime in rank order, or empty when the anime has no list in this version. */
    public List<SimilarAnime> similarTo(int animeId) {
        return similar.getOrDefault(animeId, List.of());
    }
}
