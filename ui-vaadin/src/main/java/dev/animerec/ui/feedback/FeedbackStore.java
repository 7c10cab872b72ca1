package dev.animerec.ui.feedback;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PreDestroy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The latest like / dislike / not-interested per viewer, MAL user and anime ({@code user_feedback}), read on every
 * recommendation request. Feedback belongs to the viewer who gave it (a signed anonymous id, see
 * {@code viewer.ViewerIds}): viewer A's "not interested" on Alice's picks changes what A sees for Alice, never what B
 * sees. PostgreSQL stays the truth; each replica keeps the (viewer, user) pairs it served in a cache that every
 * write invalidates everywhere: the writer evicts its own entry and sends {@code NOTIFY} on {@value #CHANNEL} with
 * {@code <viewer>/<user>}, and every replica's listener evicts that pair. A replica that is not listening
 * (connection lost, not yet connected) reads PostgreSQL on every request and empties its cache before it trusts it
 * again, so a missed notification can never bring a not-interested anime back.
 *
 * <p>Why a cache at all: the per-request query and its round trip were about a fifth of the CPU of a known-user
 * request on a 2-core machine (the query's client side, the backend's work and the context switches).
 */
@Component
public class FeedbackStore {

    static final String CHANNEL = "animerec_user_feedback";
    private static final Logger log = LoggerFactory.getLogger(FeedbackStore.class);

    private final JdbcTemplate jdbc;
    private final DataSource dataSource;
    /**
     * Loads go through the cache's per-key compute, so an eviction that arrives while a load of the same user is
     * running waits for it and then removes what it loaded: a read that raced a write cannot stay cached.
     */
    private final Cache<String, Map<Integer, String>> cache = Caffeine.newBuilder().maximumSize(100_000).build();

    /** The cache key and NOTIFY payload of a (viewer, user) pair; neither part can contain a '/'. */
    private static String pair(String viewerId, String usernameKey) {
        return viewerId + "/" + usernameKey;
    }
    private final Thread listener;
    private volatile boolean listening;
    private volatile boolean running = true;

    public FeedbackStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.dataSource = jdbc.getDataSource();
        this.listener = new Thread(this::listen, "user-feedback-listener");
        this.listener.setDaemon(true);
        this.listener.start();
    }

    public void record(String viewerId, String usernameKey, int animeId, EventType type, Instant at) {
        if (!type.sticks()) {
            return;
        }
        jdbc.update("INSERT INTO user_feedback (viewer_id, username_key, anime_id, feedback, updated_at)"
                + " VALUES (?, ?, ?, ?, ?) ON CONFLICT (viewer_id, username_key, anime_id) DO UPDATE"
                + " SET feedback = EXCLUDED.feedback, updated_at = EXCLUDED.updated_at",
                viewerId, usernameKey, animeId, type.column(), Timestamp.from(at));
        String pair = pair(viewerId, usernameKey);
        cache.invalidate(pair);
        jdbc.query("SELECT pg_notify(?, ?)", row -> { }, CHANNEL, pair);
    }

    /** anime id -> like | dislike | not_interested, as this viewer gave it for this user; empty without a viewer. */
    public Map<Integer, String> of(String viewerId, String usernameKey) {
        if (viewerId == null) {
            return Map.of();
        }
        String pair = pair(viewerId, usernameKey);
        if (!listening) {
            return read(pair);
        }
        return cache.get(pair, this::read);
    }

    /** Whether this replica's cache is in use (it is while the listener holds its connection). */
    public boolean listening() {
        return listening;
    }

    private Map<Integer, String> read(String pair) {
        int slash = pair.indexOf('/');
        Map<Integer, String> feedback = new HashMap<>();
        jdbc.query("SELECT anime_id, feedback FROM user_feedback WHERE viewer_id = ? AND username_key = ?",
                row -> {
                    feedback.put(row.getInt(1), row.getString(2));
                }, pair.substring(0, slash), pair.substring(slash + 1));
        return Map.copyOf(feedback);
    }

    private void listen() {
        long backoffMillis = 500;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                PGConnection postgres = connection.unwrap(PGConnection.class);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                // Everything cached before LISTEN may have missed an eviction.
                cache.invalidateAll();
                listening = true;
                backoffMillis = 500;
                log.info("Feedback cache on: listening for user feedback changes on {}", CHANNEL);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(500);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            cache.invalidate(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                boolean wasListening = listening;
                listening = false;
                cache.invalidateAll();
                if (running) {
                    log.warn("Feedback listener {} ({}); reading PostgreSQL on every request until it listens again,"
                            + " next try in {} ms", wasListening ? "lost its connection" : "cannot connect", e.toString(),
                            backoffMillis);
                    sleep(backoffMillis);
                    backoffMillis = Math.min(10_000, backoffMillis * 2);
                }
            }
        }
        listening = false;
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        listener.join(2_000);
    }
}
