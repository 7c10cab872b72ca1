package dev.animerec.ui.recommend;

import dev.animerec.ui.feedback.ClickEvent;
import dev.animerec.ui.feedback.ClickStream;
import dev.animerec.ui.feedback.EventType;
import dev.animerec.ui.feedback.FeedbackStore;
import dev.animerec.ui.ondemand.OnDemandUsers;
import dev.animerec.ui.published.AnimeCard;
import dev.animerec.ui.published.PublishedStore;
import dev.animerec.ui.published.PublishedUser;
import dev.animerec.ui.published.PublishedVersion;
import dev.animerec.ui.published.RankedAnime;
import dev.animerec.ui.published.SimilarAnime;
import dev.animerec.userlist.UserList;
import dev.animerec.ui.viewer.RateLimits;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Service;

/**
 * Recommendations for a user (the batch's ranking; else their held list folded in; else their MAL list fetched and
 * folded in) or an anonymous list (fold-in), filtered, drawn at random from the best {@code from} with a seed (the
 * same seed redraws the same cards), plus the "because you watched" and "next seasons" lanes; every shown anime is
 * logged as an impression.
 */
@Service
public class RecommendationService {

    private final PublishedStore published;
    private final OnDemandUsers onDemand;
    private final FeedbackStore feedback;
    private final ClickStream clicks;
    private final FoldIn foldIn;
    private final RateLimits rateLimits;

    public RecommendationService(PublishedStore published, OnDemandUsers onDemand, FeedbackStore feedback,
                                 ClickStream clicks, FoldIn foldIn, RateLimits rateLimits) {
        this.rateLimits = rateLimits;
        this.published = published;
        this.onDemand = onDemand;
        this.feedback = feedback;
        this.clicks = clicks;
        this.foldIn = foldIn;
    }

    /** {@code viewerId}: whose feedback applies (null: nobody's, e.g. an API client without a token). */
    public RecommendationPage forUser(String username, RecommendationRequest request, String context, String viewerId) {
        Usernames.validate(username);
        String userKey = Usernames.key(username);
        PublishedVersion version = published.current();
        Optional<PublishedUser> held = published.user(version.version(), userKey);
        String source;
        String notice = null;
        List<RankedAnime> ranked;
        UserList list;
        if (held.isPresent() && held.get().hasBatchRecommendations()) {
            source = "batch";
            ranked = held.get().ranked();
            list = held.get().list();
        } else if (held.isPresent()) {
            source = "held";
            list = held.get().list();
            FoldIn.Result result = heldFoldIns.get(new HeldKey(version.version(), userKey),
                    key -> foldInHeld(version, list));
            ranked = result.ranked();
            notice = "Your list as we hold it (" + list.entries().size() + " entries) was folded into the model:"
                    + " the last training run did not rank it.";
        } else {
            OnDemandUsers.Folded folded = onDemand.get(username, version);
            source = "on-demand";
            ranked = folded.ranked();
            list = folded.list();
            notice = "First visit: your public MyAnimeList list (" + folded.list().entries().size()
                    + " entries) was fetched and folded into the model"
                    + (folded.unknownEntries() > 0 ? "; " + folded.unknownEntries() + " anime it does not know yet were left out" : "")
                    + ".";
        }
        String displayName = list != null ? list.username() : username;
        RecommendationPage page = page(displayName, source, version, ranked, list, feedback.of(viewerId, userKey), request, notice);
        logImpressions(displayName, page, context);
        return page;
    }

    /**
     * Users the version holds a list for but the batch did not rank, folded in once per version (a version never
     * changes, and a fold-in costs milliseconds of CPU).
     */
    private final Cache<HeldKey, FoldIn.Result> heldFoldIns = Caffeine.newBuilder().maximumSize(10_000).build();

    private record HeldKey(String version, String usernameKey) {
    }

    /** A held list the model knows none of gets no picks (and the lanes), not an error: the list is theirs. */
    private FoldIn.Result foldInHeld(PublishedVersion version, UserList list) {
        try {
            return foldIn.rank(version, list);
        } catch (BadRequestException e) {
            return new FoldIn.Result(List.of(), 0, list.entries().size());
        }
    }

