package dev.animerec.crawler.jikan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.animerec.crawler.parse.Guard;
import dev.animerec.crawler.parse.Json;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.items.AnimeStatistics;
import dev.animerec.items.ScoreCount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Jikan v4 {@code /anime/{id}/statistics}: list counts per status and votes per score (10..1). */
public final class JikanStatisticsParser {

    static final String KIND = "jikan anime statistics";
    private final Json json = new Json(KIND);

    public AnimeStatistics parse(String body) throws ParseException {
        return Guard.parse(KIND, () -> {
            JsonNode data = json.object(json.read(body), "data");
            List<ScoreCount> scores = new ArrayList<>();
            for (JsonNode score : json.array(data, "scores")) {
                scores.add(new ScoreCount(json.requiredInt(score, "score"), json.requiredInt(score, "votes")));
            }
            scores.sort(Comparator.comparingInt(ScoreCount::score).reversed());
            Long total = json.longValue(data, "total");
            if (total == null) {
                throw new ParseException(KIND, "total", "missing");
            }
            return new AnimeStatistics(json.longValue(data, "watching"), json.longValue(data, "completed"),
                    json.longValue(data, "on_hold"), json.longValue(data, "dropped"),
                    json.longValue(data, "plan_to_watch"), total, scores);
        });
    }
}
