package dev.animerec.ui.api;

import dev.animerec.ui.recommend.Filters;
import dev.animerec.ui.recommend.RecommendationRequest;
import io.swagger.v3.oas.annotations.Parameter;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import java.util.LinkedHashSet;

/**
 * The query parameters of both recommendation endpoints, bound once. Absent parameters take the defaults below;
 * binding and constraint errors are answered 400 by {@link ApiErrors}. The domain types re-check what they need
 * ({@code from >= k}, genre names), since the UI builds them too.
 */
record RecommendationQuery(
        @Parameter(description = "how many to show (default 5)")
        @Min(value = 1, message = "k must be between 1 and " + RecommendationRequest.MAX_K)
        @Max(value = RecommendationRequest.MAX_K, message = "k must be between 1 and " + RecommendationRequest.MAX_K)
        Integer k,
        @Parameter(description = "drawn from the best `from` that pass the filters (default 20)")
        @Min(value = 1, message = "from must be between k and " + RecommendationRequest.MAX_FROM)
        @Max(value = RecommendationRequest.MAX_FROM, message = "from must be between k and " + RecommendationRequest.MAX_FROM)
        Integer from,
        @Parameter(description = "the same seed draws the same cards; absent = a new draw")
        Long seed,
        @Parameter(description = "hide completed, watching and on-hold anime (default true)")
        Boolean hideWatched,
        @Parameter(description = "hide dropped anime (default true)")
        Boolean hideDropped,
        @Parameter(description = "hide plan-to-watch anime (default false)")
        Boolean hidePlanned,
        @Parameter(description = "hide sequels whose prequels the user has not watched (default false)")
        Boolean noUnseenSequels,
        @Parameter(description = "keep anime with any of these genres or themes (case-insensitive)")
        @Size(max = 50, message = "at most 50 genre values") List<String> genre,
        @Parameter(description = "drop anime with any of these genres or themes")
        @Size(max = 50, message = "at most 50 genre values") List<String> excludeGenre,
        @Parameter(description = "keep these types (TV, Movie, OVA, ONA, Special, Music)")
        @Size(max = 50, message = "at most 50 type values") List<String> type,
        @Parameter(description = "drop these types")
        @Size(max = 50, message = "at most 50 type values") List<String> excludeType,
        @Parameter(description = "minimum MAL score, 0 to 10")
        @DecimalMin(value = "0", message = "minimum MAL score must be between 0 and 10")
        @DecimalMax(value = "10", message = "minimum MAL score must be between 0 and 10")
        Double minScore,
        @Parameter(description = "minimum MAL members")
        @PositiveOrZero(message = "minimum members must not be negative")
        Long minMembers,
        @Parameter(description = "finished, airing, upcoming")
        @Size(max = 50, message = "at most 50 airing status values") List<String> airing) {

    RecommendationRequest toRequest() {
        Filters filters = new Filters(orElse(hideWatched, true), orElse(hideDropped, true), orElse(hidePlanned, false),
                orElse(noUnseenSequels, false), set(genre), set(excludeGenre), set(type), set(excludeType), minScore,
                minMembers, set(airing));
        return new RecommendationRequest(k == null ? 5 : k, from == null ? 20 : from, seed, filters);
    }

    private static boolean orElse(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : new LinkedHashSet<>(values);
    }
}