    public RecommendationPage forList(List<UserList.Entry> entries, RecommendationRequest request) {
        if (entries == null || entries.isEmpty()) {
            throw new BadRequestException("the list is empty: send at least one anime with its status");
        }
        if (entries.size() > MAX_LIST) {
            throw new BadRequestException("a list has at most " + MAX_LIST + " entries");
        }
        PublishedVersion version = published.current();
        UserList list;
        try {
            list = new UserList("anonymous", entries);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("each anime may appear once in a list");
        }
        FoldIn.Result result = foldIn.rank(version, list);
        String notice = result.unknownEntries() > 0
                ? result.unknownEntries() + " anime on the list are unknown to the model and were left out" : null;
        RecommendationPage page = page(null, "anonymous", version, result.ranked(), list, Map.of(), request, notice);
        logImpressions(null, page, "api");
        return page;
    }

    public static final int MAX_LIST = 20_000;

    /** Similar anime in rank order (no user, no filters). */
    public List<AnimeCard> similar(int animeId, int limit) {
        PublishedVersion version = published.current();
        if (version.card(animeId) == null) {
            throw new NotFoundException("no anime with this id in the published catalogue");
        }
        List<AnimeCard> cards = new ArrayList<>();
        for (SimilarAnime similar : version.similarTo(animeId)) {
            AnimeCard card = version.card(similar.animeId());
            if (card != null && cards.size() < limit) {
                cards.add(card);
            }
        }
        return cards;
    }

    /**
     * Feedback of one viewer on one user's picks: it changes only what this viewer sees for this user. Rate-limited
     * per viewer; the user must be one we serve (published, held, or folded in on demand), the anime one we know.
     */
    public void feedback(String viewerId, String username, int animeId, EventType type, String context) {
        if (viewerId == null) {
            throw new IllegalArgumentException("feedback needs a viewer");
        }
        rateLimits.take("viewer:" + viewerId);
        Usernames.validate(username);
        PublishedVersion version = published.current();
        if (version.card(animeId) == null) {
            throw new NotFoundException("no anime with this id in the published catalogue");
        }
        if (published.user(version.version(), Usernames.key(username)).isEmpty()
                && onDemand.cached(username, version) == null) {
            throw new NotFoundException("no recommendations are served for this user: look them up first");
        }
        Instant now = Instant.now();
        feedback.record(viewerId, Usernames.key(username), animeId, type, now);
        clicks.put(new ClickEvent(now, username, type, animeId, context));
    }

    /** Genres and themes of the current catalogue, for the filter choices. */
    public List<String> genres() {
        PublishedVersion version = published.current();
        Genres held = genres;
        if (held == null || !held.version().equals(version.version())) {
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            version.cards().values().forEach(card -> {
                names.addAll(card.genres());
                names.addAll(card.themes());
            });
            held = new Genres(version.version(), List.copyOf(names));
            genres = held;
        }
        return held.names();
    }

    private record Genres(String version, List<String> names) {
    }

    private volatile Genres genres;

    private RecommendationPage page(String username, String source, PublishedVersion version, List<RankedAnime> ranked,
                                    UserList list, Map<Integer, String> userFeedback, RecommendationRequest request,
                                    String notice) {
        Set<Integer> hidden = new HashSet<>();
        userFeedback.forEach((anime, kind) -> {
            if (!"like".equals(kind)) {
                hidden.add(anime);
            }
        });
        Filters.Predicate keep = request.filters().forUser(list, hidden);
        List<RecommendationPage.Recommendation> eligible = new ArrayList<>();
        for (RankedAnime item : ranked) {
            AnimeCard card = version.card(item.id());
            if (card != null && keep.keeps(card)) {
                eligible.add(new RecommendationPage.Recommendation(card, item.rank(), item.score(), item.reasons(),
                        userFeedback.get(item.id())));
            }
        }
        long seed = request.seed() != null ? request.seed() : ThreadLocalRandom.current().nextLong(1L << 48);
        List<RecommendationPage.Recommendation> drawn = draw(eligible, request.k(), request.from(), seed);
        Set<Integer> shown = new HashSet<>();
        drawn.forEach(item -> shown.add(item.anime().id()));
        RecommendationPage.Lane lane = lane(version, list, card -> keep.keeps(card) && !shown.contains(card.id()),
                userFeedback, request, seed);
        if (lane != null) {
            lane.items().forEach(item -> shown.add(item.anime().id()));
        }
        List<RecommendationPage.Recommendation> nextSeasons = nextSeasons(version, list,
                card -> keep.keeps(card) && !shown.contains(card.id()), userFeedback, request, seed);
        return new RecommendationPage(username, source, version.version(), request.k(), request.from(), seed,
                eligible.size(), drawn, lane, nextSeasons, notice);
    }

