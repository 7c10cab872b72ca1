package dev.animerec.ui.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.animerec.items.ListStatus;
import dev.animerec.ui.feedback.EventType;
import dev.animerec.ui.published.AnimeCard;
import dev.animerec.ui.published.UserList;
import dev.animerec.ui.recommend.BadRequestException;
import dev.animerec.ui.recommend.NotFoundException;
import dev.animerec.ui.recommend.RecommendationPage;
import dev.animerec.ui.recommend.RecommendationService;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.validation.Valid;
import org.springdoc.core.annotations.ParameterObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The JSON API (OpenAPI document at {@code /v3/api-docs}, explorer at {@code /swagger-ui.html}). */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
class RecommendationsController {

    private final RecommendationService service;

    RecommendationsController(RecommendationService service) {
        this.service = service;
    }

    /** An entry of a posted list: MAL anime id, list status and the user's score (0 or absent = not scored). */
    record ListEntry(@JsonProperty("anime_id") Integer animeId, String status, Integer score) {
    }

    record AnonymousList(List<ListEntry> entries) {
    }

    record Feedback(String username, @JsonProperty("anime_id") Integer animeId, String type, String context) {
    }

    record Similar(int animeId, List<AnimeCard> similar) {
    }

    @Operation(summary = "k recommendations drawn from the user's best `from`, with explanations and the"
            + " \"because you watched\" lane. Users the batch never saw are fetched from MAL and folded in.",
            description = RecommendationQuery.DESCRIPTION)
    @GetMapping("/users/{username}/recommendations")
    RecommendationPage userRecommendations(@PathVariable String username,
                                           @Valid @ModelAttribute @ParameterObject RecommendationQuery query) {
        return service.forUser(username, query.toRequest(), "recommendations");
    }

    @Operation(summary = "Fold an anonymous list into the model: the same answer as for a user, without a user.",
            description = RecommendationQuery.DESCRIPTION)
    @PostMapping(path = "/recommendations", consumes = MediaType.APPLICATION_JSON_VALUE)
    RecommendationPage anonymousRecommendations(@RequestBody AnonymousList body,
                                                @Valid @ModelAttribute @ParameterObject RecommendationQuery query) {
        if (body == null || body.entries() == null) {
            throw new BadRequestException("the body needs \"entries\": [{\"anime_id\", \"status\", \"score\"}]");
        }
        List<UserList.Entry> entries = new ArrayList<>(body.entries().size());
        for (ListEntry entry : body.entries()) {
            if (entry == null || entry.animeId() == null || entry.animeId() <= 0) {
                throw new BadRequestException("every entry needs a positive anime_id");
            }
            ListStatus status = ListStatus.parse(entry.status());
            if (status == null) {
                throw new BadRequestException("every entry needs a status");
            }
            int score = entry.score() == null ? 0 : entry.score();
            if (score < 0 || score > 10) {
                throw new BadRequestException("score must be between 0 and 10");
            }
            entries.add(new UserList.Entry(entry.animeId(), status.wireName(), score));
        }
        return service.forList(entries, query.toRequest());
    }

    @Operation(summary = "The anime most similar to this one, best first.")
    @GetMapping("/anime/{id}/similar")
    Similar similar(@PathVariable int id, @RequestParam(defaultValue = "20") int limit) {
        if (limit < 1 || limit > 50) {
            throw new BadRequestException("limit must be between 1 and 50");
        }
        return new Similar(id, service.similar(id, limit));
    }

    @Operation(summary = "Record like, dislike, not-interested (these stick) or opened-on-mal.")
    @PostMapping(path = "/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> feedback(@RequestBody Feedback body) {
        if (body == null || body.animeId() == null) {
            throw new BadRequestException("the body needs username, anime_id and type");
        }
        EventType type = EventType.feedback(body.type());
        String context = body.context() == null ? "api" : body.context();
        if (!context.matches("[a-z_]{1,32}")) {
            throw new BadRequestException("context is 1 to 32 lower-case letters or '_'");
        }
        service.feedback(body.username(), body.animeId(), type, context);
        return Map.of("status", "recorded");
    }

    /** Without this, the UI's catch-all route would answer unknown API paths with the app's HTML page. */
    @RequestMapping("/**")
    ApiError unknown() {
        throw new NotFoundException("no such API resource");
    }
}
