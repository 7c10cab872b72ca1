package dev.animerec.ui.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.animerec.items.ListStatus;
import dev.animerec.ui.feedback.EventType;
import dev.animerec.ui.published.AnimeCard;
import dev.animerec.userlist.UserList;
import dev.animerec.ui.recommend.BadRequestException;
import dev.animerec.ui.recommend.RecommendationPage;
import dev.animerec.ui.recommend.RecommendationService;
import dev.animerec.ui.viewer.RateLimits;
import dev.animerec.ui.viewer.ViewerIds;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashSet;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.RequestHeader;
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
    private final ViewerIds viewers;
    private final RateLimits rateLimits;

    RecommendationsController(RecommendationService service, ViewerIds viewers, RateLimits rateLimits) {
        this.service = service;
        this.viewers = viewers;
        this.rateLimits = rateLimits;
    }

    /**
     * The viewer of an API request: the signed token of {@code Authorization: Bearer <token>} (from {@code POST
     * /api/v1/clients}), or null without the header. A header with anything but one of our tokens is a 401: a client
     * that believes it sends its token must not be served as nobody.
     */
    private String viewer(String authorization) {
        if (authorization == null) {
            return null;
        }
        if (!authorization.startsWith("Bearer ")) {
            throw new UnauthorizedException("send the client token as 'Authorization: Bearer <token>'");
        }
        return viewers.verify(authorization.substring("Bearer ".length()).trim())
                .orElseThrow(() -> new UnauthorizedException("the client token is not valid: get one from POST"
                        + " /api/v1/clients"));
    }

    /** Rate limits are per viewer when the request has one, else per address. */
    private void limit(String viewer, HttpServletRequest request) {
        rateLimits.take(viewer != null ? "viewer:" + viewer : "address:" + request.getRemoteAddr());
    }

    record ClientToken(String token) {
    }

    @Operation(summary = "A new API client token (a signed anonymous viewer id). Send it as `Authorization: Bearer"
            + " <token>`: feedback needs it, and recommendations apply that client's own feedback.")
    @PostMapping("/clients")
    @ResponseStatus(HttpStatus.CREATED)
    ClientToken newClient(HttpServletRequest request) {
        limit(null, request);
        return new ClientToken(viewers.issue());
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
                                           @Valid @ModelAttribute @ParameterObject RecommendationQuery query,
                                           @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                           String authorization) {
        return service.forUser(username, query.toRequest(), "recommendations", viewer(authorization));
    }

    @Operation(summary = "Fold an anonymous list into the model: the same answer as for a user, without a user.",
            description = RecommendationQuery.DESCRIPTION)
    @PostMapping(path = "/recommendations", consumes = MediaType.APPLICATION_JSON_VALUE)
    RecommendationPage anonymousRecommendations(@RequestBody AnonymousList body,
                                                @Valid @ModelAttribute @ParameterObject RecommendationQuery query,
                                                @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                                                String authorization, HttpServletRequest request) {
        limit(viewer(authorization), request);
        if (body == null || body.entries() == null) {
            throw new BadRequestException("the body needs \"entries\": [{\"anime_id\", \"status\", \"score\"}]");
        }
        if (body.entries().size() > RecommendationService.MAX_LIST) {
            throw new BadRequestException("a list has at most " + RecommendationService.MAX_LIST + " entries");
        }
        Set<Integer> ids = new HashSet<>();
        List<UserList.Entry> entries = new ArrayList<>(body.entries().size());
        for (ListEntry entry : body.entries()) {
            if (entry == null || entry.animeId() == null || entry.animeId() <= 0) {
                throw new BadRequestException("every entry needs a positive anime_id");
            }
            if (!ids.add(entry.animeId())) {
                throw new BadRequestException("each anime_id may appear once in a list");
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

    @Operation(summary = "Record like, dislike, not-interested (these stick, for this client only) or opened-on-mal."
            + " Needs the client token (`Authorization: Bearer <token>`); the user must be one served here.")
    @PostMapping(path = "/feedback", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Map<String, String> feedback(@RequestBody Feedback body,
                                 @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
        String viewer = viewer(authorization);
        if (viewer == null) {
            throw new UnauthorizedException("feedback needs a client token: get one from POST /api/v1/clients and"
                    + " send it as 'Authorization: Bearer <token>'");
        }
        if (body == null || body.animeId() == null) {
            throw new BadRequestException("the body needs username, anime_id and type");
        }
        EventType type = EventType.feedback(body.type());
        String context = body.context() == null ? "api" : body.context();
        if (!context.matches("[a-z_]{1,32}")) {
            throw new BadRequestException("context is 1 to 32 lower-case letters or '_'");
        }
        service.feedback(viewer, body.username(), body.animeId(), type, context);
        return Map.of("status", "recorded");
    }
}
