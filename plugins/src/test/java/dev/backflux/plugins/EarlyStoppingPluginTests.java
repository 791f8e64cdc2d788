package dev.backflux.plugins;

import dev.backflux.testing.CountingActivation;
import dev.backflux.testing.Linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Activation;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingDivergedException;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingResult.Reason;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

class EarlyStoppingPluginTests {

    private final CountingActivation counting = new CountingActivation(2);
    private final Network network = Network.builder().layerSizes(3, 4, 1).activation(counting).build();

    /** Validation data that the XOR network gets worse on as it learns: the inverted targets. */
    private static final TrainingData XOR_WITH_INVERTED_VALIDATION = Xor.DATA.withValidation(Xor.INPUTS,
            new double[][] {{1}, {0}, {0}, {1}});

    /** With validation data, each step also runs the validation forward pass: 4 layers per step. */
    private final CountingActivation countingWithValidation = new CountingActivation(4);
    private final Network validated = Network.builder().layerSizes(3, 4, 1).activation(countingWithValidation).build();

    private List<TrainingStep> plainRun(long steps) {
        return Xor.training(Network.of(3, 4, 1), steps).build().flux().collectList().block();
    }

    private Training earlyStopping(long steps, Map<String, ?> options) {
        return Xor.training(network, steps).plugin("early-stopping", options).build();
    }

    @Test
    void theRunStopsAtTheFirstStepWhoseErrorReachesTheTarget() {
        List<TrainingStep> plain = plainRun(5_000);
        long expected = plain.stream().filter(step -> step.meanAbsoluteError() <= 0.1).findFirst().orElseThrow().step();

        Training training = earlyStopping(60_000, Map.of("target", 0.1));
        StepVerifier.create(training.flux())
                .expectNextCount(expected)
                .assertNext(step -> assertEquals(expected, step.step()))
                .verifyComplete();
        assertEquals(expected + 1, counting.computedSteps(), "not one step is computed after the stopping step");

        TrainingResult result = training.result().block();
        assertEquals(Reason.STOPPED, result.reason());
        assertEquals("early-stopping", result.stoppedBy().orElseThrow());
        assertEquals("error " + plain.get((int) expected).meanAbsoluteError() + " reached the target 0.1 (at step "
                + expected + ")", result.condition());
        assertEquals(expected + 1, result.stepsRun());
    }

    @Test
    void patienceStopsWhenTheErrorHasNotImprovedByMinDeltaForThatManySteps() {
        double minDelta = 0.002;
        long patience = 25;
        List<TrainingStep> plain = plainRun(3_000);
        long expected = expectedPatienceStop(plain, minDelta, patience);
        assertTrue(expected > patience && expected < 2_999, "a stop inside the plain run: " + expected);

        TrainingResult result = earlyStopping(3_000, Map.of("patience", patience, "min-delta", minDelta)).result().block();

        assertEquals(Reason.STOPPED, result.reason());
        assertEquals(expected + 1, result.stepsRun());
        assertTrue(result.condition().startsWith("no improvement of at least 0.002 in 25 steps (best error "),
                result.condition());
        assertEquals(expected + 1, counting.computedSteps());
    }

    /** The rule, written out independently: an improvement lowers the best error by at least minDelta. */
    private static long expectedPatienceStop(List<TrainingStep> steps, double minDelta, long patience) {
        double best = Double.POSITIVE_INFINITY;
        long since = 0;
        for (TrainingStep step : steps) {
            double error = step.meanAbsoluteError();
            if (best - error >= minDelta && error < best) {
                best = error;
                since = 0;
            } else if (++since == patience) {
                return step.step();
            }
        }
        return -1;
    }

    @Test
    void patienceCountsFromStartFrom() {
        // With patience 1 and a minimum improvement no step reaches, every step would stop the run...
        StepVerifier.create(earlyStopping(1_000, Map.of("patience", 1L, "min-delta", 0.5, "start-from", 40L)).flux())
                .expectNextCount(41)
                // ...but counting starts at step 40, whose error becomes the reference: step 41 fails to beat it.
                .assertNext(step -> assertEquals(41, step.step()))
                .verifyComplete();
        assertEquals(42, counting.computedSteps());
    }