    private RecommendationPage.Lane lane(PublishedVersion version, UserList list, Filters.Predicate keep,
                                         Map<Integer, String> userFeedback, RecommendationRequest request, long seed) {
        Integer anchorId = list == null ? null : list.lastCompleted(id -> version.card(id) != null);
        if (anchorId == null) {
            return null;
        }
        AnimeCard anchor = version.card(anchorId);
        int anchorScore = list.byAnime().get(anchor.id()).score();
        List<RecommendationPage.Recommendation> eligible = new ArrayList<>();
        for (SimilarAnime similar : version.similarTo(anchor.id())) {
            AnimeCard card = version.card(similar.animeId());
            if (card != null && keep.keeps(card)) {
                eligible.add(new RecommendationPage.Recommendation(card, similar.rank(), 0,
                        List.of("often watched by the fans of " + anchor.title(),
                                "#" + similar.rank() + " among the anime most similar to it"),
                        userFeedback.get(card.id())));
            }
        }
        if (eligible.isEmpty()) {
            return null;
        }
        return new RecommendationPage.Lane(anchor, anchorScore, draw(eligible, request.k(), request.from(), seed + 1));
    }

    /**
     * "Next seasons of shows you finished": the direct sequels of the user's completed anime that are not on the
     * list in any other way than planned, that pass the filters (so by default every prequel of theirs is watched),
     * the sequel of the most recently completed show first ({@link UserList.Entry#completedOn()}, then the user's
     * score), and k of the first {@code from} drawn with {@code seed + 2}. Empty without such sequels.
     */
    private static List<RecommendationPage.Recommendation> nextSeasons(PublishedVersion version, UserList list,
                                                                       Filters.Predicate keep,
                                                                       Map<Integer, String> userFeedback,
                                                                       RecommendationRequest request, long seed) {
        if (list == null) {
            return List.of();
        }
        List<UserList.Entry> finished = new ArrayList<>();
        for (UserList.Entry entry : list.entries()) {
            if (UserList.COMPLETED.equals(entry.status()) && !version.sequelsOf(entry.animeId()).isEmpty()) {
                finished.add(entry);
            }
        }
        finished.sort(Comparator.comparing(UserList.Entry::completedOn, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Comparator.comparingInt(UserList.Entry::score).reversed())
                .thenComparingInt(UserList.Entry::animeId));
        List<RecommendationPage.Recommendation> eligible = new ArrayList<>();
        Set<Integer> taken = new HashSet<>();
        for (UserList.Entry entry : finished) {
            AnimeCard prequel = version.card(entry.animeId());
            for (int sequelId : version.sequelsOf(entry.animeId())) {
                UserList.Entry onList = list.byAnime().get(sequelId);
                AnimeCard sequel = version.card(sequelId);
                if (sequel == null || onList != null && !UserList.PLAN_TO_WATCH.equals(onList.status())
                        || !keep.keeps(sequel) || !taken.add(sequelId)) {
                    continue;
                }
                String title = prequel == null ? "a show" : prequel.title();
                eligible.add(new RecommendationPage.Recommendation(sequel, eligible.size() + 1, 0,
                        List.of("the next season of " + title + ", which you completed"
                                + (entry.score() > 0 ? " and scored " + entry.score() : "")),
                        userFeedback.get(sequelId)));
            }
        }
        return draw(eligible, request.k(), request.from(), seed + 2);
    }

    /** k of the first {@code from}, chosen by a seeded shuffle and shown in rank order. */
    static List<RecommendationPage.Recommendation> draw(List<RecommendationPage.Recommendation> eligible, int k, int from,
                                                        long seed) {
        List<RecommendationPage.Recommendation> pool = new ArrayList<>(eligible.subList(0, Math.min(from, eligible.size())));
        Collections.shuffle(pool, new Random(seed));
        List<RecommendationPage.Recommendation> drawn = new ArrayList<>(pool.subList(0, Math.min(k, pool.size())));
        drawn.sort(Comparator.comparingInt(RecommendationPage.Recommendation::rank));
        return List.copyOf(drawn);
    }

    private void logImpressions(String username, RecommendationPage page, String context) {
        Instant now = Instant.now();
        clicks.offer(new ClickEvent(now, username, EventType.PAGE_VIEW, null, context));
        page.recommendations().forEach(item -> clicks.offer(new ClickEvent(now, username, EventType.IMPRESSION,
                item.anime().id(), context)));
        if (page.becauseYouWatched() != null) {
            page.becauseYouWatched().items().forEach(item -> clicks.offer(new ClickEvent(now, username,
                    EventType.IMPRESSION, item.anime().id(), "because_you_watched")));
        }
        page.nextSeasons().forEach(item -> clicks.offer(new ClickEvent(now, username, EventType.IMPRESSION,
                item.anime().id(), "next_seasons")));
    }
}
