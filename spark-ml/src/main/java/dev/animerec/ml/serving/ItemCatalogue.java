package dev.animerec.ml.serving;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Everything the scorer knows about each anime, indexed densely 0..n-1. Plain arrays so that it serialises as
 * JSON for serving and as a Spark broadcast for the batch. {@code prequels[j]} are the items j is a sequel of;
 * {@code recommendedBy[j]} the items whose MAL user recommendations name j, with {@code recommenderCounts[j]}
 * recommenders each (both empty when the processed {@code anime_anime} table is).
 */
public record ItemCatalogue(
        int[] animeIds,
        String[] titles,
        double[] trainPopularity,
        double[] malScore,
        double[] members,
        int[] year,
        int[] typeCode,
        int[][] genres,
        int[][] studios,
        int[][] prequels,
        int[][] related,
        int[][] recommendedBy,
        int[][] recommenderCounts) implements Serializable {

    public static final String[] TYPES = {"TV", "Movie", "OVA", "ONA", "Special", "Music"};

    public int size() {
        return animeIds.length;
    }

    public Map<Integer, Integer> indexById() {
        Map<Integer, Integer> index = new HashMap<>(animeIds.length * 2);
        for (int i = 0; i < animeIds.length; i++) {
            index.put(animeIds[i], i);
        }
        return index;
    }

    public static int typeCode(String type) {
        if (type != null) {
            for (int i = 0; i < TYPES.length; i++) {
                if (TYPES[i].equalsIgnoreCase(type.trim())) {
                    return i;
                }
            }
        }
        return TYPES.length;
    }
}
