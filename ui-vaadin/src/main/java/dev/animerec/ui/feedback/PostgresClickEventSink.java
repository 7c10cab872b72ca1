package dev.animerec.ui.feedback;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.util.List;
import org.postgresql.PGConnection;
import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Every profile but gcp: the {@code clickstream_event} table (shared migration V4). */
@Component
@Profile("!gcp")
class PostgresClickEventSink implements ClickEventSink {

    private final JdbcTemplate jdbc;

    PostgresClickEventSink(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** COPY instead of INSERTs: several times cheaper per row, which matters at thousands of impressions a second. */
    @Override
    public void write(List<ClickEvent> batch) {
        StringBuilder csv = new StringBuilder(batch.size() * 64);
        for (ClickEvent event : batch) {
            csv.append(event.occurredAt()).append(',');
            quoted(csv, event.username()).append(',').append(event.type().column()).append(',');
            if (event.animeId() != null) {
                csv.append(event.animeId());
            }
            csv.append(',');
            quoted(csv, event.context()).append('\n');
        }
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(
                        "COPY clickstream_event (occurred_at, username, event_type, anime_id, context)"
                                + " FROM STDIN WITH (FORMAT csv)", new StringReader(csv.toString()));
            } catch (IOException e) {
                throw new SQLException("COPY of click-stream events failed", e);
            }
        });
    }

    /** CSV: an absent value is an empty unquoted field (NULL); a present one is quoted with quotes doubled. */
    private static StringBuilder quoted(StringBuilder csv, String value) {
        return value == null ? csv : csv.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    @Override
    public String describe() {
        return "PostgreSQL table clickstream_event";
    }
}
