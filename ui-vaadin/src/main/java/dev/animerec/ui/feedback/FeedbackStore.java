package dev.animerec.ui.feedback;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** The latest like / dislike / not-interested of each user per anime ({@code user_feedback}). */
@Component
public class FeedbackStore {

    private final JdbcTemplate jdbc;

    public FeedbackStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public void record(String usernameKey, int animeId, EventType type, Instant at) {
        if (!type.sticks()) {
            return;
        }
        jdbc.update("INSERT INTO user_feedback (username_key, anime_id, feedback, updated_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (username_key, anime_id) DO UPDATE SET feedback = EXCLUDED.feedback,"
                + " updated_at = EXCLUDED.updated_at", usernameKey, animeId, type.column(), Timestamp.from(at));
    }

    /** anime id -> like | dislike | not_interested */
    public Map<Integer, String> of(String usernameKey) {
        Map<Integer, String> feedback = new HashMap<>();
        jdbc.query("SELECT anime_id, feedback FROM user_feedback WHERE username_key = ?",
                row -> {
                    feedback.put(row.getInt(1), row.getString(2));
                }, usernameKey);
        return feedback;
    }
}
