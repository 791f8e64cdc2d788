package dev.backflux.engine;

import dev.backflux.testing.Tutorial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import dev.backflux.api.TrainingViews;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class TrainingViewsTests {

    private final List<TrainingStep> steps = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(25)
            .configuration(Map.of()).build().flux().collectList().block();

    private static List<Long> indices(Flux<TrainingStep> steps) {
        return steps.map(TrainingStep::step).collect(Collectors.toList()).block();
    }

    @Test
    void everyNthKeepsTheMultiplesOfNAndTheLastStep() {
        assertEquals(List.of(0L, 10L, 20L, 24L), indices(Flux.fromIterable(steps).transform(TrainingViews.everyNth(10))));
        assertEquals(List.of(0L, 5L, 10L, 15L, 20L), indices(Flux.fromIterable(steps.subList(0, 21))
                .transform(TrainingViews.everyNth(5))));
        assertEquals(25, indices(Flux.fromIterable(steps).transform(TrainingViews.everyNth(1))).size());
        assertEquals("n: expected at least 1, actual 0",
                assertThrows(IllegalArgumentException.class, () -> TrainingViews.everyNth(0)).getMessage());
    }

    @Test
    void everyNthKeepsTheStreamsError() {
        StepVerifier.create(Flux.fromIterable(steps.subList(0, 3)).concatWith(Flux.error(new IllegalStateException("x")))
                        .transform(TrainingViews.everyNth(2)))
                .assertNext(step -> assertEquals(0, step.step()))
                .assertNext(step -> assertEquals(2, step.step()))
                .expectErrorMessage("x")
                .verify();
    }

    @Test
    void atMostOnePerPeriodKeepsTheLatestStepOfEachPeriodAndTheLast() {
        // Step k arrives at 35·(k + 1) ms of virtual time; a 100 ms view keeps the latest of each period. The
        // virtual clock is this test's own, never installed as Reactor's schedulers: StepVerifier.withVirtualTime
        // would replace Schedulers.parallel() for the whole JVM for a while, and a run on another thread that
        // asked for it then kept a clock that never moves (seen as a later test's view that never emitted).
        VirtualTimeScheduler time = VirtualTimeScheduler.create();
        try {
            StepVerifier.create(Flux.fromIterable(steps.subList(0, 12))
                            .delayElements(Duration.ofMillis(35), time)
                            .transform(TrainingViews.atMostOnePer(Duration.ofMillis(100), time)))
                    .then(() -> time.advanceTimeBy(Duration.ofMillis(100)))
                    .assertNext(step -> assertEquals(1, step.step(), "steps at 35 and 70 ms: the latest is step 1"))
                    .then(() -> time.advanceTimeBy(Duration.ofMillis(100)))
                    .assertNext(step -> assertEquals(4, step.step(), "105, 140, 175 ms"))
                    .then(() -> time.advanceTimeBy(Duration.ofMillis(100)))
                    .assertNext(step -> assertEquals(7, step.step(), "210, 245, 280 ms"))
                    .then(() -> time.advanceTimeBy(Duration.ofMillis(100)))
                    .assertNext(step -> assertEquals(10, step.step(), "315, 350, 385 ms"))
                    .then(() -> time.advanceTimeBy(Duration.ofMillis(20)))
                    .assertNext(step -> assertEquals(11, step.step(), "420 ms, with the completion"))
                    .expectComplete()
                    .verify(Duration.ofSeconds(30));
        } finally {
            time.dispose();
        }
    }

    @Test
    void atMostOnePerRejectsAPeriodThatIsNotPositive() {
        assertEquals("period: expected a positive duration, actual PT0S", assertThrows(IllegalArgumentException.class,
                () -> TrainingViews.atMostOnePer(Duration.ZERO)).getMessage());
    }

    @Test
    void improvementsKeepTheStepsThatBeatEveryEarlierError() {
        List<TrainingStep> improving = Flux.fromIterable(steps).transform(TrainingViews.improvements())
                .collectList().block();

        double best = Double.POSITIVE_INFINITY;
        List<Long> expected = new java.util.ArrayList<>();
        for (TrainingStep step : steps) {
            if (step.meanAbsoluteError() < best) {
                best = step.meanAbsoluteError();
                expected.add(step.step());
            }
        }
        assertEquals(expected, improving.stream().map(TrainingStep::step).collect(Collectors.toList()));
        assertEquals(0, improving.get(0).step());
    }
}