    @Test
    void nothingStopsTheRunBeforeStartFrom() {
        // The very first error (0.4964) is already below this target: only start-from holds the stop back.
        StepVerifier.create(earlyStopping(1_000, Map.of("target", 0.5, "start-from", 100L)).flux())
                .expectNextCount(100)
                .assertNext(step -> assertEquals(100, step.step()))
                .verifyComplete();
        assertEquals(101, counting.computedSteps());
    }

    @Test
    void restoreBestEndsAStoppedRunWithTheBestStepInItsResult() {
        Training training = Trainer.training(validated, XOR_WITH_INVERTED_VALIDATION).steps(1_000)
                .configuration(Map.of())
                .plugin("early-stopping", Map.of("patience", 10L, "restore-best", true)).build();

        AtomicReference<List<TrainingStep>> received = new AtomicReference<>();
        TrainingResult result = training.result(steps -> steps.collectList().doOnNext(received::set)).block();

        assertEquals(Reason.STOPPED, result.reason());
        assertEquals(LongStream.rangeClosed(0, 10).boxed().collect(Collectors.toList()),
                received.get().stream().map(TrainingStep::step).collect(Collectors.toList()),
                "every step once, in order: the best one is not sent again");
        assertSame(received.get().get(0), result.bestStep().orElseThrow(),
                "the validation error only grows: step 0 was the best, and the result holds it");
        assertEquals(10, result.lastStep().orElseThrow().step());
        assertEquals(11, countingWithValidation.computedSteps());
    }

    @Test
    void restoreBestEndsACompletedRunWithTheBestStepInItsResultToo() {
        Training training = Trainer.training(validated, XOR_WITH_INVERTED_VALIDATION).steps(20)
                .configuration(Map.of()).plugin("early-stopping", Map.of("restore-best", "true")).build();

        AtomicReference<TrainingStep> first = new AtomicReference<>();
        TrainingResult result = training.result(steps -> steps.doOnNext(step -> first.compareAndSet(null, step)))
                .block();

        assertEquals(Reason.COMPLETED, result.reason());
        assertEquals(20, result.stepsRun());
        assertSame(first.get(), result.bestStep().orElseThrow());
        assertEquals(20, countingWithValidation.computedSteps());
    }

    @Test
    void restoreBestFollowsTheMonitoredErrorEvenWhenTheResultWouldNot() {
        // Monitoring the training error on data whose validation error only grows: the restored step is the
        // one with the lowest training error, while the result alone would have picked step 0.
        Training training = Trainer.training(validated, XOR_WITH_INVERTED_VALIDATION).steps(30)
                .configuration(Map.of())
                .plugin("early-stopping", Map.of("monitor", "training", "restore-best", true)).build();

        AtomicReference<List<TrainingStep>> received = new AtomicReference<>();
        TrainingResult result = training.result(steps -> steps.collectList().doOnNext(received::set)).block();

        TrainingStep lowestTrainingError = received.get().stream()
                .min((a, b) -> Double.compare(a.meanAbsoluteError(), b.meanAbsoluteError())).orElseThrow();
        assertTrue(lowestTrainingError.step() > 0, "the training error fell: " + lowestTrainingError.step());
        assertSame(lowestTrainingError, result.bestStep().orElseThrow());
        assertEquals(result.bestStep().orElseThrow().validationMeanAbsoluteError().getAsDouble(),
                result.bestError().getAsDouble(), "the best error is the restored step's monitored one");
    }

    @Test
    void restoreBestHoldsForAStartedRunAndForACancelledOne() {
        // The validation error only grows while the training error falls: the restored step, monitoring the
        // training error, is a late one, while the result alone would pick step 0.
        Training training = Trainer.training(validated, XOR_WITH_INVERTED_VALIDATION).steps(1_000)
                .configuration(Map.of())
                .plugin("early-stopping", Map.of("monitor", "training", "restore-best", true, "max-steps", 500L))
                .build();

        TrainingResult started = training.start().result().block(Duration.ofSeconds(30));
        assertEquals(Reason.STOPPED, started.reason());
        assertTrue(started.bestStep().orElseThrow().step() > 400, "restored " + started.bestStep().orElseThrow().step());

        TrainingResult cancelled = training.result(steps -> steps.take(300)).block();
        assertEquals(Reason.CANCELLED, cancelled.reason());
        assertTrue(cancelled.bestStep().orElseThrow().step() > 200, "restored " + cancelled.bestStep().orElseThrow().step());
    }

