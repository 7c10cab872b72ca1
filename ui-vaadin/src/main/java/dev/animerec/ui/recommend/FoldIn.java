package dev.animerec.ui.recommend;

import dev.animerec.ml.serving.Recommender;
import dev.animerec.ml.serving.ServingModel;
import dev.animerec.ui.published.PublishedVersion;
import dev.animerec.ui.published.RankedAnime;
import dev.animerec.userlist.UserList;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Folds a list the batch never saw into the published model with the ML module's scorer (no Spark).
 *
 * <p>A fold-in is pure CPU (3 ms for a typical list, 20 ms for the longest), so at most
 * {@code animerec.fold-in.concurrency} run at once (default: one per core) and the rest wait their turn in arrival
 * order. With every request on its own thread the cores were shared among all of them, and a long list then took
 * its own time times the number of requests in flight: at 16 concurrent fold-ins on 2 cores, p99 144 ms. First come,
 * first served, the wait is the sum of the few requests ahead, and the known-user requests, which never queue here,
 * keep their share of the cores. A request that waits longer than {@code animerec.fold-in.max-wait} is answered 503,
 * and so is one that finds {@code animerec.fold-in.max-queue} others already waiting: waiting requests hold request
 * threads, and a burst of fold-ins must not take all of them from the known-user requests.
 */
@Component
public class FoldIn {

    public static final int TOP = 100;
    private static final String BUSY = "too many lists are being folded in right now; try again in a moment";

    private final Semaphore slots;
    private final int concurrency;
    private final long maxWaitNanos;
    private final int maxQueue;
    private final AtomicInteger waiting = new AtomicInteger();

    public FoldIn(@Value("${animerec.fold-in.concurrency:0}") int concurrency,
                  @Value("${animerec.fold-in.max-wait:PT10S}") Duration maxWait,
                  @Value("${animerec.fold-in.max-queue:100}") int maxQueue) {
        this.concurrency = concurrency > 0 ? concurrency : Runtime.getRuntime().availableProcessors();
        this.slots = new Semaphore(this.concurrency, true);
        this.maxWaitNanos = maxWait.toNanos();
        this.maxQueue = maxQueue;
    }

    public record Result(List<RankedAnime> ranked, int knownEntries, int unknownEntries) {
    }

    public int concurrency() {
        return concurrency;
    }

    /** {@link #rankNow} in one of the fold-in slots. */
    public Result rank(PublishedVersion version, UserList list) {
        return inSlot(() -> rankNow(version, list));
    }

    <T> T inSlot(Supplier<T> work) {
        if (waiting.incrementAndGet() > maxQueue) {
            waiting.decrementAndGet();
            throw new OverloadedException(BUSY);
        }
        try {
            if (!slots.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw new OverloadedException(BUSY);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OverloadedException("interrupted while waiting to fold the list in");
        } finally {
            waiting.decrementAndGet();
        }
        try {
            return work.get();
        } finally {
            slots.release();
        }
    }

    /** Entries without a status stay on the list (the filters see them) but give the model no signal. */
    static Result rankNow(PublishedVersion version, UserList list) {
        List<UserList.Entry> rated = list.entries().stream().filter(entry -> entry.status() != null).toList();
        int size = rated.size();
        int[] ids = new int[size];
        String[] statuses = new String[size];
        int[] scores = new int[size];
        for (int e = 0; e < size; e++) {
            UserList.Entry entry = rated.get(e);
            ids[e] = entry.animeId();
            statuses[e] = entry.status();
            scores[e] = entry.score();
        }
        ServingModel.MappedList mapped = version.model().userList(list.username(), version.indexById(), ids, statuses,
                scores);
        if (mapped.list().items().length == 0) {
            throw new BadRequestException("none of the " + size + " anime on this list is known to the model");
        }
        int[] animeIds = version.model().catalogue().animeIds();
        List<RankedAnime> ranked = new ArrayList<>(TOP);
        for (Recommender.Ranked item : version.recommender().recommend(mapped.list(), TOP, true)) {
            int animeId = animeIds[item.item()];
            if (version.card(animeId) != null) {
                ranked.add(new RankedAnime(animeId, ranked.size() + 1, item.score(), item.reasons()));
            }
        }
        return new Result(ranked, mapped.list().items().length, mapped.unknown());
    }
}
