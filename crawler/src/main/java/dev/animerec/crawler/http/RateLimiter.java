package dev.animerec.crawler.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A per-host request budget over one or more sliding windows (Jikan: 3 per second and 60 per minute).
 * A request holds its permit from {@link #acquire()} until {@link #complete(Ticket)}, and then counts as of
 * its completion: a request reaches the server before it completes, so however network latency reorders
 * requests, no window of any length ever sees more arrivals at the server than its budget.
 */
public final class RateLimiter {

    /** At most {@code permits} requests in any {@code window}. */
    public record Budget(int permits, Duration window) {
        public Budget {
            if (permits <= 0 || window.isZero() || window.isNegative()) {
                throw new IllegalArgumentException("a budget needs permits > 0 and a positive window");
            }
        }
    }

    /** One granted request; in flight until completed. */
    public static final class Ticket {
        private long completedAt = Long.MAX_VALUE;
    }

    private static final long POLL_NANOS = 5_000_000;

    private final List<Budget> budgets;
    private final List<Ticket> tickets = new ArrayList<>();
    private final long longestWindowNanos;

    public RateLimiter(List<Budget> budgets) {
        if (budgets.isEmpty()) {
            throw new IllegalArgumentException("at least one budget");
        }
        this.budgets = List.copyOf(budgets);
        this.longestWindowNanos = budgets.stream().mapToLong(b -> b.window().toNanos()).max().orElseThrow();
    }

    public List<Budget> budgets() {
        return budgets;
    }

    public Ticket acquire() throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                tickets.removeIf(t -> t.completedAt != Long.MAX_VALUE && now - t.completedAt >= longestWindowNanos);
                wait = 0;
                for (Budget budget : budgets) {
                    wait = Math.max(wait, waitFor(budget, now));
                }
                if (wait == 0) {
                    Ticket ticket = new Ticket();
                    tickets.add(ticket);
                    return ticket;
                }
            }
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    public synchronized void complete(Ticket ticket) {
        ticket.completedAt = System.nanoTime();
    }

    /** Nanoseconds until a request fits the budget's window (polling while only in-flight requests fill it). */
    private long waitFor(Budget budget, long now) {
        long window = budget.window().toNanos();
        int inWindow = 0;
        long oldestCompleted = Long.MAX_VALUE;
        for (Ticket t : tickets) {
            if (t.completedAt == Long.MAX_VALUE) {
                inWindow++;
            } else if (now - t.completedAt < window) {
                inWindow++;
                oldestCompleted = Math.min(oldestCompleted, t.completedAt);
            }
        }
        if (inWindow < budget.permits()) {
            return 0;
        }
        return oldestCompleted == Long.MAX_VALUE ? POLL_NANOS
                : Math.min(POLL_NANOS, window - (now - oldestCompleted) + 1);
    }
}
