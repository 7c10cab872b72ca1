package dev.animerec.userlist;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The Redis form of a {@link UserList}, written by the publish job (hash {@code lists}) and by the serving app's
 * on-demand cache, read by the serving app; the only code that writes or reads it:
 *
 * <pre>{"username": "Name", "last_completed": 5114,
 *  "entries": [[anime_id, status, score, episodes_watched, finish_date, updated_at], ...]}</pre>
 *
 * {@code status} may be null; {@code finish_date} is {@code yyyy-MM-dd}, {@code updated_at} an ISO-8601 instant;
 * trailing unknown dates are left out of an entry (the bundled snapshot has no dates, and 300,000 entries of
 * {@code null, null} would only cost Redis memory). {@code last_completed} is written for people reading Redis;
 * a reader recomputes it with the one rule, so the two can never disagree.
 */
public final class UserListCodec {

    private static final JsonFactory FACTORY = new JsonFactory();

    private UserListCodec() {
    }

    public static byte[] write(UserList list) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(32 + list.entries().size() * 24);
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("username", list.username());
            json.writeFieldName("last_completed");
            if (list.lastCompleted() == null) {
                json.writeNull();
            } else {
                json.writeNumber(list.lastCompleted());
            }
            json.writeArrayFieldStart("entries");
            for (UserList.Entry entry : list.entries()) {
                json.writeStartArray();
                json.writeNumber(entry.animeId());
                json.writeString(entry.status());
                json.writeNumber(entry.score());
                json.writeNumber(entry.episodesWatched());
                if (entry.finishDate() != null || entry.updatedAt() != null) {
                    json.writeString(entry.finishDate() == null ? null : entry.finishDate().toString());
                }
                if (entry.updatedAt() != null) {
                    json.writeString(entry.updatedAt().toString());
                }
                json.writeEndArray();
            }
            json.writeEndArray();
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String writeString(UserList list) {
        return new String(write(list), StandardCharsets.UTF_8);
    }

    public static UserList read(String json) {
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when the bytes are not a list in this form */
    public static UserList read(byte[] json) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            expect(parser.nextToken(), JsonToken.START_OBJECT);
            String username = null;
            List<UserList.Entry> entries = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "username" -> username = value == JsonToken.VALUE_NULL ? null : parser.getText();
                    case "entries" -> entries = entries(parser);
                    default -> parser.skipChildren();
                }
            }
            if (username == null || entries == null) {
                throw new IllegalArgumentException("a user list needs \"username\" and \"entries\"");
            }
            return new UserList(username, entries);
        } catch (IOException e) {
            throw new IllegalArgumentException("unreadable user list: " + e.getMessage(), e);
        }
    }

    private static List<UserList.Entry> entries(JsonParser parser) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY);
        List<UserList.Entry> entries = new ArrayList<>();
        while (parser.nextToken() == JsonToken.START_ARRAY) {
            expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT);
            int animeId = parser.getIntValue();
            JsonToken token = parser.nextToken();
            String status = token == JsonToken.VALUE_NULL ? null : parser.getText();
            expect(parser.nextToken(), JsonToken.VALUE_NUMBER_INT);
            int score = parser.getIntValue();
            int progress = 0;
            LocalDate finished = null;
            Instant updated = null;
            token = parser.nextToken();
            if (token == JsonToken.VALUE_NUMBER_INT) {
                progress = parser.getIntValue();
                token = parser.nextToken();
            }
            if (token != JsonToken.END_ARRAY) {
                finished = token == JsonToken.VALUE_NULL ? null : LocalDate.parse(parser.getText());
                token = parser.nextToken();
            }
            if (token != JsonToken.END_ARRAY) {
                updated = token == JsonToken.VALUE_NULL ? null : Instant.parse(parser.getText());
                token = parser.nextToken();
            }
            expect(token, JsonToken.END_ARRAY);
            entries.add(new UserList.Entry(animeId, status, score, progress, finished, updated));
        }
        expect(parser.currentToken(), JsonToken.END_ARRAY);
        return entries;
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("unreadable user list: expected " + expected + ", found " + actual);
        }
    }
}
