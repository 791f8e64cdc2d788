package dev.backflux.engine;

import dev.backflux.testing.Tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingResult.Reason;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** One run, many subscribers: late ones, slow ones, none at all. */
class TrainingRunTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Plain threads: the gated runs block while they wait for permits. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Scheduler gatedScheduler = Schedulers.fromExecutorService(executor);
    private final GatedActivation gate = new GatedActivation(2);

    @AfterEach
    void releaseTheGate() {
        gate.release(1_000_000);
        gatedScheduler.dispose();
    }

    private TrainingRun gatedRun(long steps) {
        return Trainer.training(Network.builder().layerSizes(3, 4, 1).activation(gate).build(), Tutorial.XOR)
                .steps(steps).configuration(Map.of()).build().start(gatedScheduler);
    }

    private void awaitLatest(TrainingRun run, long step) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (run.latest().map(TrainingStep::step).orElse(-1L) < step) {
            assertTrue(System.nanoTime() < deadline, "the run did not reach step " + step);
            Thread.onSpinWait();
        }
    }

    /** Waits until the run's thread has finished what it was doing: the executor runs tasks in order. */
    private void awaitRunThreadIdle() throws Exception {
        executor.submit(() -> { }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aLateSubscriberFirstReceivesTheLatestStepThenTheLiveOnes() {
        TrainingRun run = gatedRun(100);
        gate.release(5);
        awaitLatest(run, 4);

        StepVerifier.create(run.steps())
                .assertNext(step -> assertEquals(4, step.step()))
                .then(() -> gate.release(1))
                .assertNext(step -> assertEquals(5, step.step()))
                .then(() -> gate.release(1))
                .assertNext(step -> assertEquals(6, step.step()))
                .thenCancel()
                .verify(WAIT);
        run.cancel();
    }

    @Test
    void aSubscriberThatFallsBehindSkipsToTheLatestStepAfterAtMostOneOlderStep() {
        TrainingRun run = gatedRun(100);
        gate.release(1);
        awaitLatest(run, 0);

        StepVerifier.create(run.steps(), 1)
                .assertNext(step -> assertEquals(0, step.step()))
                .then(() -> {
                    gate.release(5);
                    awaitLatest(run, 5);
                })
                .thenRequest(1)
                .assertNext(step -> assertEquals(1, step.step(), "the step handed to the delivery thread"))
                .thenRequest(1)
                .assertNext(step -> assertEquals(5, step.step(), "steps 2 to 4 were skipped, not queued"))
                .thenCancel()
                .verify(WAIT);
        run.cancel();
    }

    @Test
    void theRunGoesOnWhenEverySubscriberHasLeftAndCanThenBeCancelled() throws Exception {
        TrainingRun run = gatedRun(1_000);
        StepVerifier.create(run.steps().take(2))
                .then(() -> gate.release(1))
                .assertNext(step -> assertEquals(0, step.step()))
                .then(() -> gate.release(1))
                .assertNext(step -> assertEquals(1, step.step()))
                .expectComplete()
                .verify(WAIT);

        gate.release(10);
        awaitLatest(run, 11);
        assertEquals(false, run.isDone(), "nobody watches, the run still goes on");

        run.cancel();
        gate.release(100);
        awaitRunThreadIdle();
        TrainingResult result = run.result().block(WAIT);
        assertEquals(Reason.CANCELLED, result.reason());
        assertTrue(run.isDone());
        assertTrue(gate.startedSteps() <= 13, "the run stopped within one step: " + gate.startedSteps());
    }

    @Test
    void aRunWithoutSubscribersRunsToItsEnd() {
        TrainingRun run = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(5_000)
                .configuration(Map.of()).build().start();

        TrainingResult result = run.result().block(WAIT);

        assertEquals(Reason.COMPLETED, result.reason());
        assertEquals(5_000, result.stepsRun());
        assertEquals(4_999, run.latest().orElseThrow().step());
        StepVerifier.create(run.steps())
                .assertNext(step -> assertEquals(4_999, step.step()))
                .expectComplete()
                .verify(WAIT);
    }

    @Test
    void cancellingStopsTheComputationWithinOneStep() throws Exception {
        TrainingRun run = gatedRun(1_000);
        gate.release(3);
        awaitLatest(run, 2);

        run.cancel();
        gate.release(100);
        awaitRunThreadIdle();

        assertEquals(4, gate.startedSteps(), "steps 0-2, and step 3 that was waiting when cancel came");
        StepVerifier.create(run.steps()).expectNextCount(1).expectComplete().verify(WAIT);
        assertEquals(Reason.CANCELLED, run.result().block(WAIT).reason());
    }

    @Test
    void aFailedRunFailsItsSubscribersAndItsResult() {
        TrainingRun run = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(100)
                .plugin("failing", Map.of("at", 10L)).configuration(Map.of()).build().start();

        TrainingResult result = run.result().block(WAIT);
        assertEquals(Reason.FAILED, result.reason());
        assertEquals("Plugin 'failing' failed: java.lang.IllegalStateException: deliberate failure at step 10",
                result.error().orElseThrow().getMessage());
        StepVerifier.create(run.steps())
                .assertNext(step -> assertEquals(9, step.step()))
                .expectErrorMessage("Plugin 'failing' failed: java.lang.IllegalStateException: deliberate failure at step 10")
                .verify(WAIT);
    }

    @Test
    void aSubscriberTakingOneStepAtATimeOverAMillionStepsKeepsMemoryFlat() {
        long steps = 1_000_000;
        TrainingRun run = gatedRun(steps);
        SlowSubscriber slow = new SlowSubscriber();
        run.steps().subscribe(slow);

        // The run advances 100,000 steps at a time; between two, the heap is measured with the run paused.
        List<Long> retained = new ArrayList<>();
        for (long done = 100_000; done <= steps; done += 100_000) {
            gate.release(100_000);
            awaitLatest(run, done - 1);
            retained.add(retainedHeap());
        }
        TrainingResult result = run.result().block(WAIT);
        slow.dispose();

        assertEquals(Reason.COMPLETED, result.reason());
        assertEquals(steps, result.stepsRun());
        assertTrue(slow.received.get() > 0 && slow.received.get() < steps / 10,
                "the slow subscriber skipped steps instead of holding the run back: " + slow.received.get());
        long growth = retained.get(retained.size() - 1) - retained.get(0);
        long spread = retained.stream().mapToLong(Long::longValue).max().getAsLong()
                - retained.stream().mapToLong(Long::longValue).min().getAsLong();
        assertTrue(spread < 16 << 20, "retained heap varied by " + (spread >> 20) + " MiB over the run: " + retained);
        assertTrue(growth < 8 << 20, "retained heap grew by " + (growth >> 20) + " MiB: " + retained);
    }

    private static long retainedHeap() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Asks for one step, and for the next one a millisecond after each arrives. */
    private static final class SlowSubscriber extends BaseSubscriber<TrainingStep> {
        final AtomicLong received = new AtomicLong();

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            request(1);
        }

        @Override
        protected void hookOnNext(TrainingStep step) {
            received.incrementAndGet();
            Schedulers.parallel().schedule(() -> request(1), 1, TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void subscribersComingAndGoingDuringARunNeverDisturbIt() throws Exception {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            TrainingRun run = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(300_000)
                    .configuration(Map.of()).build().start();
            List<Throwable> watcherErrors = new CopyOnWriteArrayList<>();
            run.steps().subscribe(step -> { }, watcherErrors::add);
            ExecutorService churn = Executors.newFixedThreadPool(3);
            for (int t = 0; t < 3; t++) {
                churn.submit(() -> {
                    while (!run.isDone()) {
                        run.steps().subscribe(step -> { }).dispose();
                        run.steps().takeUntilOther(Mono.just(1)).subscribe();
                    }
                });
            }
            TrainingResult result = run.result().block(WAIT);
            churn.shutdown();
            assertTrue(churn.awaitTermination(30, TimeUnit.SECONDS));

            assertEquals(Reason.COMPLETED, result.reason(), String.valueOf(result.error()));
            assertEquals(List.of(), watcherErrors);
            assertEquals(List.of(), dropped);
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }

    @Test
    void cancelledSubscribersAreForgotten() {
        TrainingRun run = gatedRun(1_000);
        gate.release(1);
        awaitLatest(run, 0);

        for (int i = 0; i < 1_000; i++) {
            run.steps().takeUntilOther(Mono.just(1)).subscribe();
            run.steps().subscribe(step -> { }).dispose();
        }
        run.steps().subscribe();

        assertEquals(1, ((SharedRun) run).subscriberCount());
        run.cancel();
    }

    @Test
    void aRunOnReactorsParallelSchedulerDoesNotStarveItsSubscribers() {
        TrainingRun run = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(Long.MAX_VALUE)
                .configuration(Map.of()).build().start(Schedulers.parallel());
        int subscribers = Runtime.getRuntime().availableProcessors() + 1;
        List<AtomicLong> received = new ArrayList<>();
        List<reactor.core.Disposable> subscriptions = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            AtomicLong count = new AtomicLong();
            received.add(count);
            subscriptions.add(run.steps().subscribe(step -> count.incrementAndGet()));
        }
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (received.stream().anyMatch(count -> count.get() < 10)) {
            assertTrue(System.nanoTime() < deadline, "some subscriber is starved: " + received);
            Thread.onSpinWait();
        }
        subscriptions.forEach(reactor.core.Disposable::dispose);
        run.cancel();
        assertEquals(Reason.CANCELLED, run.result().block(WAIT).reason());
    }

    @Test
    void aSubscriberThatThrowsEndsOnlyItsOwnSubscription() {
        TrainingRun run = gatedRun(5);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        run.steps().subscribe(step -> {
            throw new IllegalStateException("this subscriber broke");
        }, errors::add);
        gate.release(5);

        assertEquals(Reason.COMPLETED, run.result().block(WAIT).reason());
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (errors.isEmpty()) {
            assertTrue(System.nanoTime() < deadline);
            Thread.onSpinWait();
        }
        assertEquals("this subscriber broke", errors.get(0).getMessage());
        StepVerifier.create(run.steps()).assertNext(step -> assertEquals(4, step.step())).expectComplete().verify(WAIT);
    }

    @Test
    void manyCancelledRunsReleaseTheirThreadsAndMemory() throws Exception {
        Training training = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(10_000_000)
                .configuration(Map.of()).build();
        int threadsBefore = Thread.activeCount();
        List<WeakReference<TrainingRun>> runs = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            TrainingRun run = training.start();
            if (i % 2 == 0) {
                awaitLatest(run, 10);
            }
            run.cancel();
            assertEquals(Reason.CANCELLED, run.result().block(WAIT).reason());
            runs.add(new WeakReference<>(run));
        }

        long deadline = System.nanoTime() + WAIT.toNanos();
        while (runs.stream().anyMatch(run -> run.get() != null)) {
            assertTrue(System.nanoTime() < deadline, "cancelled runs are still reachable");
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(Thread.activeCount() <= threadsBefore + Runtime.getRuntime().availableProcessors(),
                "threads before " + threadsBefore + ", after " + Thread.activeCount());
    }
}
