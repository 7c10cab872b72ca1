package dev.animerec.ui.api;

import dev.animerec.ui.recommend.Filters;
import dev.animerec.ui.recommend.RecommendationRequest;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The query parameters of both recommendation endpoints, bound once ({@code @Valid @ModelAttribute}). Absent
 * parameters take the defaults of {@link #toRequest()}; binding errors and constraint violations are answered 400
 * by {@link ApiErrors}, naming the parameter. The domain types re-check what they need ({@code from >= k}, genre
 * names, airing states), since the UI builds them too.
 *
 * <p>The constraints sit on the type, not on the components: Spring MVC binds a record through its constructor and
 * re-reads the constructor's parameter annotations for every parameter of every request, and with a constraint and
 * a description on each of the 14 components that reflection was 45% of the CPU of a known-user request (JFR).
 */
@RecommendationQuery.ValidRanges
record RecommendationQuery(Integer k, Integer from, Long seed, Boolean hideWatched, Boolean hideDropped,
                           Boolean hidePlanned, Boolean noUnseenSequels, List<String> genre, List<String> excludeGenre,
                           List<String> type, List<String> excludeType, Double minScore, Long minMembers,
                           List<String> airing) {

    static final String DESCRIPTION = " Query parameters: `k` (default 5, 1..20) drawn at random from the best `from`"
            + " (default 20, k..100) that pass the filters; `seed` (the same seed draws the same cards; absent = a new"
            + " draw); `hideWatched` (true: completed, watching, on hold), `hideDropped` (true), `hidePlanned` (false),"
            + " `noUnseenSequels` (true: no anime whose direct prequels are not all watched); `genre`/`excludeGenre` and `type`/`excludeType` (repeatable,"
            + " case-insensitive, at most 50 each); `minScore` (0..10); `minMembers` (>= 0); `airing` (finished,"
            + " airing, upcoming; repeatable).";

    private static final int MAX_VALUES = 50;

    RecommendationRequest toRequest() {
        Filters filters = new Filters(orElse(hideWatched, true), orElse(hideDropped, true), orElse(hidePlanned, false),
                orElse(noUnseenSequels, true), set(genre), set(excludeGenre), set(type), set(excludeType), minScore,
                minMembers, set(airing));
        return new RecommendationRequest(k == null ? 5 : k, from == null ? 20 : from, seed, filters);
    }

    private static boolean orElse(Boolean value, boolean fallback) {
        return value == null ? fallback : value;
    }

    private static Set<String> set(List<String> values) {
        return values == null ? Set.of() : new LinkedHashSet<>(values);
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @Constraint(validatedBy = Ranges.class)
    @interface ValidRanges {
        String message() default "the query parameters are invalid";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};
    }

    /** Each violation is reported on its parameter, with a constant message (nothing of the value). */
    static final class Ranges implements ConstraintValidator<ValidRanges, RecommendationQuery> {

        @Override
        public boolean isValid(RecommendationQuery query, ConstraintValidatorContext context) {
            if (query == null) {
                return true;
            }
            context.disableDefaultConstraintViolation();
            boolean valid = check(query.k() == null || query.k() >= 1 && query.k() <= RecommendationRequest.MAX_K,
                    "k", "k must be between 1 and " + RecommendationRequest.MAX_K, context);
            valid &= check(query.from() == null || query.from() >= 1 && query.from() <= RecommendationRequest.MAX_FROM,
                    "from", "from must be between k and " + RecommendationRequest.MAX_FROM, context);
            valid &= check(query.minScore() == null || query.minScore() >= 0 && query.minScore() <= 10,
                    "minScore", "minimum MAL score must be between 0 and 10", context);
            valid &= check(query.minMembers() == null || query.minMembers() >= 0,
                    "minMembers", "minimum members must not be negative", context);
            valid &= values(query.genre(), "genre", context) & values(query.excludeGenre(), "excludeGenre", context)
                    & values(query.type(), "type", context) & values(query.excludeType(), "excludeType", context)
                    & values(query.airing(), "airing", context);
            return valid;
        }

        private static boolean values(List<String> values, String parameter, ConstraintValidatorContext context) {
            return check(values == null || values.size() <= MAX_VALUES, parameter,
                    "at most " + MAX_VALUES + " values of " + parameter, context);
        }

        private static boolean check(boolean ok, String parameter, String message, ConstraintValidatorContext context) {
            if (!ok) {
                context.buildConstraintViolationWithTemplate(message).addPropertyNode(parameter)
                        .addConstraintViolation();
            }
            return ok;
        }
    }
}
