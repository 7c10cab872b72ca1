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
import dev.animerec.ui.published.UserList;
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
 * Recommendations for a user (batch list, else on-demand fold-in) or an anonymous list (fold-in), filtered,
 * drawn at random from the best {@code from} with a seed (the same seed redraws the same cards), plus the
 * "because you watched" lane; every shown anime is logged as an impression.
 */
@Service
public class RecommendationService {

    private final PublishedStore published;
    private final OnDemandUsers onDemand;
    private final FeedbackStore feedback;
    private final ClickStream clicks;
    private final FoldIn foldIn;

    public RecommendationService(PublishedStore published, OnDemandUsers onDemand, FeedbackStore feedback,
                                 ClickStream clicks, FoldIn foldIn) {
        this.published = published;
        this.onDemand = onDemand;
        this.feedback = feedback;
        this.clicks = clicks;
        this.foldIn = foldIn;
    }

    public RecommendationPage forUser(String username, RecommendationRequest request, String context) {
        Usernames.validate(username);
        String userKey = Usernames.key(username);
        PublishedVersion version = published.current();
        Optional<PublishedUser> batch = published.user(version.version(), userKey);
        String source;
        String notice = null;
        List<RankedAnime> ranked;
        UserList list;
        if (batch.isPresent()) {
            source = "batch";
            ranked = batch.get().ranked();
            list = batch.get().list();
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
        RecommendationPage page = page(displayName, source, version, ranked, list, feedback.of(userKey), request, notice);
        logImpressions(displayName, page, context);
        return page;
    }

    public RecommendationPage forList(List<UserList.Entry> entries, RecommendationRequest request) {
        if (entries == null || entries.isEmpty()) {
            throw new BadRequestException("the list is empty: send at least one anime with its status");
        }
        if (entries.size() > 20_000) {
            throw new BadRequestException("a list has at most 20000 entries");
        }
        PublishedVersion version = published.current();
        UserList list = new UserList("anonymous", entries, lastCompleted(entries, version));
        FoldIn.Result result = foldIn.rank(version, list);
        String notice = result.unknownEntries() > 0
                ? result.unknownEntries() + " anime on the list are unknown to the model and were left out" : null;
        RecommendationPage page = page(null, "anonymous", version, result.ranked(), list, Map.of(), request, notice);
        logImpressions(null, page, "api");
        return page;
    }

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

    public void feedback(String username, int animeId, EventType type, String context) {
        Usernames.validate(username);
        if (published.current().card(animeId) == null) {
            throw new NotFoundException("no anime with this id in the published catalogue");
        }
        Instant now = Instant.now();
        feedback.record(Usernames.key(username), animeId, type, now);
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
        return new RecommendationPage(username, source, version.version(), request.k(), request.from(), seed,
                eligible.size(), drawn, lane, notice);
    }

    private RecommendationPage.Lane lane(PublishedVersion version, UserList list, Filters.Predicate keep,
                                         Map<Integer, String> userFeedback, RecommendationRequest request, long seed) {
        if (list == null || list.lastCompleted() == null || version.card(list.lastCompleted()) == null) {
            return null;
        }
        AnimeCard anchor = version.card(list.lastCompleted());
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

    /** k of the first {@code from}, chosen by a seeded shuffle and shown in rank order. */
    static List<RecommendationPage.Recommendation> draw(List<RecommendationPage.Recommendation> eligible, int k, int from,
                                                        long seed) {
        List<RecommendationPage.Recommendation> pool = new ArrayList<>(eligible.subList(0, Math.min(from, eligible.size())));
        Collections.shuffle(pool, new Random(seed));
        List<RecommendationPage.Recommendation> drawn = new ArrayList<>(pool.subList(0, Math.min(k, pool.size())));
        drawn.sort(Comparator.comparingInt(RecommendationPage.Recommendation::rank));
        return List.copyOf(drawn);
    }

    /** A posted list has no dates: its best-scored completed anime that the catalogue knows anchors the lane. */
    private static Integer lastCompleted(List<UserList.Entry> entries, PublishedVersion version) {
        return entries.stream().filter(entry -> "completed".equals(entry.status()))
                .filter(entry -> version.card(entry.animeId()) != null)
                .max(Comparator.comparingInt(UserList.Entry::score)).map(UserList.Entry::animeId).orElse(null);
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
    }
}
