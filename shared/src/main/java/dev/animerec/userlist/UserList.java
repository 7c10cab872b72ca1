package dev.animerec.userlist;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * What a person has on their MyAnimeList list: every entry as crawled (no training cleaning), with status, own
 * score, progress and dates. One contract for everything that reads a list: the publish job writes it to Redis
 * ({@link UserListCodec}), the serving app reads it back, builds it for on-demand users and posted lists, and its
 * filters ("hide watched", "hide dropped", "no sequels of unseen seasons") and the "because you watched" lane use it.
 *
 * <p>The by-anime index and the watched set are built once: a served user's list is cached and filtered on every
 * request.
 */
public final class UserList {

    public static final String WATCHING = "watching";
    public static final String COMPLETED = "completed";
    public static final String ON_HOLD = "on_hold";
    public static final String DROPPED = "dropped";
    public static final String PLAN_TO_WATCH = "plan_to_watch";

    /** "Watched" for the filters: completed, watching or on hold. */
    public static final Set<String> WATCHED = Set.of(COMPLETED, WATCHING, ON_HOLD);

    /**
     * One list entry. {@code status} is null when MAL gave none (the entry is on the list all the same);
     * {@code score} 0 = not scored; dates are null when unknown (the bundled snapshot has none).
     */
    public record Entry(int animeId, String status, int score, int episodesWatched, LocalDate finishDate,
                        Instant updatedAt) {

        /** An entry with neither progress nor dates (a posted list). */
        public Entry(int animeId, String status, int score) {
            this(animeId, status, score, 0, null, null);
        }

        /** When it was completed as far as we know: the finish date, else the day of the last update, else null. */
        public LocalDate completedOn() {
            if (finishDate != null) {
                return finishDate;
            }
            return updatedAt == null ? null : LocalDate.ofInstant(updatedAt, ZoneOffset.UTC);
        }
    }

    /**
     * The one "last completed" rule (the anchor of "because you watched"): among completed entries, the latest
     * {@link Entry#completedOn()}; an undated completed entry loses to any dated one; ties (and lists with no
     * dates at all) go to the higher own score, then to the higher anime id, so the choice never depends on order.
     */
    static final Comparator<Entry> LAST_COMPLETED = Comparator
            .comparing(Entry::completedOn, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(Entry::score)
            .thenComparingInt(Entry::animeId);

    private final String username;
    private final List<Entry> entries;
    private final Integer lastCompleted;
    private final Map<Integer, Entry> byAnime;
    private final Set<Integer> watched;

    /** @throws IllegalArgumentException when an anime appears twice (a list holds each anime once) */
    public UserList(String username, List<Entry> entries) {
        this.username = username;
        this.entries = List.copyOf(entries);
        Map<Integer, Entry> index = new HashMap<>(this.entries.size() * 2);
        Set<Integer> seen = new HashSet<>();
        for (Entry entry : this.entries) {
            if (index.put(entry.animeId(), entry) != null) {
                throw new IllegalArgumentException("anime " + entry.animeId() + " is on the list twice");
            }
            if (entry.status() != null && WATCHED.contains(entry.status())) {
                seen.add(entry.animeId());
            }
        }
        this.byAnime = Collections.unmodifiableMap(index);
        this.watched = Collections.unmodifiableSet(seen);
        this.lastCompleted = this.entries.stream().filter(entry -> COMPLETED.equals(entry.status()))
                .max(LAST_COMPLETED).map(Entry::animeId).orElse(null);
    }

    public String username() {
        return username;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The anime completed last by the one rule ({@link #LAST_COMPLETED}), or null without a completed entry. */
    public Integer lastCompleted() {
        return lastCompleted;
    }

    /**
     * The same rule among the completed anime {@code known} accepts (e.g. those a published catalogue has a card for:
     * an anime the catalogue lacks cannot anchor a lane), or null.
     */
    public Integer lastCompleted(IntPredicate known) {
        if (lastCompleted == null || known.test(lastCompleted)) {
            return lastCompleted;
        }
        return entries.stream().filter(entry -> COMPLETED.equals(entry.status()) && known.test(entry.animeId()))
                .max(LAST_COMPLETED).map(Entry::animeId).orElse(null);
    }

    public Map<Integer, Entry> byAnime() {
        return byAnime;
    }

    /** The anime the user completed, is watching or has on hold. */
    public Set<Integer> watched() {
        return watched;
    }

    /** The entry's status, or null when the anime is not on the list (or has no status). */
    public String status(int animeId) {
        Entry entry = byAnime.get(animeId);
        return entry == null ? null : entry.status();
    }
}
