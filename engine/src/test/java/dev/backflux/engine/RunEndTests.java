package dev.backflux.engine;

import dev.backflux.testing.CountingActivation;
import dev.backflux.testing.Tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.PluginFailureException;
import dev.backflux.api.StepFailedException;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingResult.Reason;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingStep;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * A run ends exactly once, whatever ends it (a fatal error, a failing plugin, failing pending work, a cancel),
 * and {@code steps()}, {@code result()}, {@code isDone()} and {@code latest()} tell the same story.
 */
class RunEndTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** A scheduler of one plain thread, whose queue the tests can wait on. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private final Scheduler single = Schedulers.fromExecutorService(executor);

    @BeforeEach
    void resetPendingWork() {
        PendingPlugin.reset();
    }

    @AfterEach
    void stopTheThread() {
        PendingPlugin.work.tryEmitEmpty();
        single.dispose();
    }

    private static Training.Builder xor(Network network, long steps) {
        return Trainer.training(network, Tutorial.XOR).steps(steps).configuration(Map.of());
    }

    /** The 3-4-1 network applies its activation to two layers a step: layer 2n is the first of step n. */
    private static Network throwingAt(long layer, Supplier<? extends Throwable> thrown) {
        return Network.builder().layerSizes(3, 4, 1).activation(new ThrowingActivation(layer, thrown)).build();
    }

    @Test
    void aStepThatRunsOutOfMemoryFailsAStartedRunOnceAndEverythingAgrees() {
        TrainingRun run = xor(throwingAt(20, () -> new OutOfMemoryError("Java heap space")), 1_000).build().start();

        TrainingResult result = run.result().block(WAIT);

        assertEquals(Reason.FAILED, result.reason());
        StepFailedException error = assertInstanceOf(StepFailedException.class, result.error().orElseThrow());
        assertEquals("step 10 could not be computed: java.lang.OutOfMemoryError: Java heap space", error.getMessage());
        assertEquals(10, error.step());
        assertInstanceOf(OutOfMemoryError.class, error.getCause());
        assertEquals(10, result.stepsRun());
        assertTrue(run.isDone());
        assertSame(result.lastStep().orElseThrow(), run.latest().orElseThrow());
        StepVerifier.create(run.steps())
                .assertNext(step -> assertSame(result.lastStep().orElseThrow(), step))
                .expectErrorSatisfies(e -> assertSame(error, e))
                .verify(WAIT);
    }

    @Test
    void aStackOverflowWhileComputingAStepEndsTheColdFluxWithAnErrorNamingTheStep() {
        Training training = xor(throwingAt(6, StackOverflowError::new), 100).build();

        StepVerifier.create(training.flux())
                .expectNextCount(3)
                .expectErrorSatisfies(e -> {
                    assertEquals(3, assertInstanceOf(StepFailedException.class, e).step());
                    assertInstanceOf(StackOverflowError.class, e.getCause());
                })
                .verify(WAIT);
    }

    @Test
    void aStepThatRunsOutOfMemoryBeforeTheFirstStepFailsTheRunWithNoStep() {
        TrainingResult result = xor(throwingAt(0, () -> new OutOfMemoryError("Java heap space")), 10).build()
                .start().result().block(WAIT);

        assertEquals(Reason.FAILED, result.reason());
        assertEquals(0, ((StepFailedException) result.error().orElseThrow()).step());
        assertEquals(0, result.stepsRun());
        assertTrue(result.lastStep().isEmpty());
    }

    @Test
    void aPluginThatThrowsAFatalErrorFailsAStartedRunInsteadOfHangingIt() {
        TrainingRun run = xor(Network.of(3, 4, 1), 1_000).plugin("failing", Map.of("at", 5L, "out-of-memory", true))
                .build().start();

        TrainingResult result = run.result().block(WAIT);

        assertEquals(Reason.FAILED, result.reason());
        assertInstanceOf(OutOfMemoryError.class, result.error().orElseThrow());
        assertEquals("deliberate out of memory at step 5", result.error().orElseThrow().getMessage());
        assertTrue(run.isDone());
        assertEquals(4, run.latest().orElseThrow().step(), "step 5 never got past the plugin");
        StepVerifier.create(run.steps())
                .assertNext(step -> assertEquals(4, step.step()))
                .expectErrorMessage("deliberate out of memory at step 5")
                .verify(WAIT);
    }

    @Test
    void aStartedRunEndsOnlyAfterItsPluginsPendingWork() throws Exception {
        TrainingRun run = xor(Network.of(3, 4, 1), 5).plugin("pending").build().start();
        List<String> signals = new CopyOnWriteArrayList<>();
        run.steps().subscribe(step -> signals.add("step " + step.step()), error -> signals.add("error"),
                () -> signals.add("complete"));

        assertTrue(PendingPlugin.awaited.await(WAIT.toSeconds(), TimeUnit.SECONDS), "the engine awaits the work");
        CompletableFuture<TrainingResult> result = run.result().toFuture();
        assertFalse(result.isDone(), "no result while a plugin's work is pending");
        assertFalse(run.isDone());
        assertFalse(signals.contains("complete"), "no completion while a plugin's work is pending: " + signals);

        PendingPlugin.work.tryEmitEmpty();

        assertEquals(Reason.COMPLETED, result.get(WAIT.toSeconds(), TimeUnit.SECONDS).reason());
        assertTrue(run.isDone());
        StepVerifier.create(run.steps()).assertNext(step -> assertEquals(4, step.step())).verifyComplete();
    }

    @Test
    void pendingWorkThatFailsFailsTheRunNamingThePluginOnEveryPath() {
        PendingPlugin.work.tryEmitError(new IOException("No space left on device"));
        Training training = xor(Network.of(3, 4, 1), 5).plugin("pending").build();

        TrainingResult cold = training.result().block(WAIT);
        assertEquals(Reason.FAILED, cold.reason(), "a result, not an error");
        assertFailedByPending(cold.error().orElseThrow());
        assertEquals(5, cold.stepsRun());

        StepVerifier.create(training.flux()).expectNextCount(5).expectErrorSatisfies(RunEndTests::assertFailedByPending)
                .verify(WAIT);

        TrainingResult cancelled = training.result(steps -> steps.take(2)).block(WAIT);
        assertEquals(Reason.FAILED, cancelled.reason(), "a cancelled run whose work failed failed");
        assertFailedByPending(cancelled.error().orElseThrow());

        TrainingRun run = training.start();
        assertFailedByPending(run.result().block(WAIT).error().orElseThrow());
        StepVerifier.create(run.steps()).assertNext(step -> assertEquals(4, step.step()))
                .expectErrorSatisfies(RunEndTests::assertFailedByPending).verify(WAIT);
    }

    private static void assertFailedByPending(Throwable error) {
        assertEquals("pending", assertInstanceOf(PluginFailureException.class, error).pluginId());
        assertEquals("No space left on device", error.getCause().getMessage());
    }

    @Test
    void pendingWorkThatFailsAfterTheRunFailedIsKeptAsSuppressed() {
        PendingPlugin.work.tryEmitError(new IOException("No space left on device"));

        TrainingResult result = xor(Network.of(3, 4, 1), 10).plugin("failing", Map.of("at", 2L)).plugin("pending")
                .build().result().block(WAIT);

        assertEquals(Reason.FAILED, result.reason());
        Throwable error = result.error().orElseThrow();
        assertEquals("failing", ((PluginFailureException) error).pluginId());
        assertEquals(1, error.getSuppressed().length);
        assertFailedByPending(error.getSuppressed()[0]);
    }

    @Test
    void aCancelledRunReportsExactlyTheStepsItPublishedAndComputesNoMore() throws Exception {
        CountingActivation counting = new CountingActivation(2);
        TrainingRun run = xor(Network.builder().layerSizes(3, 4, 1).activation(counting).build(), Long.MAX_VALUE)
                .build().start(single);
        List<TrainingStep> received = new CopyOnWriteArrayList<>();

        StepVerifier.create(run.steps().doOnNext(received::add))
                .thenConsumeWhile(step -> step.step() < 20_000)
                .then(run::cancel)
                .thenConsumeWhile(step -> true)
                .expectComplete()
                .verify(WAIT);
        TrainingResult result = run.result().block(WAIT);
        executor.submit(() -> { }).get(WAIT.toSeconds(), TimeUnit.SECONDS); // the run's thread has nothing left

        assertEquals(Reason.CANCELLED, result.reason());
        TrainingStep last = result.lastStep().orElseThrow();
        assertEquals(last.step() + 1, result.stepsRun());
        assertEquals("cancelled by TrainingRun.cancel() after " + result.stepsRun() + " steps", result.condition());
        assertSame(last, run.latest().orElseThrow());
        assertSame(last, received.get(received.size() - 1), "the subscriber ended at the result's last step");
        assertTrue(counting.computedSteps() <= result.stepsRun() + 1,
                "computed " + counting.computedSteps() + " steps for " + result.stepsRun() + " published: at most the"
                        + " step the cancel interrupted");
    }

    @Test
    void aRunCancelledBeforeItStartsEndsAtOnceWithoutAStep() {
        Scheduler never = Schedulers.fromExecutor(task -> { });
        TrainingRun run = xor(Network.of(3, 4, 1), 100).plugin("pending").build().start(never);

        run.cancel();

        assertTrue(run.isDone());
        TrainingResult result = run.result().block(WAIT);
        assertEquals(Reason.CANCELLED, result.reason());
        assertEquals("cancelled before its first step", result.condition());
        assertEquals(0, result.stepsRun());
        assertTrue(run.latest().isEmpty());
        assertEquals(1, PendingPlugin.awaited.getCount(), "no plugin saw the run");
        StepVerifier.create(run.steps()).verifyComplete();
    }

    @Test
    void aPluginThatSendsAStepAgainFailsTheRunNamingIt() {
        StepVerifier.create(xor(Network.of(3, 4, 1), 10).plugin("repeat").build().flux())
                .expectNextCount(3)
                .expectErrorSatisfies(e -> {
                    assertEquals("repeat", assertInstanceOf(PluginFailureException.class, e).pluginId());
                    assertEquals("published step 0 after step 2: expected strictly increasing step indexes (a plugin"
                            + " may drop steps, never send one again; early-stopping's restore-best reports its step in"
                            + " the result)", e.getCause().getMessage());
                })
                .verify(WAIT);
    }

    @Test
    void aPluginWhoseApplyThrowsEndsTheRunThoughAnEarlierPluginWaitsForItsStreamToEnd() {
        Training training = xor(Network.of(3, 4, 1), 100).plugin("closing")
                .plugin("failing", Map.of("at-assembly", true)).build();

        TrainingResult cold = training.result().block(WAIT);
        assertEquals(Reason.FAILED, cold.reason());
        assertEquals("failing", ((PluginFailureException) cold.error().orElseThrow()).pluginId());
        StepVerifier.create(training.flux()).expectError(PluginFailureException.class).verify(WAIT);
        TrainingRun run = training.start();
        assertEquals(Reason.FAILED, run.result().block(WAIT).reason());
        assertTrue(run.isDone());
    }

    @Test
    void pendingWorkThatFailsWithTheRunsOwnErrorEndsTheRunWithThatError() {
        // 'closing' forwards the error that reaches it, which is 'failing''s: the same exception, twice.
        Training training = xor(Network.of(3, 4, 1), 100).plugin("failing", Map.of("at", 2L)).plugin("closing")
                .build();

        for (TrainingResult result : List.of(training.result().block(WAIT), training.start().result().block(WAIT))) {
            assertEquals(Reason.FAILED, result.reason());
            Throwable error = result.error().orElseThrow();
            assertEquals("failing", ((PluginFailureException) error).pluginId());
            assertEquals(0, error.getSuppressed().length, "not suppressed by itself");
        }
    }

    @Test
    void anEndListenerThatThrowsAnErrorCannotKeepTheRunFromEnding() {
        Training training = xor(Network.of(3, 4, 1), 10).plugin("closing", Map.of("throw-at-end", true)).build();

        assertEquals(Reason.COMPLETED, training.result().block(WAIT).reason());
        StepVerifier.create(training.flux()).expectNextCount(10).verifyComplete();
        TrainingRun run = training.start();
        assertEquals(Reason.COMPLETED, run.result().block(WAIT).reason());
        assertTrue(run.isDone());
        StepVerifier.create(run.steps()).assertNext(step -> assertEquals(9, step.step())).verifyComplete();
    }

    @Test
    void aColdRunCancelledFromAnotherThreadReportsOneConsistentMoment() {
        Training training = xor(Network.of(3, 4, 1), Long.MAX_VALUE).build();
        int checked = 0;
        for (int run = 0; run < 200; run++) {
            // take(Duration) cancels on a timer thread while the caller's thread computes steps. When the timer
            // fires before the steps are even subscribed (a slow first run), the observer never subscribed:
            // that is an error of its own, and no run to check.
            Duration after = Duration.ofNanos(1_000_000 + run * 5_000L);
            TrainingResult result = training.result(steps -> steps.take(after))
                    .onErrorResume(IllegalStateException.class, neverSubscribed -> Mono.empty())
                    .block(WAIT);
            if (result == null) {
                continue;
            }
            checked++;
            assertEquals(Reason.CANCELLED, result.reason());
            long stepsRun = result.stepsRun();
            assertEquals("cancelled by the subscriber after " + stepsRun + " steps", result.condition());
            assertEquals(stepsRun - 1, result.lastStep().map(TrainingStep::step).orElse(-1L));
            result.bestStep().ifPresent(best -> {
                assertTrue(best.step() < stepsRun, "best step " + best.step() + " of " + stepsRun);
                assertEquals(best.meanAbsoluteError(), result.bestError().getAsDouble());
            });
        }
        assertTrue(checked > 150, "runs checked: " + checked);
    }
}
