package dev.animerec.crawler.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.Links;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.parse.Parsed;
import dev.animerec.items.FriendItem;
import dev.animerec.schedule.MalUrl;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Jikan v4 {@code /users/{name}/friends}: friends with the friendship date and their last visit. */
public final class JikanFriendsParser {

    static final String KIND = "jikan user friends";
    private final Json json = new Json(KIND);

    /** The friends of one page; {@code hasNextPage} tells the caller to fetch {@code ?page=N+1}. */
    public record FriendsPage(Parsed parsed, boolean hasNextPage) {
    }

    public FriendsPage parse(String body, String url, String username, Instant crawlDate) throws ParseException {
        return Guard.parse(KIND, () -> {
            JsonNode root = json.read(body);
            List<FriendItem> items = new ArrayList<>();
            Set<MalUrl> links = new LinkedHashSet<>();
            for (JsonNode friend : json.array(root, "data")) {
                String name = json.requiredText(json.object(friend, "user"), "username");
                items.add(FriendItem.of(url, crawlDate, username, name, json.instant(friend, "friends_since"),
                        json.instant(friend, "last_online")));
                links.add(Links.profile("username", name));
            }
            return new FriendsPage(Parsed.of(items, links), root.path("pagination").path("has_next_page").asBoolean());
        });
    }
}
