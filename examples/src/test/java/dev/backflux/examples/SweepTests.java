package dev.backflux.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class SweepTests {

    @Test
    void theParallelSweepPrintsExactlyWhatTheSequentialOneDoesWithRunsAtOnce() {
        List<List<String>> sequential = Sweep.sweep(Schedulers.immediate(), 1).collectList().block();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        // Each task subscribes to one run and computes it. The first task waits, before computing, until a
        // second one has started: with two runs at once that is soon, however the threads are scheduled; a
        // sweep of one run at a time starts the next run only once the first has computed, so the first task
        // waits alone until the safety timeout.
        AtomicInteger arrived = new AtomicInteger();
        CountDownLatch twoStarted = new CountDownLatch(2);
        AtomicBoolean firstMetASecond = new AtomicBoolean();
        Scheduler counting = Schedulers.fromExecutor(task -> pool.execute(() -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                boolean first = arrived.incrementAndGet() == 1;
                twoStarted.countDown();
                boolean met = twoStarted.await(30, TimeUnit.SECONDS);
                if (first) {
                    firstMetASecond.set(met);
                }
                task.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                running.decrementAndGet();
            }
        }));
        List<List<String>> parallel = Sweep.sweep(counting, 2).collectList().block(Duration.ofMinutes(2));
        pool.shutdown();

        assertEquals(7, sequential.size());
        assertEquals(sequential, parallel);
        assertTrue(firstMetASecond.get(), "a second run started before the first was computed");
        assertEquals(2, mostAtOnce.get(), "two runs computed at the same time");
        assertTrue(sequential.get(6).get(2).startsWith("Error after 0 iterations:"), sequential.get(6).toString());
    }
}
