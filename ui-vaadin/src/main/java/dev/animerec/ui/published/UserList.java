package dev.animerec.ui.published;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's MAL list as the filters need it, and the anime the "because you watched" lane starts from. The
 * by-anime index and the watched set are built once: a published user's list is cached and filtered on every request.
 */
public final class UserList {

    public record Entry(int animeId, String status, int score) {
    }

    private final String username;
    private final List<Entry> entries;
    private final Integer lastCompleted;
    private final Map<Integer, Entry> byAnime;
    private final Set<Integer> watched;

    /** "Watched" for the filters: completed, watching or on hold. */
    public static final Set<String> WATCHED = Set.of("completed", "watching", "on_hold");

    public UserList(String username, List<Entry> entries, Integer lastCompleted) {
        this.username = username;
        this.entries = List.copyOf(entries);
        this.lastCompleted = lastCompleted;
        Map<Integer, Entry> index = new HashMap<>(entries.size() * 2);
        this.entries.forEach(entry -> index.put(entry.animeId(), entry));
        this.byAnime = Collections.unmodifiableMap(index);
        this.watched = Collections.unmodifiableSet(withStatus(WATCHED));
    }

    public String username() {
        return username;
    }

    public List<Entry> entries() {
        return entries;
    }

    public Integer lastCompleted() {
        return lastCompleted;
    }

    public Map<Integer, Entry> byAnime() {
        return byAnime;
    }

    /** The anime the user completed, is watching or has on hold. */
    public Set<Integer> watched() {
        return watched;
    }

    private Set<Integer> withStatus(Set<String> statuses) {
        Set<Integer> ids = new HashSet<>();
        for (Entry entry : entries) {
            if (statuses.contains(entry.status())) {
                ids.add(entry.animeId());
            }
        }
        return ids;
    }
}