    @Test
    void maxStepsStopsAfterThatManySteps() {
        TrainingResult result = earlyStopping(1_000, Map.of("max-steps", "30")).result().block();

        assertEquals(Reason.STOPPED, result.reason());
        assertEquals("max-steps 30 reached (at step 29)", result.condition());
        assertEquals(30, counting.computedSteps());
    }

    @Test
    void maxDurationStopsAtTheFirstStepAfterThatMuchTime() {
        TickingSigmoid ticking = new TickingSigmoid();
        Training training = Xor.training(Network.builder().layerSizes(3, 4, 1).activation(ticking).build(), 1_000)
                .plugin("early-stopping", Map.of("max-duration", "50ms")).build();

        // The run's clock is Reactor's parallel scheduler's, virtual here; each step moves it on by 1 ms, so
        // step n is checked at (n + 1) ms: step 49 is the first at 50 ms.
        StepVerifier.withVirtualTime(() -> training.result())
                .assertNext(result -> {
                    assertEquals(Reason.STOPPED, result.reason());
                    assertEquals("max-duration PT0.05S reached after PT0.05S (at step 49)", result.condition());
                    assertEquals(50, result.stepsRun());
                    assertEquals(Duration.ofMillis(50), result.elapsed());
                })
                .verifyComplete();
        assertEquals(50, ticking.computedSteps(), "not one step is computed after the stopping step");
    }

    @Test
    void aDivergedRunFailsByDefaultEvenWithRestoreBest() {
        Training training = Trainer.training(exploding(), ONE_EXAMPLE).steps(1_000).configuration(Map.of())
                .plugin("early-stopping", Map.of("patience", 100L, "restore-best", true)).build();

        StepVerifier.create(training.flux())
                .thenConsumeWhile(step -> step.step() >= 0)
                .expectError(TrainingDivergedException.class)
                .verify();
        TrainingResult result = training.result().block();
        assertEquals(Reason.FAILED, result.reason());
        assertTrue(result.stoppedBy().isEmpty());
    }

    @Test
    void aDivergedRunStopsQuietlyWhenSoConfiguredAndCanEndWithTheBestStep() {
        Training training = Trainer.training(exploding(), ONE_EXAMPLE).steps(1_000).configuration(Map.of())
                .plugin("early-stopping", Map.of("on-divergence", "stop", "restore-best", true)).build();

        AtomicReference<List<TrainingStep>> received = new AtomicReference<>();
        TrainingResult result = training.result(steps -> steps.collectList().doOnNext(received::set)).block();

        assertEquals(Reason.STOPPED, result.reason());
        assertEquals("early-stopping", result.stoppedBy().orElseThrow());
        assertTrue(result.condition().matches("step (\\d+) diverged, stopped before it: Training diverged at step \\1: .*"
                + "\\(at step \\1\\)"), result.condition());
        List<TrainingStep> steps = received.get();
        assertEquals(steps.size(), result.stepsRun(), "the steps before the diverged one, each once");
        TrainingStep best = steps.stream()
                .min((a, b) -> Double.compare(a.meanAbsoluteError(), b.meanAbsoluteError())).orElseThrow();
        assertSame(best, result.bestStep().orElseThrow(), "the best step is restored in the result");
        assertTrue(best != steps.get(steps.size() - 1), "the best step is not the last one, so the test shows a restore");
    }

    @Test
    void monitoringValidationWithoutValidationDataFailsAtAssembly() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> earlyStopping(10, Map.of("monitor", "validation")));

        assertEquals("early-stopping: option 'monitor': expected training or auto for data without a validation part,"
                + " actual validation", error.getMessage());
    }

    private static final TrainingData ONE_EXAMPLE = TrainingData.of(new double[][] {{10}}, new double[][] {{1}});

    private static Network exploding() {
        return Network.builder().layerSizes(1, 1).activation(Linear.INSTANCE).learningRate(1e6)
                .weights(new double[][] {{0.5}}).build();
    }

    /**
     * The sigmoid, moving the virtual clock on by 1 ms as each step of the 3-4-1 network starts (its first
     * of two layers), and counting the steps.
     */
    private static final class TickingSigmoid implements Activation {
        private final AtomicLong layers = new AtomicLong();

        long computedSteps() {
            return layers.get() / 2;
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
            if (layers.getAndIncrement() % 2 == 0) {
                VirtualTimeScheduler.get().advanceTimeBy(Duration.ofMillis(1));
            }
            Activation.sigmoid().apply(values);
        }
    }
}
