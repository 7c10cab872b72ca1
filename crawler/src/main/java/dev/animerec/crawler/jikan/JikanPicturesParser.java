package dev.animerec.crawler.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.ParseException;
import java.util.ArrayList;
import java.util.List;

/** Jikan v4 {@code /anime/{id}/pictures}: the large jpg of each picture. */
public final class JikanPicturesParser {

    static final String KIND = "jikan anime pictures";
    private final Json json = new Json(KIND);

    public List<String> parse(String body) throws ParseException {
        return Guard.parse(KIND, () -> {
            List<String> pictures = new ArrayList<>();
            for (JsonNode picture : json.array(json.read(body), "data")) {
                JsonNode jpg = json.object(picture, "jpg");
                String large = Json.text(jpg, "large_image_url");
                pictures.add(large != null ? large : json.requiredText(jpg, "image_url"));
            }
            return pictures;
        });
    }
}
