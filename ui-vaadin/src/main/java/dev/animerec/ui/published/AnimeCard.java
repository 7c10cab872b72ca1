package dev.animerec.ui.published;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** What a card shows and the filters test, as the publish job wrote it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnimeCard(int id, String title, @JsonProperty("title_english") String titleEnglish, String type,
                        Integer episodes, String status, String season, Integer year, List<String> genres,
                        List<String> themes, List<String> studios, Double score, Long members, String picture,
                        String url, List<Integer> prequels) {

    public AnimeCard {
        genres = genres == null ? List.of() : List.copyOf(genres);
        themes = themes == null ? List.of() : List.copyOf(themes);
        studios = studios == null ? List.of() : List.copyOf(studios);
        prequels = prequels == null ? List.of() : List.copyOf(prequels);
    }
}
