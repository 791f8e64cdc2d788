package dev.backflux.engine;

import dev.backflux.testing.Tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingRun;
import dev.backflux.api.TrainingViews;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * BlockHound is installed for the whole test suite (blockhound-junit-platform); these tests show it works.
 * {@code KernelThreadsTests} shows it for the products shared with helper threads.
 */
class BlockHoundTests {

    @Test
    void aDeliberateBlockingCallOnANonBlockingThreadIsCaught() {
        Mono<Void> sleeping = Mono.<Void>fromRunnable(() -> {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }).subscribeOn(Schedulers.parallel());

        StepVerifier.create(sleeping)
                .expectErrorSatisfies(error -> {
                    assertTrue(error instanceof BlockingOperationError, error.toString());
                    assertTrue(error.getMessage().contains("java.lang.Thread.sleep"), error.getMessage());
                })
                .verify(Duration.ofSeconds(10));
    }

    @Test
    void aSharedRunItsSubscribersItsViewsAndItsCancellationNeverBlock() {
        List<Throwable> dropped = new CopyOnWriteArrayList<>();
        Hooks.onErrorDropped(dropped::add);
        try {
            TrainingRun run = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(Long.MAX_VALUE)
                    .plugin("stop-at", Map.of("step", 1_000_000_000L)).configuration(Map.of()).build().start();
            try {
                StepVerifier.create(run.steps().transform(TrainingViews.atMostOnePer(Duration.ofMillis(5))).take(3))
                        .expectNextCount(3).expectComplete().verify(Duration.ofSeconds(30));
                StepVerifier.create(run.steps().transform(TrainingViews.improvements()).take(2))
                        .expectNextCount(2).expectComplete().verify(Duration.ofSeconds(30));
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + " with " + run, e);
            }
            StepVerifier.create(Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 1_000_000)
                            .subscribeOn(Schedulers.parallel()).transform(TrainingViews.everyNth(100)).take(10))
                    .expectNextCount(10).expectComplete().verify(Duration.ofSeconds(30));

            run.cancel();

            assertEquals(TrainingResult.Reason.CANCELLED, run.result().block(Duration.ofSeconds(30)).reason());
            // Nothing dropped: no blocking call, and no subscriber leaving as a step is handed to it (which Reactor's
            // publishOn reported as a dropped "Scheduler unavailable" before deliveries went through QuietWorkers).
            assertEquals(List.of(), dropped);
        } finally {
            Hooks.resetOnErrorDropped();
        }
    }

    @Test
    void theTrainerComputesOnNonBlockingThreadsWithoutBlocking() {
        TrainingResult cold = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(2_000)
                .configuration(Map.of()).build().result().subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(30));
        assertEquals(TrainingResult.Reason.COMPLETED, cold.reason());

        TrainingResult hot = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(2_000)
                .plugin("stop-at", Map.of("step", 1_500L)).configuration(Map.of()).build().start()
                .result().block(Duration.ofSeconds(30));
        assertEquals(TrainingResult.Reason.STOPPED, hot.reason());
    }
}
