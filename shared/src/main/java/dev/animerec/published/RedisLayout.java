package dev.animerec.published;

import java.nio.charset.StandardCharsets;

/**
 * The Redis keys of published versions (documented in ui-vaadin/README.md, "Redis layout"; written by batch-jobs' publish job, read by the serving app). Everything of a
 * version lives under {@code animerec:v:<version>:}; readers resolve {@link #CURRENT} once per request and
 * then read only that version's keys, so flipping the pointer is the only write a reader can observe.
 */
public final class RedisLayout {

    /** The published version readers use; one SET flips it. */
    public static final String CURRENT = "animerec:current";
    /** Versions being written: member = version, score = start (epoch ms). */
    public static final String LOADING = "animerec:versions:loading";
    /** Versions superseded by a newer one: member = version, score = when it stopped being current (epoch ms). */
    public static final String RETIRED = "animerec:versions:retired";

    /** Hash fields: version metadata and per-table counts written by the publish job. */
    public static final String MANIFEST = "manifest";
    /** Hash: anime id -> card JSON. */
    public static final String CARDS = "cards";
    /** Hash: lower-case username -> the user's top-100 with reasons (JSON). */
    public static final String RECOMMENDATIONS = "recs";
    /** Hash: lower-case username -> the user's list (JSON), for filters and the "because you watched" lane. */
    public static final String LISTS = "lists";
    /** Hash: anime id -> top-50 similar anime (JSON). */
    public static final String SIMILAR = "similar";
    /** Hash: serving artefact file name -> bytes (the fold-in model). */
    public static final String SERVING = "serving";

    public static final String[] TABLES = {MANIFEST, CARDS, RECOMMENDATIONS, LISTS, SIMILAR, SERVING};

    private RedisLayout() {
    }

    public static String key(String version, String table) {
        return "animerec:v:" + version + ":" + table;
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
