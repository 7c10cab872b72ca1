package dev.animerec.items;

import java.time.Instant;
import java.util.Locale;

/** A friendship between two users, as listed on one of them. */
@Doc("A friend of a user, with the friendship date")
public record FriendItem(
        @Required String uid,
        int schemaVersion,
        @Required String url,
        @Required Instant crawlDate,
        @Required String username,
        @Required String friendUsername,
        Instant friendsSince,
        Instant friendLastOnline) implements Item {

    public static final int SCHEMA_VERSION = 1;

    public FriendItem {
        Checks.required(url, "url");
        Checks.required(crawlDate, "crawl_date");
        Checks.required(username, "username");
        Checks.required(friendUsername, "friend_username");
        schemaVersion = Checks.version(schemaVersion, SCHEMA_VERSION);
        uid = uid != null ? uid : Uids.of(ItemKind.FRIEND, crawlDate, username, friendUsername);
    }

    public static FriendItem of(String url, Instant crawlDate, String username, String friendUsername,
                                Instant friendsSince, Instant friendLastOnline) {
        return new FriendItem(null, 0, url, crawlDate, username, friendUsername, friendsSince, friendLastOnline);
    }

    @Override
    public ItemKind kind() {
        return ItemKind.FRIEND;
    }

    @Override
    public String naturalKey() {
        return username.toLowerCase(Locale.ROOT) + "|" + friendUsername.toLowerCase(Locale.ROOT);
    }
}
