package dev.animerec.items;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.UUID;

/**
 * Stable item ids. A uid is a name-based UUID of (kind, natural key, crawl instant): the same crawl of the
 * same entity always yields the same uid, so an at-least-once queue that delivers it twice lands it once,
 * while a re-crawl at a later instant is a new item (the ETL keeps the latest).
 */
public final class Uids {

    private Uids() {
    }

    public static String of(ItemKind kind, Instant crawlDate, Object... naturalKey) {
        StringJoiner joiner = new StringJoiner("|");
        joiner.add(kind.wireName());
        for (Object part : naturalKey) {
            joiner.add(part instanceof String s ? s.toLowerCase(Locale.ROOT) : String.valueOf(part));
        }
        joiner.add(String.valueOf(crawlDate));
        return UUID.nameUUIDFromBytes(joiner.toString().getBytes(StandardCharsets.UTF_8)).toString();
    }
}
