package dev.animerec.ui.recommend;

import dev.animerec.ui.published.AnimeCard;
import dev.animerec.userlist.UserList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a user asked to leave out. List-based filters use the user's MAL list as held ({@link UserList}: "watched" =
 * completed, watching or on hold); an anime on the list without a status is always left out (it is on the list, in a
 * state we cannot tell). "No sequels of unseen seasons" (on by default) leaves out an anime whose direct prequels
 * are not all watched. The others use the anime card. Airing states: {@code finished}, {@code airing},
 * {@code upcoming}.
 */
public record Filters(boolean hideWatched, boolean hideDropped, boolean hidePlanned, boolean noUnseenSequels,
                     Set<String> includeGenres, Set<String> excludeGenres, Set<String> includeTypes,
                     Set<String> excludeTypes, Double minScore, Long minMembers, Set<String> airing) {

    public static final Set<String> AIRING = Set.of("finished", "airing", "upcoming");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} .'&-]{1,40}");

    public static Filters defaults() {
        return new Filters(true, true, false, true, Set.of(), Set.of(), Set.of(), Set.of(), null, null, Set.of());
    }

    public Filters {
        includeGenres = names(includeGenres, "genre");
        excludeGenres = names(excludeGenres, "genre");
        includeTypes = names(includeTypes, "type");
        excludeTypes = names(excludeTypes, "type");
        airing = names(airing, "airing status");
        for (String state : airing) {
            if (!AIRING.contains(state)) {
                throw new BadRequestException("airing status must be one of finished, airing, upcoming");
            }
        }
        if (minScore != null && (minScore.isNaN() || minScore < 0 || minScore > 10)) {
            throw new BadRequestException("minimum MAL score must be between 0 and 10");
        }
        if (minMembers != null && minMembers < 0) {
            throw new BadRequestException("minimum members must not be negative");
        }
    }

    private static Set<String> names(Collection<String> values, String what) {
        Set<String> normalised = new LinkedHashSet<>();
        if (values != null) {
            for (String value : values) {
                if (value == null || value.isBlank()) {
                    continue;
                }
                if (!NAME.matcher(value.trim()).matches()) {
                    throw new BadRequestException("a " + what + " name is 1 to 40 letters, digits, spaces or . ' & -");
                }
                normalised.add(value.trim().toLowerCase(Locale.ROOT));
            }
            if (normalised.size() > 50) {
                throw new BadRequestException("at most 50 " + what + " values");
            }
        }
        return Set.copyOf(normalised);
    }

    /** The list-based part, computed once per request. */
    public Predicate forUser(UserList list, Set<Integer> hiddenByFeedback) {
        Map<Integer, UserList.Entry> entries = list == null ? Map.of() : list.byAnime();
        Set<Integer> seen = list == null ? Set.of() : list.watched();
        return card -> {
            if (hiddenByFeedback.contains(card.id())) {
                return false;
            }
            UserList.Entry entry = entries.get(card.id());
            if (entry != null) {
                String status = entry.status();
                if (status == null || hideWatched && UserList.WATCHED.contains(status)
                        || hideDropped && UserList.DROPPED.equals(status)
                        || hidePlanned && UserList.PLAN_TO_WATCH.equals(status)) {
                    return false;
                }
            }
            if (noUnseenSequels && !card.prequels().isEmpty() && !seen.containsAll(card.prequels())) {
                return false;
            }
            return matchesCard(card);
        };
    }

    private boolean matchesCard(AnimeCard card) {
        if (!includeGenres.isEmpty() && !hasAnyGenre(card, includeGenres)) {
            return false;
        }
        if (!excludeGenres.isEmpty() && hasAnyGenre(card, excludeGenres)) {
            return false;
        }
        String type = card.type() == null ? "" : card.type().toLowerCase(Locale.ROOT);
        if (!includeTypes.isEmpty() && !includeTypes.contains(type) || excludeTypes.contains(type)) {
            return false;
        }
        if (minScore != null && (card.score() == null || card.score() < minScore)) {
            return false;
        }
        if (minMembers != null && (card.members() == null || card.members() < minMembers)) {
            return false;
        }
        return airing.isEmpty() || airing.contains(airingState(card.status()));
    }

    /** Genres and themes alike; {@code names} are lower-case. */
    private static boolean hasAnyGenre(AnimeCard card, Set<String> names) {
        for (String genre : card.genres()) {
            if (names.contains(genre.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        for (String theme : card.themes()) {
            if (names.contains(theme.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    public static String airingState(String status) {
        if (status == null) {
            return "unknown";
        }
        String normalised = status.toLowerCase(Locale.ROOT);
        if (normalised.contains("finished")) {
            return "finished";
        }
        if (normalised.contains("currently") || normalised.equals("airing")) {
            return "airing";
        }
        if (normalised.contains("not yet")) {
            return "upcoming";
        }
        return "unknown";
    }

    @FunctionalInterface
    public interface Predicate {
        boolean keeps(AnimeCard card);
    }
}
