package dev.animerec.crawler.mal;

import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.MalDates;
import dev.animerec.crawler.parse.Numbers;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.FriendItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

/**
 * A user's friends page ({@code /profile/<user>/friends?p=N}): each friend with the friendship date and the
 * friend's last-online time, which the profile page does not show. Two layouts are read: 2023
 * ({@code div.boxlist-container.friend > div.boxlist}, a "Next" link to the following page) and 2018
 * ({@code div.friendHolder > div.friendBlock}). A friend without a friendship date (MAL leaves it out for
 * some old friendships) gets none; a date or time that is printed but unreadable is a {@link ParseException}.
 */
public final class FriendsPageParser {

    public static final String KIND = "mal friends page";

    private static final Pattern FRIENDS_PATH = Pattern.compile("/profile/([A-Za-z0-9_-]{2,16})/friends(?:[/?#]|$)");
    private static final Pattern PAGE_PARAM = Pattern.compile("[?&]p=(\\d{1,4})(?:&|$)");
    private static final String SINCE = "Friends since";

    /** One page of friends, and the number of the next page when the page links one. */
    public record FriendsPage(Parsed parsed, Integer nextPage) {
    }

    public FriendsPage parse(String html, String url, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            MalPage page = MalPage.parse(html, url, KIND);
            Matcher owner = FRIENDS_PATH.matcher(url);
            if (!owner.find()) {
                throw new ParseException(KIND, "username", "the url " + url + " is not a /profile/<user>/friends url");
            }
            String username = owner.group(1);
            Elements blocks2023 = page.doc.select("div.boxlist-container.friend div.boxlist");
            Elements blocks2018 = page.doc.select("div.friendHolder div.friendBlock");
            if (blocks2023.isEmpty() && blocks2018.isEmpty()
                    && page.doc.selectFirst("div.boxlist-container.friend, a.horiznav_active[href$=/friends]") == null) {
                throw page.missing("friends");
            }
            List<FriendItem> items = new ArrayList<>();
            Set<MalUrl> links = new LinkedHashSet<>();
            for (Element block : blocks2023) {
                Element name = block.selectFirst("div.title a[href*=/profile/]");
                List<String> lines = new ArrayList<>();
                block.select("div.fn-grey2").forEach(line -> lines.add(line.text().trim()));
                items.add(friend(page, url, crawlDate, username, name, lines));
            }
            for (Element block : blocks2018) {
                Element name = block.selectFirst("a[href*=/profile/] > strong");
                List<String> lines = new ArrayList<>();
                // The 2018 block is picture, name, last online, "Friends since ..." (empty when unknown).
                block.children().stream().skip(2).forEach(line -> lines.add(line.text().trim()));
                items.add(friend(page, url, crawlDate, username, name == null ? null : name.parent(), lines));
            }
            items.forEach(f -> links.add(Links.profile("friend_username", f.friendUsername())));
            return new FriendsPage(Parsed.of(items, links), nextPage(page));
        });
    }

    private static FriendItem friend(MalPage page, String url, Instant crawlDate, String username, Element name,
                                     List<String> lines) throws ParseException {
        String friend = name == null ? null : MalPage.usernameOf(name.attr("href"));
        if (friend == null) {
            throw page.missing("friend_username");
        }
        Instant lastOnline = null;
        Instant since = null;
        for (String line : lines) {
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith(SINCE)) {
                since = MalDates.moment(line.substring(SINCE.length()), crawlDate);
                if (since == null) {
                    throw new ParseException(KIND, "friends_since", "unreadable '" + line + "' for " + friend
                            + " on " + url);
                }
            } else if (lastOnline == null) {
                lastOnline = MalDates.moment(line, crawlDate);
                if (lastOnline == null) {
                    throw new ParseException(KIND, "friend_last_online", "unreadable '" + line + "' for " + friend
                            + " on " + url);
                }
            }
        }
        return FriendItem.of(url, crawlDate, username, friend, since, lastOnline);
    }

    private static Integer nextPage(MalPage page) {
        for (Element a : page.doc.select("a[href*=/friends?p=]")) {
            if (a.text().trim().equalsIgnoreCase("Next")) {
                Matcher p = PAGE_PARAM.matcher(a.attr("href"));
                if (p.find()) {
                    return Numbers.toInt(p.group(1), "next_page");
                }
            }
        }
        return null;
    }
}
