package dev.animerec.ui.ondemand;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.userlist.UserListClient;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.schedule.MalUrl;
import dev.animerec.schedule.ScheduleRepository;
import dev.animerec.ui.published.PublishedStore;
import dev.animerec.ui.published.PublishedVersion;
import dev.animerec.ui.published.RankedAnime;
import dev.animerec.ui.published.RedisKeys;
import dev.animerec.ui.published.UserList;
import dev.animerec.ui.recommend.FoldIn;
import dev.animerec.ui.recommend.NotFoundException;
import dev.animerec.ui.recommend.UpstreamUnavailableException;
import dev.animerec.ui.recommend.Usernames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Users the batch never saw: their public list is fetched through the crawler's client, folded into the
 * published model, cached in Redis for {@code animerec.on-demand.ttl} and their profile seeded into the crawl
 * schedule so the next batch knows them. Concurrent requests for one user share one fetch. A private or unknown
 * user is remembered for {@code animerec.on-demand.unavailable-ttl}, so repeated lookups do not hit MAL.
 */
@Component
public class OnDemandUsers {

    private static final Logger log = LoggerFactory.getLogger(OnDemandUsers.class);
    static final String UNAVAILABLE = "MyAnimeList shows no public anime list for this user: the list is private"
            + " or the user does not exist";

    public record Folded(UserList list, List<RankedAnime> ranked, int unknownEntries) {
    }

    private final UserListClient client;
    private final StringRedisTemplate redis;
    private final ObjectMapper json;
    private final ScheduleRepository schedule;
    private final Duration ttl;
    private final Duration unavailableTtl;
    private final FoldIn foldIn;
    private final ConcurrentHashMap<String, CompletableFuture<Folded>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();

    public OnDemandUsers(UserListClient client, StringRedisTemplate redis, ObjectMapper json, ScheduleRepository schedule,
                         @Value("${animerec.on-demand.ttl:PT6H}") Duration ttl,
                         @Value("${animerec.on-demand.unavailable-ttl:PT10M}") Duration unavailableTtl,
                         FoldIn foldIn) {
        this.foldIn = foldIn;
        this.client = client;
        this.redis = redis;
        this.json = json;
        this.schedule = schedule;
        this.ttl = ttl;
        this.unavailableTtl = unavailableTtl;
    }

    /** Lists fetched from MAL so far (each concurrent group of requests for one user counts once). */
    public long fetches() {
        return fetches.get();
    }

    public Folded get(String username, PublishedVersion version) {
        String userKey = Usernames.key(username);
        String cacheKey = RedisKeys.onDemand(version.version(), userKey);
        Folded cached = read(redis.opsForValue().get(cacheKey));
        if (cached != null) {
            return cached;
        }
        if (Boolean.TRUE.equals(redis.hasKey(RedisKeys.unavailable(userKey)))) {
            throw new NotFoundException(UNAVAILABLE);
        }
        CompletableFuture<Folded> mine = new CompletableFuture<>();
        CompletableFuture<Folded> running = inFlight.putIfAbsent(cacheKey, mine);
        if (running == null) {
            try {
                mine.complete(fetchAndFold(username, userKey, cacheKey, version));
            } catch (RuntimeException e) {
                mine.completeExceptionally(e);
            } finally {
                inFlight.remove(cacheKey, mine);
            }
            running = mine;
        }
        try {
            return running.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }

    private Folded fetchAndFold(String username, String userKey, String cacheKey, PublishedVersion version) {
        long started = System.nanoTime();
        List<AnimeListEntryItem> items;
        try {
            fetches.incrementAndGet();
            items = client.fetch(username, Instant.now());
        } catch (FetchException e) {
            if (e.status() >= 400 && e.status() < 500 && e.status() != 429) {
                markUnavailable(userKey);
                throw new NotFoundException(UNAVAILABLE);
            }
            throw new UpstreamUnavailableException("MyAnimeList did not answer for this user's list; try again in"
                    + " a few minutes", e);
        } catch (ParseException e) {
            if ("errors".equals(e.field())) {
                markUnavailable(userKey);
                throw new NotFoundException(UNAVAILABLE);
            }
            throw new UpstreamUnavailableException("MyAnimeList answered with a list we could not read", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("interrupted while fetching the list", e);
        }
        if (items.isEmpty()) {
            throw new NotFoundException("this user's MyAnimeList list is empty: add a few anime on MAL first");
        }
        UserList list = toList(username, items);
        FoldIn.Result result = foldIn.rank(version, list);
        Folded folded = new Folded(list, result.ranked(), result.unknownEntries());
        redis.opsForValue().set(cacheKey, write(folded), ttl);
        seedProfile(username);
        log.info("on-demand user: {} entries fetched, {} unknown to the model, folded in {} ms", items.size(),
                result.unknownEntries(), (System.nanoTime() - started) / 1_000_000);
        return folded;
    }

    private void markUnavailable(String userKey) {
        redis.opsForValue().set(RedisKeys.unavailable(userKey), "1", unavailableTtl);
    }

    private void seedProfile(String username) {
        try {
            schedule.seed(List.of(MalUrl.profile(username)));
        } catch (RuntimeException e) {
            // The user is served either way; the schedule failure is logged loudly for the operator.
            log.error("could not seed the profile of an on-demand user into the crawl schedule: {}", e.getMessage());
        }
    }

    /**
     * Entries without a status are left out (the model has no signal for them). The lane's anchor is the anime
     * completed last: by finish date, else update time, else the highest-scored completed one.
     */
    static UserList toList(String username, List<AnimeListEntryItem> items) {
        List<UserList.Entry> entries = new ArrayList<>(items.size());
        for (AnimeListEntryItem item : items) {
            if (item.status() != null) {
                entries.add(new UserList.Entry(item.animeId(), item.status().wireName(),
                        item.score() == null ? 0 : item.score()));
            }
        }
        Comparator<AnimeListEntryItem> latest = Comparator
                .comparing((AnimeListEntryItem item) -> item.finishDate(), Comparator.nullsFirst(LocalDate::compareTo))
                .thenComparing(AnimeListEntryItem::updatedAt, Comparator.nullsFirst(Instant::compareTo))
                .thenComparing(item -> item.score() == null ? 0 : item.score());
        Integer lastCompleted = items.stream()
                .filter(item -> item.status() == dev.animerec.items.ListStatus.COMPLETED)
                .max(latest).map(AnimeListEntryItem::animeId).orElse(null);
        return new UserList(username, entries, lastCompleted);
    }

    private String write(Folded folded) {
        ObjectNode node = json.createObjectNode();
        node.put("username", folded.list().username());
        node.put("last_completed", folded.list().lastCompleted());
        node.put("unknown_entries", folded.unknownEntries());
        ArrayNode entries = node.putArray("entries");
        folded.list().entries().forEach(entry -> entries.addArray().add(entry.animeId()).add(entry.status())
                .add(entry.score()));
        node.set("items", json.valueToTree(folded.ranked()));
        try {
            return json.writeValueAsString(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Folded read(String value) {
        if (value == null) {
            return null;
        }
        try {
            var node = json.readTree(value);
            List<RankedAnime> ranked = new ArrayList<>();
            for (var item : node.get("items")) {
                ranked.add(json.treeToValue(item, RankedAnime.class));
            }
            return new Folded(PublishedStore.parseList(node), ranked, node.get("unknown_entries").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable on-demand cache entry", e);
        }
    }
}
