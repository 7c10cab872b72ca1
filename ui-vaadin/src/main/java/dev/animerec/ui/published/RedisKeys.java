package dev.animerec.ui.published;

/**
 * The Redis layout the {@code publish} job writes (batch-jobs {@code dev.animerec.batch.publish.RedisLayout};
 * see README "Redis layout"), plus the serving app's own keys for on-demand users.
 */
public final class RedisKeys {

    public static final String CURRENT = "animerec:current";
    public static final String MANIFEST = "manifest";
    public static final String CARDS = "cards";
    public static final String RECOMMENDATIONS = "recs";
    public static final String LISTS = "lists";
    public static final String SIMILAR = "similar";
    public static final String SERVING = "serving";

    private RedisKeys() {
    }

    public static String key(String version, String table) {
        return "animerec:v:" + version + ":" + table;
    }

    /** A folded-in user the batch never saw, cached per published version (its model) with a TTL. */
    public static String onDemand(String version, String usernameKey) {
        return "animerec:ondemand:" + version + ":" + usernameKey;
    }

    /** A user MAL answered "private or unknown" for, remembered briefly so repeated lookups do not hit MAL. */
    public static String unavailable(String usernameKey) {
        return "animerec:ondemand:unavailable:" + usernameKey;
    }
}
