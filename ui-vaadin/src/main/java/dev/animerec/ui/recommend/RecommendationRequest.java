package dev.animerec.ui.recommend;

/** How many to show ({@code k}), from how many of the best ({@code from}), the draw's seed and the filters. */
public record RecommendationRequest(int k, int from, Long seed, Filters filters) {

    public static final int MAX_K = 20;
    public static final int MAX_FROM = 100;

    public RecommendationRequest {
        if (k < 1 || k > MAX_K) {
            throw new BadRequestException("k must be between 1 and " + MAX_K);
        }
        if (from < k || from > MAX_FROM) {
            throw new BadRequestException("from must be between k and " + MAX_FROM);
        }
        filters = filters == null ? Filters.defaults() : filters;
    }

    public static RecommendationRequest defaults() {
        return new RecommendationRequest(5, 20, null, Filters.defaults());
    }

    public RecommendationRequest withSeed(long newSeed) {
        return new RecommendationRequest(k, from, newSeed, filters);
    }

    public RecommendationRequest withFilters(Filters newFilters) {
        return new RecommendationRequest(k, from, seed, newFilters);
    }
}
