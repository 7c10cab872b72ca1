package dev.animerec.crawler;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.mockwebserver.Dispatcher;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * A local MAL mirror replaying the recorded pages of anime 49827 (2023 layout: main page, stats, pictures,
 * recommendations). There is no recorded reviews page of that anime, so its main page answers the reviews
 * url: the main page shows the anime's top three reviews in the 2022+ reviews layout, so the crawl yields
 * those three reviews.
 * <p>
 * Any other anime id answers with the same pages (the items then name 49827; the schedule rows are keyed
 * by the requested url), unless scripted to answer a status or to hang until {@link #release()}. It also
 * serves the seeds' pages: MAL's {@code /users.php} and, as a Jikan mirror, {@code /top/anime}.
 */
public final class MalMirror implements AutoCloseable {

    private static final Pattern ANIME = Pattern.compile("^/anime/(\\d+)(/_/(stats|pics|userrecs|reviews))?$");

    private final MockWebServer server = new MockWebServer();
    private final Map<Integer, Integer> statuses = new ConcurrentHashMap<>();
    private final Map<String, Integer> pathStatuses = new ConcurrentHashMap<>();
    private final Set<Integer> hanging = ConcurrentHashMap.newKeySet();
    private final CountDownLatch released = new CountDownLatch(1);
    private final CountDownLatch hangReached = new CountDownLatch(1);
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();

    /** One request as the mirror saw it: when it arrived ({@link System#nanoTime()}), what and from whom. */
    public record Arrival(long nanoTime, String path, String userAgent) {
    }

    public MalMirror() {
        server.setDispatcher(new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
                return answer(request);
            }
        });
        try {
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mirror's base url, for {@code MAL_BASE_URL}. */
    public String baseUrl() {
        return server.url("/").toString().replaceAll("/$", "");
    }

    /** Every request for this anime's pages answers {@code status}. */
    public MalMirror answer(int animeId, int status) {
        statuses.put(animeId, status);
        return this;
    }

    /** Every request for this path (without query) answers {@code status}. */
    public MalMirror answer(String path, int status) {
        pathStatuses.put(path, status);
        return this;
    }

    /** This path answers its recorded page again. */
    public MalMirror restore(String path) {
        pathStatuses.remove(path);
        return this;
    }

    /** The main page of this anime is answered only after {@link #release()}. */
    public MalMirror hang(int animeId) {
        hanging.add(animeId);
        return this;
    }

    public boolean awaitHang(long seconds) throws InterruptedException {
        return hangReached.await(seconds, TimeUnit.SECONDS);
    }

    public void release() {
        released.countDown();
    }

    /** Paths requested so far, with their query, in arrival order. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    /** The mirror's request log: every request in arrival order, robots.txt included. */
    public List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    private MockResponse answer(RecordedRequest request) throws InterruptedException {
        String target = request.getPath();
        arrivals.add(new Arrival(System.nanoTime(), target, request.getHeader("User-Agent")));
        paths.add(target);
        String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
        Integer pathStatus = pathStatuses.get(path);
        if (pathStatus != null) {
            return new MockResponse().setResponseCode(pathStatus).setBody("scripted " + pathStatus);
        }
        if (path.equals("/users.php")) {
            return new MockResponse().setBody(Fixtures.read("mal/users_php_discovery.html"));
        }
        if (path.equals("/top/anime")) {
            return new MockResponse().setHeader("Content-Type", "application/json")
                    .setBody(Fixtures.read("jikan/top-success.json"));
        }
        Matcher anime = ANIME.matcher(path);
        if (!anime.matches()) {
            return new MockResponse().setResponseCode(404).setBody("not recorded: " + target);
        }
        int id = Integer.parseInt(anime.group(1));
        Integer status = statuses.get(id);
        if (status != null) {
            return new MockResponse().setResponseCode(status).setBody("scripted " + status);
        }
        String page = anime.group(3);
        if (page == null && hanging.contains(id)) {
            hangReached.countDown();
            released.await();
        }
        String fixture = switch (page == null ? "main" : page) {
            case "stats" -> "mal/anime_49827_stats.html";
            case "pics" -> "mal/anime_49827_pictures.html";
            case "userrecs" -> "mal/anime_49827_recomendations.html";
            default -> "mal/anime_49827_details.html";
        };
        return new MockResponse().setHeader("Content-Type", "text/html; charset=utf-8").setBody(Fixtures.read(fixture));
    }

    @Override
    public void close() {
        release();
        try {
            server.shutdown();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
