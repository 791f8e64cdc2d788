package dev.backflux.engine;

import dev.backflux.testing.Tutorial;
import dev.backflux.testing.CountingActivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingDivergedException;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.TrainingViews;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Hooks;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/** Many runs at once, errors and cancellation as Reactor users expect; nothing is ever dropped. */
class ConcurrencyTests {

    private static final List<Double> RATES = List.of(0.001, 0.01, 0.1, 1.0, 10.0, 100.0, 1000.0);

    private final List<Throwable> dropped = new CopyOnWriteArrayList<>();

    @BeforeEach
    void watchDroppedErrors() {
        Hooks.onErrorDropped(dropped::add);
    }

    @AfterEach
    void nothingWasDropped() {
        Hooks.resetOnErrorDropped();
        assertEquals(List.of(), dropped);
    }

    /** The sweep of the tutorial's Part 2: the error every 1,000 steps, or where the run diverged. */
    private static Mono<List<String>> errors(double rate) {
        return Trainer.training(Network.builder().layerSizes(3, 4, 1).learningRate(rate).build(), Tutorial.XOR)
                .steps(6_000).configuration(Map.of()).build().flux()
                .transform(TrainingViews.everyNth(1_000))
                .map(step -> step.step() + ":" + step.meanAbsoluteError())
                .onErrorResume(TrainingDivergedException.class, e -> Flux.just("diverged at " + e.step()))
                .collectList();
    }

    @Test
    void runsInParallelProduceExactlyTheStepsTheyProduceOneAfterAnother() {
        List<List<String>> sequential = Flux.fromIterable(RATES).concatMap(ConcurrencyTests::errors)
                .collectList().block();
        List<List<String>> parallel = Flux.fromIterable(RATES)
                .flatMapSequential(rate -> errors(rate).subscribeOn(Schedulers.parallel()), 4)
                .collectList().block(Duration.ofMinutes(1));

        assertEquals(7, sequential.size());
        assertEquals(sequential, parallel);
        assertEquals(7, sequential.get(2).size(), "steps 0, 1000, ..., 5000 and the last, 5999");
    }

    @Test
    void anExceptionInTheSubscribersOnNextEndsTheRunWithThatError() {
        CountingActivation counting = new CountingActivation(2);
        List<Throwable> errors = new CopyOnWriteArrayList<>();
        Trainer.train(Network.builder().layerSizes(3, 4, 1).activation(counting).build(), Tutorial.XOR, 1_000)
                .subscribe(step -> {
                    if (step.step() == 5) {
                        throw new IllegalStateException("subscriber failed at step 5");
                    }
                }, errors::add);

        assertEquals(1, errors.size());
        assertEquals("subscriber failed at step 5", errors.get(0).getMessage());
        assertEquals(6, counting.computedSteps(), "the run stopped with the subscriber");
    }

    @Test
    void anExceptionInAnOperatorReachesTheSubscriberAndStopsTheRun() {
        CountingActivation counting = new CountingActivation(2);
        StepVerifier.create(Trainer.train(Network.builder().layerSizes(3, 4, 1).activation(counting).build(),
                                Tutorial.XOR, 1_000)
                        .map(step -> {
                            if (step.step() == 7) {
                                throw new IllegalArgumentException("bad step");
                            }
                            return step;
                        }))
                .expectNextCount(7)
                .expectErrorMessage("bad step")
                .verify();
        assertEquals(8, counting.computedSteps());
    }

    @Test
    void cancellingOnAnotherThreadStopsWithinOneStep() throws Exception {
        CountingActivation counting = new CountingActivation(2);
        ExecutorService runThread = Executors.newSingleThreadExecutor();
        CountDownLatch reached = new CountDownLatch(1);
        AtomicLong delivered = new AtomicLong();
        Disposable subscription = Trainer.train(Network.builder().layerSizes(3, 4, 1).activation(counting).build(),
                        Tutorial.XOR, 10_000_000)
                .subscribeOn(Schedulers.fromExecutorService(runThread))
                .subscribe(step -> {
                    delivered.incrementAndGet();
                    if (step.step() == 1_000) {
                        reached.countDown();
                    }
                });
        assertTrue(reached.await(30, TimeUnit.SECONDS));

        subscription.dispose();                                    // from this thread, while the run goes on
        runThread.submit(() -> { }).get(30, TimeUnit.SECONDS);    // the run's thread has finished what it was doing
        runThread.shutdown();

        long computed = counting.computedSteps();
        assertTrue(computed == delivered.get() || computed == delivered.get() + 1,
                "computed " + computed + " for " + delivered.get() + " delivered");
    }

    @Test
    void aFailedRunDropsNoError() {
        StepVerifier.create(Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(100)
                        .plugin("failing", Map.of("at", 3L)).configuration(Map.of()).build().start().steps()
                        .map(TrainingStep::step).collect(Collectors.toList()))
                .expectErrorMessage("Plugin 'failing' failed: java.lang.IllegalStateException: deliberate failure at step 3")
                .verify(Duration.ofSeconds(30));
    }
}
