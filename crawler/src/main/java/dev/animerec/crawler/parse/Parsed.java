package dev.animerec.crawler.parse;

import dev.animerec.items.Item;
import dev.animerec.schedule.MalUrl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What one page yielded: its items and the anime/profile links seen on it (to mark inspected). */
public record Parsed(List<Item> items, Set<MalUrl> links) {

    public Parsed {
        items = List.copyOf(items);
        links = Set.copyOf(links);
    }

    public static Parsed of(List<? extends Item> items, Set<MalUrl> links) {
        return new Parsed(new ArrayList<>(items), new LinkedHashSet<>(links));
    }

    public static Parsed empty() {
        return new Parsed(List.of(), Set.of());
    }

    public Parsed plus(Parsed other) {
        List<Item> allItems = new ArrayList<>(items);
        allItems.addAll(other.items);
        Set<MalUrl> allLinks = new LinkedHashSet<>(links);
        allLinks.addAll(other.links);
        return new Parsed(allItems, allLinks);
    }
}
