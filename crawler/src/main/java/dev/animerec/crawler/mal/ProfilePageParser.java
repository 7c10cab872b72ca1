package dev.animerec.crawler.mal;

import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.MalDates;
import dev.animerec.crawler.parse.Numbers;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.ActivityItem;
import dev.animerec.items.FavoriteItem;
import dev.animerec.items.Item;
import dev.animerec.items.ListStatus;
import dev.animerec.items.ProfileItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/**
 * A user's profile page ({@code /profile/<user>}): profile counts and anime statistics, the last anime
 * updates (activity) and favorite anime, in the 2017 and the 2023 layout (favorites moved from
 * {@code ul.favorites-list.anime} to the {@code #anime_favorites} slider). The friends shown are only links
 * to inspect: the profile page gives no friendship date, so friend items come from the friends pages
 * ({@link FriendsPageParser}) or Jikan.
 */
public final class ProfilePageParser {

    static final String KIND = "mal profile page";

    private static final Pattern PROGRESS = Pattern.compile("(\\d+|-)\\s*/\\s*(\\d+|\\?)");
    private static final List<String> STATUSES =
            List.of("Watching", "Completed", "On-Hold", "Dropped", "Plan to Watch");
    private static final Pattern SCORED = Pattern.compile("Scored\\s+(\\d+|-)");

    public Parsed parse(String html, String url, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            MalPage page = MalPage.parse(html, url, KIND);
            String username = username(page);
            Map<String, String> status = new LinkedHashMap<>();
            for (Element title : page.doc.select("span.user-status-title")) {
                Element data = title.nextElementSibling();
                if (data != null && data.hasClass("user-status-data")) {
                    status.putIfAbsent(title.text().trim(), data.text().trim());
                }
            }
            if (status.isEmpty()) {
                throw page.missing("user_status");
            }
            Element stats = page.doc.selectFirst("div.stats.anime");
            if (stats == null) {
                throw page.missing("anime_statistics");
            }
            Map<String, String> counts = new LinkedHashMap<>();
            for (Element li : stats.select("ul.stats-status li, ul.stats-data li")) {
                if (li.children().size() >= 2) {
                    counts.put(li.child(0).text().trim(), li.child(li.children().size() - 1).text().trim());
                }
            }
            ProfileItem profile = ProfileItem.builder(url, crawlDate, username)
                    .lastOnline(MalDates.moment(status.get("Last Online"), crawlDate))
                    .joined(MalDates.day(status.get("Joined")))
                    .gender(status.get("Gender"))
                    .location(status.get("Location"))
                    .forumPosts(Numbers.toInt(status.get("Forum Posts"), "forum_posts"))
                    .reviews(Numbers.toInt(status.get("Reviews"), "reviews"))
                    .recommendations(Numbers.toInt(status.get("Recommendations"), "recommendations"))
                    .blogPosts(Numbers.toInt(status.get("Blog Posts"), "blog_posts"))
                    .daysWatched(Numbers.toDouble(labelled(stats, "Days:")))
                    .meanScore(Numbers.toDouble(labelled(stats, "Mean Score:")))
                    .watching(Numbers.toInt(counts.get("Watching"), "watching"))
                    .completed(Numbers.toInt(counts.get("Completed"), "completed"))
                    .onHold(Numbers.toInt(counts.get("On-Hold"), "on_hold"))
                    .dropped(Numbers.toInt(counts.get("Dropped"), "dropped"))
                    .planToWatch(Numbers.toInt(counts.get("Plan to Watch"), "plan_to_watch"))
                    .totalEntries(Numbers.toInt(counts.get("Total Entries"), "total_entries"))
                    .rewatched(Numbers.toInt(counts.get("Rewatched"), "rewatched"))
                    .episodesWatched(Numbers.toLong(counts.get("Episodes")))
                    .build();
            List<Item> items = new ArrayList<>();
            items.add(profile);
            Set<MalUrl> links = new LinkedHashSet<>();
            activity(page, username, crawlDate, items, links);
            favorites(page, username, crawlDate, items, links);
            for (Element friend : page.doc.select("div.user-friends a[href*=/profile/]")) {
                String name = MalPage.usernameOf(friend.attr("href"));
                if (name != null) {
                    links.add(Links.profile("friend_username", name));
                }
            }
            return Parsed.of(items, links);
        });
    }

    private static String username(MalPage page) throws ParseException {
        String fromUrl = MalPage.usernameOf(page.url);
        if (fromUrl != null) {
            return fromUrl;
        }
        Element og = page.doc.selectFirst("meta[property=og:url]");
        String fromPage = og == null ? null : MalPage.usernameOf(og.attr("content"));
        if (fromPage == null) {
            throw page.missing("username");
        }
        return fromPage;
    }

    private static String labelled(Element scope, String label) {
        for (Element span : scope.select("span")) {
            if (span.text().trim().equals(label.trim()) && span.parent() != null) {
                // 2017: the value is the container's own text; 2023: a sibling span (the score label).
                String own = span.parent().ownText().trim();
                Element next = span.nextElementSibling();
                return own.isEmpty() && next != null ? next.text() : own;
            }
        }
        return null;
    }

    private static void activity(MalPage page, String username, Instant crawlDate, List<Item> items,
                                 Set<MalUrl> links) throws ParseException {
        for (Element update : page.doc.select("div.updates.anime div.statistics-updates")) {
            Element data = update.selectFirst("div.data");
            Element anime = data == null ? null : data.selectFirst("a[href*=/anime/]");
            Integer animeId = anime == null ? null : MalPage.animeIdOf(anime.attr("href"));
            Element when = update.selectFirst("div.graph-content span.fn-grey2, div.graph-content span");
            Instant updatedAt = when == null ? null : MalDates.moment(when.text(), crawlDate);
            if (animeId == null || updatedAt == null) {
                throw page.missing(animeId == null ? "activity.anime_id" : "activity.updated_at");
            }
            Element detail = data.selectFirst("div.fn-grey2");
            String text = detail == null ? "" : detail.text();
            ListStatus status = null;
            for (String name : STATUSES) {
                if (text.startsWith(name)) {
                    status = ListStatus.parse(name);
                }
            }
            Integer seen = null;
            Integer total = null;
            Matcher progress = PROGRESS.matcher(text);
            if (progress.find()) {
                seen = Numbers.toInt(progress.group(1), "activity.episodes_seen");
                total = Numbers.toInt(progress.group(2), "activity.episodes_total");
            }
            Matcher scored = SCORED.matcher(text);
            Integer score = scored.find() ? Numbers.toInt(scored.group(1), "activity.score") : null;
            items.add(ActivityItem.of(page.url, crawlDate, username, animeId, status, score, seen, total, updatedAt));
            links.add(Links.anime("anime_id", animeId));
        }
    }

    private static void favorites(MalPage page, String username, Instant crawlDate, List<Item> items,
                                  Set<MalUrl> links) {
        int position = 0;
        for (Element li : page.doc.select("ul.favorites-list.anime li, #anime_favorites li.btn-fav")) {
            Element a = li.selectFirst("div.data a[href*=/anime/], a[href*=/anime/]:not(.image), a.link[href*=/anime/]");
            Integer animeId = a == null ? null : MalPage.animeIdOf(a.attr("href"));
            if (animeId != null) {
                Element title = a.selectFirst("span.title");
                items.add(FavoriteItem.of(page.url, crawlDate, username, animeId,
                        (title != null ? title.text() : a.text()).trim(), position++));
                links.add(Links.anime("anime_id", animeId));
            }
        }
    }
}
