package dev.animerec.ui.ondemand;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.animerec.crawler.http.FetchException;
import dev.animerec.crawler.parse.ParseException;
import dev.animerec.crawler.userlist.UserListClient;
import dev.animerec.items.AnimeListEntryItem;
import dev.animerec.schedule.MalUrl;
import dev.animerec.schedule.ScheduleRepository;
import dev.animerec.ui.published.PublishedVersion;
import dev.animerec.ui.published.RankedAnime;
import dev.animerec.ui.published.RedisKeys;
import dev.animerec.ui.recommend.FoldIn;
import dev.animerec.ui.recommend.NotFoundException;
import dev.animerec.ui.recommend.UpstreamUnavailableException;
import dev.animerec.ui.recommend.Usernames;
import dev.animerec.userlist.UserList;
import dev.animerec.userlist.UserListCodec;
import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Users no published version holds: their public list is fetched from MyAnimeList, folded into the published
 * model, cached in Redis for {@code animerec.on-demand.ttl} and their profile seeded into the crawl schedule so the
 * next batch knows them. Concurrent requests for one user share one fetch. A private or unknown user is
 * remembered for {@code animerec.on-demand.unavailable-ttl}, so repeated lookups do not hit MAL.
 *
 * <p>A person is waiting, and MAL allows one request a second, so nothing here waits without bound:
 * <ul>
 *   <li>fetches run on {@code animerec.on-demand.fetchers} threads of their own, never on request threads; at most
 *       {@code animerec.on-demand.max-pending} more wait for one, and a lookup beyond that is answered 503 at once;</li>
 *   <li>a request waits for its fetch at most {@code animerec.on-demand.deadline} (3 s), then gets a 503 with
 *       Retry-After while the fetch goes on and caches its result for the next try;</li>
 *   <li>a failed fetch is remembered per user for {@code animerec.on-demand.failure-ttl}, and MAL not answering at
 *       all (a timeout, a connection error, a robots.txt that cannot be read) marks the upstream down for as long:
 *       lookups in that time are answered 503 at once with the time left as Retry-After, instead of each waiting for
 *       its own timeout. This is also what keeps an unreadable robots.txt from being asked for again on every
 *       lookup (the crawler's client re-reads a robots.txt it never could read before each request).</li>
 * </ul>
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
    private final Duration failureTtl;
    private final long deadlineNanos;
    private final FoldIn foldIn;
    private final ThreadPoolExecutor fetchers;
    private final ConcurrentHashMap<String, CompletableFuture<Folded>> inFlight = new ConcurrentHashMap<>();
    private final AtomicLong fetches = new AtomicLong();
    /** {@link System#nanoTime()} until which the upstream counts as down (0: up). */
    private volatile long upstreamDownUntil;

    public OnDemandUsers(UserListClient client, StringRedisTemplate redis, ObjectMapper json, ScheduleRepository schedule,
                         @Value("${animerec.on-demand.ttl:PT6H}") Duration ttl,
                         @Value("${animerec.on-demand.unavailable-ttl:PT10M}") Duration unavailableTtl,
                         @Value("${animerec.on-demand.failure-ttl:PT30S}") Duration failureTtl,
                         @Value("${animerec.on-demand.deadline:PT3S}") Duration deadline,
                         @Value("${animerec.on-demand.fetchers:4}") int fetcherThreads,
                         @Value("${animerec.on-demand.max-pending:32}") int maxPending,
                         FoldIn foldIn) {
        this.client = client;
        this.redis = redis;
        this.json = json;
        this.schedule = schedule;
        this.ttl = ttl;
        this.unavailableTtl = unavailableTtl;
        this.failureTtl = failureTtl;
        this.deadlineNanos = deadline.toNanos();
        this.foldIn = foldIn;
        AtomicInteger threads = new AtomicInteger();
        this.fetchers = new ThreadPoolExecutor(fetcherThreads, fetcherThreads, 1, TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(maxPending), runnable -> {
                    Thread thread = new Thread(runnable, "on-demand-fetch-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Lists fetched from MAL so far (each concurrent group of requests for one user counts once). */
    public long fetches() {
        return fetches.get();
    }

    /** The user's folded-in list, if it is cached for this version (no fetch). */
    public Folded cached(String username, PublishedVersion version) {
        return read(redis.opsForValue().get(RedisKeys.onDemand(version.version(), Usernames.key(username))));
    }

    public Folded get(String username, PublishedVersion version) {
        long started = System.nanoTime();
        String userKey = Usernames.key(username);
        String cacheKey = RedisKeys.onDemand(version.version(), userKey);
        Folded cached = read(redis.opsForValue().get(cacheKey));
        if (cached != null) {
            return cached;
        }
        if (Boolean.TRUE.equals(redis.hasKey(RedisKeys.unavailable(userKey)))) {
            throw new NotFoundException(UNAVAILABLE);
        }
        Long failedFor = redis.getExpire(RedisKeys.failed(userKey), TimeUnit.MILLISECONDS);
        if (failedFor != null && failedFor > 0) {
            throw notAnswering(Duration.ofMillis(failedFor));
        }
        long down = upstreamDownUntil - System.nanoTime();
        if (down > 0) {
            throw notAnswering(Duration.ofNanos(down));
        }
        CompletableFuture<Folded> mine = new CompletableFuture<>();
        CompletableFuture<Folded> running = inFlight.putIfAbsent(cacheKey, mine);
        if (running == null) {
            running = mine;
            try {
                fetchers.execute(() -> fetchInto(mine, username, userKey, cacheKey, version));
            } catch (RejectedExecutionException e) {
                inFlight.remove(cacheKey, mine);
                throw new UpstreamUnavailableException("too many lists are being fetched from MyAnimeList right now;"
                        + " try again in a few seconds", Duration.ofSeconds(5));
            }
        }
        try {
            return running.get(Math.max(0, deadlineNanos - (System.nanoTime() - started)), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new UpstreamUnavailableException("MyAnimeList is slow to answer; the list is still being fetched,"
                    + " try again in a few seconds", Duration.ofSeconds(3));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("interrupted while waiting for the list", Duration.ofSeconds(1));
        }
    }

    private static UpstreamUnavailableException notAnswering(Duration retryAfter) {
        return new UpstreamUnavailableException("MyAnimeList did not answer for this list just now; try again in "
                + Math.max(1, (retryAfter.toMillis() + 999) / 1000) + " s", retryAfter);
    }

    private void fetchInto(CompletableFuture<Folded> future, String username, String userKey, String cacheKey,
                           PublishedVersion version) {
        try {
            long down = upstreamDownUntil - System.nanoTime();
            if (down > 0) {
                throw notAnswering(Duration.ofNanos(down));
            }
            future.complete(fetchAndFold(username, userKey, cacheKey, version));
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
        } catch (Error e) {
            // Waiting requests must hear of it too (they would otherwise time out as "still fetching" forever).
            future.completeExceptionally(new IllegalStateException("the on-demand fetch failed: " + e, e));
            throw e;
        } finally {
            inFlight.remove(cacheKey, future);
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
            markFailed(userKey, e.status() == 0);
            log.warn("on-demand fetch failed: {}", e.getMessage());
            throw notAnswering(failureTtl);
        } catch (ParseException e) {
            if ("errors".equals(e.field())) {
                markUnavailable(userKey);
                throw new NotFoundException(UNAVAILABLE);
            }
            markFailed(userKey, false);
            throw new UpstreamUnavailableException("MyAnimeList answered with a list we could not read", failureTtl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("interrupted while fetching the list", failureTtl, e);
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

    /** {@code unreachable}: no answer at all (timeout, connection refused), so the upstream is down for everyone. */
    private void markFailed(String userKey, boolean unreachable) {
        redis.opsForValue().set(RedisKeys.failed(userKey), "1", failureTtl);
        if (unreachable) {
            upstreamDownUntil = System.nanoTime() + failureTtl.toNanos();
        }
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
     * The fetched list in the one user-list contract: every entry, with status (null when MAL gives none), score,
     * progress and dates; a list page that repeats an anime keeps its first entry.
     */
    static UserList toList(String username, List<AnimeListEntryItem> items) {
        List<UserList.Entry> entries = new ArrayList<>(items.size());
        Set<Integer> seen = new HashSet<>();
        for (AnimeListEntryItem item : items) {
            if (seen.add(item.animeId())) {
                entries.add(new UserList.Entry(item.animeId(), item.status() == null ? null : item.status().wireName(),
                        item.score() == null ? 0 : item.score(),
                        item.episodesWatched() == null ? 0 : item.episodesWatched(), item.finishDate(),
                        item.updatedAt()));
            }
        }
        return new UserList(username, entries);
    }

    /** The cache entry: {@code {"unknown_entries", "items": [ranked...], "list": <the user-list codec's form>}}. */
    private String write(Folded folded) {
        try {
            ObjectNode node = json.createObjectNode();
            node.put("unknown_entries", folded.unknownEntries());
            node.set("items", json.valueToTree(folded.ranked()));
            node.set("list", json.readTree(UserListCodec.write(folded.list())));
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
            JsonNode node = json.readTree(value);
            List<RankedAnime> ranked = new ArrayList<>();
            for (JsonNode item : node.get("items")) {
                ranked.add(json.treeToValue(item, RankedAnime.class));
            }
            return new Folded(UserListCodec.read(json.writeValueAsBytes(node.get("list"))), List.copyOf(ranked),
                    node.get("unknown_entries").asInt());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable on-demand cache entry", e);
        }
    }

    @PreDestroy
    void stop() {
        fetchers.shutdownNow();
    }
}
