package dev.animerec.crawler.parse;

import dev.animerec.items.Item;
import dev.animerec.schedule.MalUrl;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one url's pages yielded: their items, the anime/profile links seen on them (to mark inspected), and the
 * optional sub-pages the source answered as absent (see {@code UrlCrawler}'s partial-crawl policy).
 */
public record Parsed(List<Item> items, Set<MalUrl> links, List<MissingPage> missing) {

    /** An optional sub-page the source does not have (HTTP 404 / 410): its items are absent from this crawl. */
    public record MissingPage(String url, String reason) {
    }

    public Parsed {
        items = List.copyOf(items);
        links = Set.copyOf(links);
        missing = List.copyOf(missing);
    }

    public Parsed(List<Item> items, Set<MalUrl> links) {
        this(items, links, List.of());
    }

    public static Parsed of(List<? extends Item> items, Set<MalUrl> links) {
        return new Parsed(new ArrayList<>(items), new LinkedHashSet<>(links));
    }

    public static Parsed empty() {
        return new Parsed(List.of(), Set.of());
    }

    public static Parsed missing(String url, String reason) {
        return new Parsed(List.of(), Set.of(), List.of(new MissingPage(url, reason)));
    }

    public Parsed plus(Parsed other) {
        List<Item> allItems = new ArrayList<>(items);
        allItems.addAll(other.items);
        Set<MalUrl> allLinks = new LinkedHashSet<>(links);
        allLinks.addAll(other.links);
        List<MissingPage> allMissing = new ArrayList<>(missing);
        allMissing.addAll(other.missing);
        return new Parsed(allItems, allLinks, allMissing);
    }
}
