package dev.backflux.dashboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.testing.Tutorial;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * 200 event-stream clients on one run, on loopback, for a bounded time: every client receives the run's final
 * step and its end, with no error, and the threads and heap stay bounded. The run's steps per second with no
 * client and with 200 are printed side by side (measured, not asserted).
 */
class StreamLoadTests {

    private static final int CLIENTS = 200;
    private static final long STEPS = 1_500_000;
    private static final Duration BOUND = Duration.ofSeconds(90);

    @Test
    void twoHundredClientsEachReceiveTheFinalStepAndTheEnd() throws Exception {
        try (Dashboard dashboard = Dashboard.builder().port(0).build().start()) {
            Http http = Http.authorized(dashboard);
            // The same run twice, each timed from the release of its first step to its end: first with no
            // client, then with 200 clients connected before it starts.
            GatedRun alone = new GatedRun();
            dashboard.show("alone", alone.run);
            alone.release();
            double aloneRate = alone.stepsPerSecond();

            int threadsBefore = Thread.activeCount();
            GatedRun watched = new GatedRun();
            String id = dashboard.show("watched", watched.run);
            HttpClient client = HttpClient.newConnection().baseUrl("http://127.0.0.1:" + dashboard.port())
                    .headers(h -> h.add("Authorization", "Bearer " + dashboard.token()));
            Map<Integer, String> lastStepEvent = new ConcurrentHashMap<>();
            Map<Integer, String> endState = new ConcurrentHashMap<>();
            AtomicInteger events = new AtomicInteger();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger maxThreads = new AtomicInteger();
            CompletableFuture<List<Integer>> clients = Flux.range(0, CLIENTS)
                    .flatMap(n -> Event.parse(client.get().uri("/api/runs/" + id + "/steps")
                                    .responseContent().asString())
                            .doOnNext(event -> {
                                events.incrementAndGet();
                                maxThreads.accumulateAndGet(Thread.activeCount(),
                                        Math::max);
                                if (event.name().equals("step")) {
                                    lastStepEvent.put(n, event.id());
                                } else {
                                    endState.put(n, event.json().get("state").asString());
                                }
                            })
                            .doOnError(failure::set)
                            .then(Mono.just(n)), CLIENTS)
                    .collectList()
                    .timeout(BOUND)
                    .toFuture();
            awaitClients(http, id, CLIENTS);
            watched.release();
            double watchedRate = watched.stepsPerSecond();
            List<Integer> finished = clients.get(BOUND.toSeconds(), TimeUnit.SECONDS);

            assertEquals(null, failure.get());
            assertEquals(CLIENTS, finished.size());
            for (int n = 0; n < CLIENTS; n++) {
                assertEquals(Long.toString(STEPS - 1), lastStepEvent.get(n), "client " + n + "'s last step");
                assertEquals("completed", endState.get(n), "client " + n + "'s end");
            }
            int extraThreads = maxThreads.get() - threadsBefore;
            assertTrue(extraThreads < 16, "200 clients take a bounded number of threads, not one each: "
                    + extraThreads);
            System.gc();
            long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
            assertTrue(heap < 256L << 20, "heap after the load: " + (heap >> 20) + " MiB");
            System.out.printf("StreamLoadTests: the tutorial's three-layer network, %d steps: %.0f steps/s with no"
                    + " client, %.0f steps/s with %d event-stream clients (%d events in all, %d threads more at"
                    + " most)%n", STEPS, aloneRate, watchedRate, CLIENTS, events.get(), extraThreads);
        }
    }

    /** A run whose first step waits until released, timed from then to its end. */
    private static final class GatedRun {

        private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "load-test-training");
            thread.setDaemon(true);
            return thread;
        });
        private final CountDownLatch gate = new CountDownLatch(1);
        private final TrainingRun run;
        private long releasedAt;

        GatedRun() {
            run = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(STEPS).build()
                    .start(Schedulers.fromExecutorService(executor));
            executor.execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        void release() {
            releasedAt = System.nanoTime();
            gate.countDown();
        }

        double stepsPerSecond() {
            TrainingResult result = run.result().block(BOUND);
            assertEquals(TrainingResult.Reason.COMPLETED, result.reason());
            double seconds = (System.nanoTime() - releasedAt) / 1e9;
            executor.shutdown();
            return STEPS / seconds;
        }
    }

    private static void awaitClients(Http http, String id, int count) {
        long deadline = System.nanoTime() + BOUND.toNanos();
        while (http.get("/api/runs/" + id).block().json().get("streamClients").asInt() < count) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not all clients connected");
            }
            Thread.onSpinWait();
        }
    }
}
