package dev.animerec.ui.published;

/**
 * The serving app's own Redis keys, for on-demand users; the published versions' layout is
 * {@link dev.animerec.published.RedisLayout} (shared with the publish job).
 */
public final class RedisKeys {

    private RedisKeys() {
    }

    /** A folded-in user the batch never saw, cached per published version (its model) with a TTL. */
    public static String onDemand(String version, String usernameKey) {
        return "animerec:ondemand:" + version + ":" + usernameKey;
    }

    /** A user whose fetch failed (MAL down, slow or garbled), remembered briefly: the next try waits for it to expire. */
    public static String failed(String usernameKey) {
        return "animerec:ondemand:failed:" + usernameKey;
    }

    /** A user MAL answered "private or unknown" for, remembered briefly so repeated lookups do not hit MAL. */
    public static String unavailable(String usernameKey) {
        return "animerec:ondemand:unavailable:" + usernameKey;
    }
}
