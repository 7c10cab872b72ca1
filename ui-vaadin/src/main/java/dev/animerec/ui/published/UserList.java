package dev.animerec.ui.published;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** A user's MAL list as the filters need it, and the anime the "because you watched" lane starts from. */
public record UserList(String username, List<Entry> entries, Integer lastCompleted) {

    public record Entry(int animeId, String status, int score) {
    }

    public UserList {
        entries = List.copyOf(entries);
    }

    public Map<Integer, Entry> byAnime() {
        Map<Integer, Entry> map = new HashMap<>(entries.size() * 2);
        entries.forEach(entry -> map.put(entry.animeId(), entry));
        return map;
    }

    public Set<Integer> withStatus(Set<String> statuses) {
        return entries.stream().filter(entry -> statuses.contains(entry.status())).map(Entry::animeId)
                .collect(Collectors.toSet());
    }
}
