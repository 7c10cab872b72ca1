package dev.animerec.ui.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.animerec.ui.ServingIT;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two replicas on one PostgreSQL: the app's {@link FeedbackStore} and a second one on the same database. A write on
 * either reaches the other's cache through NOTIFY, and a replica whose listener connection dies neither serves a
 * stale cache nor misses a write made while it was away.
 */
class FeedbackStoreIT extends ServingIT {

    @Autowired
    FeedbackStore replicaA;
    @Autowired
    JdbcTemplate jdbc;

    private static final String VIEWER = "viewer-a";
    private static final String OTHER_VIEWER = "viewer-b";

    private FeedbackStore replicaB;

    @BeforeEach
    void secondReplica() {
        replicaB = new FeedbackStore(jdbc);
        await("both replicas listen", () -> replicaA.listening() && replicaB.listening());
    }

    @AfterEach
    void stopSecondReplica() throws InterruptedException {
        replicaB.stop();
    }

    @Test
    void aWriteOnOneReplicaReachesTheOtherReplicasCache() {
        String user = "replica_user";
        assertThat(replicaB.of(VIEWER, user)).isEmpty();
        assertThat(replicaA.of(VIEWER, user)).isEmpty();
        assertThat(replicaB.of(OTHER_VIEWER, user)).isEmpty();

        replicaA.record(VIEWER, user, 5114, EventType.NOT_INTERESTED, Instant.now());
        assertThat(replicaA.of(VIEWER, user)).containsEntry(5114, "not_interested");
        await("replica B sees A's not-interested", () -> replicaB.of(VIEWER, user).containsKey(5114));
        assertThat(replicaB.of(OTHER_VIEWER, user)).as("another viewer's feedback on the same user").isEmpty();
        assertThat(replicaA.of(null, user)).as("no viewer, no feedback").isEmpty();

        replicaB.record(VIEWER, user, 5114, EventType.LIKE, Instant.now());
        await("replica A sees B's like", () -> "like".equals(replicaA.of(VIEWER, user).get(5114)));
    }

    @Test
    void aReplicaThatLostItsListenerReadsPostgresAndForgetsWhatItCached() {
        String user = "listener_lost_user";
        assertThat(replicaB.of(VIEWER, user)).isEmpty();

        // Kills every LISTEN session (both replicas'): their notifications are gone until they listen again.
        jdbc.queryForList("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = ?",
                "LISTEN " + FeedbackStore.CHANNEL);
        await("replica B notices the lost connection", () -> !replicaB.listening());
        jdbc.update("INSERT INTO user_feedback (viewer_id, username_key, anime_id, feedback, updated_at)"
                + " VALUES (?, ?, ?, ?, now())", VIEWER, user, 9253, "dislike");
        Map<Integer, String> whileAway = replicaB.of(VIEWER, user);
        assertThat(whileAway).as("read from PostgreSQL, not the cache, while not listening").containsKey(9253);

        jdbc.update("INSERT INTO user_feedback (viewer_id, username_key, anime_id, feedback, updated_at)"
                + " VALUES (?, ?, ?, ?, now())", VIEWER, user, 1535, "not_interested");
        await("replica B listens again", replicaB::listening);
        assertThat(replicaB.of(VIEWER, user)).as("the cache was emptied when it listened again")
                .containsKeys(9253, 1535);
    }

    private static void await(String what, BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as(what).isBefore(deadline);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
