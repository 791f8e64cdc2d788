package dev.backflux.engine;

import dev.backflux.testing.Tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Activation;
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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** One run, many subscribers: late ones, slow ones, none at all. */
class TrainingRunTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * One plain thread: the gated runs block on it while they wait for permits, and a task submitted to it
     * runs after every task submitted before it.
     */
    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>());
    private final Scheduler plainThread = Schedulers.fromExecutorService(executor);
    private final GatedActivation gate = new GatedActivation(2);

    @AfterEach
    void releaseTheGate() {
        gate.release(1_000_000);
        plainThread.dispose();
    }

    private TrainingRun gatedRun(long steps) {
        return Trainer.training(Network.builder().layerSizes(3, 4, 1).activation(gate).build(), Tutorial.XOR)
                .steps(steps).configuration(Map.of()).build().start(plainThread);
    }

    /**
     * Waits until a gated run has published every step before {@code step} and waits at the gate to start it
     * (the permits released so far must be exactly {@code step}). Then nothing of the run is in flight: every
     * subscriber's operators have had steps {@code 0} to {@code step - 1} handed to them.
     */
    private void awaitGatedAt(TrainingRun run, long step) {
        gate.awaitStarted(step + 1, WAIT);
        assertEquals(step - 1, run.latest().map(TrainingStep::step).orElse(-1L));
    }

    /** Waits until a run has published a step at or past {@code step}, as any subscriber sees it. */
    private static void awaitStep(TrainingRun run, long step) {
        StepVerifier.create(run.steps())
                .thenConsumeWhile(published -> published.step() < step)
                .assertNext(published -> assertTrue(published.step() >= step))
                .thenCancel()
                .verify(WAIT);
    }

    /** Waits until the run's thread has finished what it was doing: the executor runs tasks in order. */
    private void awaitRunThreadIdle() throws Exception {
        executor.submit(() -> { }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aLateSubscriberFirstReceivesTheLatestStepThenTheLiveOnes() throws Exception {
        TrainingRun run = gatedRun(100);
        gate.release(5);
        awaitGatedAt(run, 5);

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
    void aSubscriberThatFallsBehindSkipsToTheLatestStepAfterAtMostOneOlderStep() throws Exception {
        TrainingRun run = gatedRun(100);
        gate.release(1);
        awaitGatedAt(run, 1);

        // Without demand, the subscriber falls behind by steps 1 to 5; asked for two, it may first get the one
        // step its delivery thread already holds (which one depends on when that thread asked for it), then 5.
        List<Long> older = new ArrayList<>();
        StepVerifier.create(run.steps(), 1)
                .assertNext(step -> assertEquals(0, step.step()))
                .then(() -> {
                    gate.release(5);
                    awaitGatedAt(run, 6);
                })
                .thenRequest(2)
                .thenConsumeWhile(step -> step.step() < 5 && older.isEmpty(), step -> older.add(step.step()))
                .assertNext(step -> assertEquals(5, step.step(), "after " + older + ", the latest step: the others"
                        + " were skipped, not queued"))
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
        awaitGatedAt(run, 12);
        assertEquals(false, run.isDone(), "nobody watches, the run still goes on");

        run.cancel();
        gate.release(100);
        awaitRunThreadIdle();
        TrainingResult result = run.result().block(WAIT);
        assertEquals(Reason.CANCELLED, result.reason());
        assertTrue(run.isDone());
        assertEquals(13, gate.startedSteps(), "steps 0-11, and step 12 that was waiting when cancel came");
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
        awaitGatedAt(run, 3);

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

    /**
     * Memory stays flat because a subscriber that asks for nothing has at most two steps kept for it, however
     * far behind it falls: the one its delivery thread holds, and the latest. The run advances 100,000 steps
     * at a time while the subscriber asks for nothing, and waits at the gate; then the subscriber asks for
     * one step at a time until it has the latest.
     */
    @Test
    void aSubscriberTakingOneStepAtATimeOverAMillionStepsKeepsMemoryFlat() throws Exception {
        long steps = 1_000_000;
        int batch = 100_000;
        TrainingRun run = gatedRun(steps);
        SlowSubscriber slow = new SlowSubscriber();
        run.steps().subscribe(slow);

        List<Long> received = new ArrayList<>();
        for (long released = batch; released <= steps; released += batch) {
            gate.release(batch);
            if (released < steps) {
                awaitGatedAt(run, released);
            } else {
                assertEquals(Reason.COMPLETED, run.result().block(WAIT).reason());
            }
            List<Long> thisBatch = new ArrayList<>();
            long step;
            do {
                step = slow.next();
                thisBatch.add(step);
            } while (step < released - 1 && thisBatch.size() < 2);
            assertEquals(released - 1, step, "after at most one older step, the latest: " + thisBatch);
            received.addAll(thisBatch);
        }
        slow.dispose();

        TrainingResult result = run.result().block(WAIT);
        assertEquals(Reason.COMPLETED, result.reason());
        assertEquals(steps, result.stepsRun());
        assertTrue(received.size() <= 2 * steps / batch,
                "the slow subscriber skipped steps instead of holding the run back: " + received);
    }

    /** Asks for nothing by itself: {@link #next()} asks for one step and waits for it. */
    private static final class SlowSubscriber extends BaseSubscriber<TrainingStep> {
        /** Completed on the delivery thread, which must not block: no queue with locks. */
        private volatile CompletableFuture<TrainingStep> arrival;

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            // No demand until the test asks.
        }

        @Override
        protected void hookOnNext(TrainingStep step) {
            arrival.complete(step);
        }

        long next() throws Exception {
            CompletableFuture<TrainingStep> next = new CompletableFuture<>();
            arrival = next;
            request(1);
            return next.get(WAIT.toSeconds(), TimeUnit.SECONDS).step();
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

            assertEquals(Reason.COMPLETED, result.reason(), result.condition() + " after " + result.stepsRun()
                    + " steps; error " + result.error() + "; " + run);
            assertEquals(List.of(), watcherErrors);
            assertEquals(List.of(), dropped);
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }

    @Test
    void cancelledSubscribersAreForgotten() throws Exception {
        TrainingRun run = gatedRun(1_000);
        gate.release(1);
        awaitGatedAt(run, 1);

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
        List<Mono<Long>> counts = new ArrayList<>();
        for (int i = 0; i < subscribers; i++) {
            counts.add(run.steps().take(10).count());
        }

        // All subscribe at once; each must get its ten steps while the run goes on.
        StepVerifier.create(Flux.merge(counts))
                .expectNextSequence(Collections.nCopies(subscribers, 10L))
                .expectComplete()
                .verify(WAIT);
        run.cancel();
        assertEquals(Reason.CANCELLED, run.result().block(WAIT).reason());
    }

    @Test
    void aSubscriberThatThrowsEndsOnlyItsOwnSubscription() throws Exception {
        TrainingRun run = gatedRun(5);
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        run.steps().subscribe(step -> {
            throw new IllegalStateException("this subscriber broke");
        }, error::complete);
        gate.release(5);

        assertEquals(Reason.COMPLETED, run.result().block(WAIT).reason());
        assertEquals("this subscriber broke", error.get(WAIT.toSeconds(), TimeUnit.SECONDS).getMessage());
        StepVerifier.create(run.steps()).assertNext(step -> assertEquals(4, step.step())).expectComplete().verify(WAIT);
    }

    /**
     * Cancelled runs compute on the engine's training threads, one per core at most, and deliver on its
     * delivery threads, as many: no run gets a thread of its own. (The engine's threads by their names, not
     * the JVM's thread count, which other code changes.)
     */
    @Test
    void manyCancelledRunsReleaseTheirThreads() {
        Set<String> computing = ConcurrentHashMap.newKeySet();
        Training training = Trainer.training(Network.builder().layerSizes(3, 4, 1)
                        .activation(new ThreadRecordingSigmoid(computing)).build(), Tutorial.XOR)
                .steps(10_000_000).configuration(Map.of()).build();
        for (int i = 0; i < 500; i++) {
            TrainingRun run = training.start();
            if (i % 2 == 0) {
                awaitStep(run, 10);
            }
            run.cancel();
            assertEquals(Reason.CANCELLED, run.result().block(WAIT).reason());
        }

        int cores = Runtime.getRuntime().availableProcessors();
        assertTrue(computing.stream().allMatch(name -> name.startsWith("backflux-training-")),
                "computed on " + computing);
        assertTrue(computing.size() <= cores, "computed on " + computing);
        assertThreadsAtMost(cores, "backflux-training-");
        assertThreadsAtMost(cores, "backflux-delivery-");
    }

    private static void assertThreadsAtMost(int most, String prefix) {
        List<String> names = new ArrayList<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().startsWith(prefix)) {
                names.add(thread.getName());
            }
        }
        assertTrue(names.size() <= most, names.size() + " live threads named " + prefix + "*, named "
                + new TreeSet<>(names));
    }

    /** The sigmoid, noting the name of each thread that computes with it. */
    private static final class ThreadRecordingSigmoid implements Activation {
        private final Set<String> threads;

        ThreadRecordingSigmoid(Set<String> threads) {
            this.threads = threads;
        }

        @Override
        public double apply(double input) {
            return Activation.sigmoid().apply(input);
        }

        @Override
        public double derivativeFromOutput(double output) {
            return Activation.sigmoid().derivativeFromOutput(output);
        }

        @Override
        public void apply(double[] values) {
            threads.add(Thread.currentThread().getName());
            Activation.sigmoid().apply(values);
        }
    }

    /**
     * Cancelled runs leave no task behind on their scheduler, and nothing keeps them. The runs go on one
     * plain thread, so that one task submitted after they have all ended runs after every task they
     * scheduled: then no thread and no queue holds a run, and neither does this test. What is left to prove
     * unreachability is a garbage collection: {@code System.gc()} is a full, stop-the-world collection on
     * HotSpot's collectors (the build does not disable explicit collections), which clears every weak
     * reference to an object no longer strongly reachable; the few further calls only cover a collector that
     * treats the call as a hint. No call waits for time to pass.
     */
    @Test
    void manyCancelledRunsReleaseTheirMemory() throws Exception {
        List<WeakReference<TrainingRun>> runs = cancelledRuns(500);
        awaitRunThreadIdle();
        assertEquals(0, executor.getQueue().size(), "tasks that cancelled runs left behind");

        for (int collections = 0; collections < 5 && reachable(runs) > 0; collections++) {
            System.gc();
        }
        assertEquals(0, reachable(runs), "cancelled runs are still reachable");
    }

    /** Starts and cancels runs on the test's thread; half of them after their tenth step. */
    private List<WeakReference<TrainingRun>> cancelledRuns(int count) {
        Training training = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(10_000_000)
                .configuration(Map.of()).build();
        List<WeakReference<TrainingRun>> runs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            TrainingRun run = training.start(plainThread);
            if (i % 2 == 0) {
                awaitStep(run, 10);
            }
            run.cancel();
            assertEquals(Reason.CANCELLED, run.result().block(WAIT).reason());
            runs.add(new WeakReference<>(run));
        }
        return runs;
    }

    private static long reachable(List<WeakReference<TrainingRun>> runs) {
        return runs.stream().filter(run -> run.get() != null).count();
    }
}
