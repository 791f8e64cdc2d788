package dev.backflux.dashboard;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runs a dashboard shows, by id ({@code run-1}, {@code run-2}, ...), in the order they were shown, and the
 * count of runs started over HTTP that are still training (for {@link DashboardLimits#maxRuns()}).
 */
final class RunBoard {

    private final Map<Long, ShownRun> runs = new ConcurrentSkipListMap<>();
    private final Map<String, Long> ids = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(1);
    private final AtomicInteger training = new AtomicInteger();
    private final int maxShownRuns;

    RunBoard(int maxShownRuns) {
        this.maxShownRuns = maxShownRuns;
    }

    /** Takes a place for one more run started over HTTP, or answers 429 when {@code max} are training. */
    void reserve(int max) {
        while (true) {
            int now = training.get();
            if (now >= max) {
                throw new ApiException(HttpResponseStatus.TOO_MANY_REQUESTS, null, "runs: expected at most " + max
                        + " runs started over HTTP training at once, actual " + now
                        + " training: wait for one to end or cancel one");
            }
            if (training.compareAndSet(now, now + 1)) {
                return;
            }
        }
    }

    /** Gives back a place taken with {@link #reserve(int)}: the run ended, or never started. */
    void release() {
        training.decrementAndGet();
    }

    int training() {
        return training.get();
    }

    String nextId() {
        return "run-" + next.getAndIncrement();
    }

    void add(ShownRun run) {
        long number = Long.parseLong(run.id().substring("run-".length()));
        runs.put(number, run);
        ids.put(run.id(), number);
        forgetOldEndedRuns();
    }

    private void forgetOldEndedRuns() {
        int excess = runs.size() - maxShownRuns;
        for (Iterator<ShownRun> it = runs.values().iterator(); it.hasNext() && excess > 0; ) {
            ShownRun run = it.next();
            if (run.run().isDone()) {
                it.remove();
                ids.remove(run.id());
                run.forget();
                excess--;
            }
        }
    }

    /** The run with this id, or a 404 naming it. */
    ShownRun get(String id) {
        Long number = ids.get(id);
        ShownRun run = number == null ? null : runs.get(number);
        if (run == null) {
            throw new ApiException(HttpResponseStatus.NOT_FOUND, "id",
                    "id: expected the id of a run this dashboard shows, actual '" + id + "'");
        }
        return run;
    }

    List<ShownRun> all() {
        return new ArrayList<>(runs.values());
    }
}
