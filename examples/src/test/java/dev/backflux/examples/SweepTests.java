package dev.backflux.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
        Scheduler counting = Schedulers.fromExecutor(task -> pool.execute(() -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            try {
                task.run();
            } finally {
                running.decrementAndGet();
            }
        }));
        List<List<String>> parallel = Sweep.sweep(counting, 2).collectList().block(Duration.ofMinutes(2));
        pool.shutdown();

        assertEquals(7, sequential.size());
        assertEquals(sequential, parallel);
        assertEquals(2, mostAtOnce.get(), "two runs computed at the same time");
        assertTrue(sequential.get(6).get(2).startsWith("Error after 0 iterations:"), sequential.get(6).toString());
    }
}
