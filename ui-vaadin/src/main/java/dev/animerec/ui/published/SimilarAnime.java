package dev.animerec.ui.published;

/** An entry of an anime's similar list: the other anime and its rank (1 = most similar). */
public record SimilarAnime(int animeId, int rank) {
}
