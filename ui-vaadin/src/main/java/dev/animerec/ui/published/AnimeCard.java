package dev.animerec.ui.published;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * What a card shows and the filters test, as the publish job wrote it. {@code inferredPrequels}: the prequels the ETL
 * inferred from titles and air dates (no crawled relation of either anime), a subset of {@code prequels}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnimeCard(int id, String title, @JsonProperty("title_english") String titleEnglish, String type,
                        Integer episodes, String status, String season, Integer year, List<String> genres,
                        List<String> themes, List<String> studios, Double score, Long members, String picture,
                        String url, List<Integer> prequels,
                        @JsonProperty("inferred_prequels") List<Integer> inferredPrequels) {

    public AnimeCard {
        genres = genres == null ? List.of() : List.copyOf(genres);
        themes = themes == null ? List.of() : List.copyOf(themes);
        studios = studios == null ? List.of() : List.copyOf(studios);
        prequels = prequels == null ? List.of() : List.copyOf(prequels);
        inferredPrequels = inferredPrequels == null ? List.of() : List.copyOf(inferredPrequels);
    }

    /** A card whose prequels were all crawled (or that has none). */
    public AnimeCard(int id, String title, String titleEnglish, String type, Integer episodes, String status,
                     String season, Integer year, List<String> genres, List<String> themes, List<String> studios,
                     Double score, Long members, String picture, String url, List<Integer> prequels) {
        this(id, title, titleEnglish, type, episodes, status, season, year, genres, themes, studios, score, members,
                picture, url, prequels, List.of());
    }

    /** True when this anime's place after an earlier season was inferred from titles and air dates, not crawled. */
    public boolean sequelOrderInferred() {
        return !inferredPrequels.isEmpty();
    }
}
