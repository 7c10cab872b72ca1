package dev.animerec.ui.published;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One recommendation: the anime, its rank in the user's list, the model score and the reasons in words. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RankedAnime(int id, int rank, double score, List<String> reasons) {

    public RankedAnime {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
