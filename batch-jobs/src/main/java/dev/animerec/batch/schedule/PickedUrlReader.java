package dev.animerec.batch.schedule;

import dev.animerec.schedule.CrawlRequest;
import dev.animerec.schedule.UrlKind;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.springframework.batch.item.ExecutionContext;
import org.springframework.batch.item.ItemStreamReader;

/**
 * Reads crawl requests by picking urls: each refill picks one chunk's worth inside the chunk's transaction,
 * so the locks, the "scheduled" marks and the queued messages of a chunk commit (or roll back) together.
 * The number handed out is kept in the step's execution context, so a restarted run only picks the rest.
 */
public class PickedUrlReader implements ItemStreamReader<CrawlRequest> {

    static final String HANDED_OUT = "handedOut";

    private final ScheduleSelector selector;
    private final UrlKind kind;
    private final long maxUrls;
    private final int chunkSize;
    private final Clock clock;
    private final Deque<CrawlRequest> buffer = new ArrayDeque<>();
    private long handedOut;
    private boolean exhausted;

    public PickedUrlReader(ScheduleSelector selector, UrlKind kind, long maxUrls, int chunkSize, Clock clock) {
        this.selector = selector;
        this.kind = kind;
        this.maxUrls = maxUrls;
        this.chunkSize = chunkSize;
        this.clock = clock;
    }

    @Override
    public void open(ExecutionContext context) {
        handedOut = context.getLong(HANDED_OUT, 0L);
    }

    @Override
    public void update(ExecutionContext context) {
        context.putLong(HANDED_OUT, handedOut);
    }

    @Override
    public CrawlRequest read() {
        if (buffer.isEmpty() && !exhausted && handedOut < maxUrls) {
            int wanted = (int) Math.min(chunkSize, maxUrls - handedOut);
            Instant now = clock.instant();
            for (String url : selector.pick(kind, wanted, now)) {
                buffer.add(new CrawlRequest(url, kind, now, 1));
            }
            exhausted = buffer.size() < wanted;
            handedOut += buffer.size();
        }
        return buffer.poll();
    }
}
