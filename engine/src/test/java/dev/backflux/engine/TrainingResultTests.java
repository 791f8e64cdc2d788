package dev.backflux.engine;

import dev.backflux.testing.Linear;
import dev.backflux.testing.Tutorial;
import dev.backflux.testing.CountingActivation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Activation;
import dev.backflux.api.Network;
import dev.backflux.api.PluginFailureException;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingDivergedException;
import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingResult.Reason;
import dev.backflux.api.TrainingStep;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

/** Why did the run end: completion, a plugin's stop, cancellation or an error. */
class TrainingResultTests {

    private final CountingActivation counting = new CountingActivation(2);
    private final Network network = Network.builder().layerSizes(3, 4, 1).activation(counting).build();

    private Training.Builder builder(long steps) {
        return Trainer.training(network, Tutorial.XOR).steps(steps).configuration(Map.of());
    }

    @Test
    void aRunThatComputesEveryStepCompletesWithItsBestStep() {
        Training training = builder(200).build();
        List<TrainingStep> steps = training.flux().collectList().block();

        TrainingResult result = training.result().block();

        assertEquals(Reason.COMPLETED, result.reason());
        assertEquals("ran all 200 requested steps", result.condition());
        assertTrue(result.stoppedBy().isEmpty());
        assertEquals(200, result.stepsRun());
        assertEquals(199, result.lastStep().orElseThrow().step());
        TrainingStep best = steps.stream().min(Comparator.comparingDouble(TrainingStep::meanAbsoluteError)).orElseThrow();
        assertEquals(best.step(), result.bestStep().orElseThrow().step());
        assertEquals(best.meanAbsoluteError(), result.bestError().orElseThrow(), 0.0);
        assertTrue(result.error().isEmpty());
        assertTrue(result.elapsed().toNanos() > 0);
        assertTrue(result.stepsPerSecond() > 0);
    }

    @Test
    void aPluginsStopSaysWhichPluginWhichConditionAndWhichStep() {
        TrainingResult result = builder(1_000).plugin("stop-at", Map.of("step", 7L)).build().result().block();

        assertEquals(Reason.STOPPED, result.reason());
        assertEquals("stop-at", result.stoppedBy().orElseThrow());
        assertEquals("reached step 7 (at step 7)", result.condition());
        assertEquals(8, result.stepsRun());
        assertEquals(8, counting.computedSteps(), "no step is computed after the stopping step");
    }

    @Test
    void anObserverThatStopsEarlyCancelsTheRun() {
        TrainingResult result = builder(1_000).build().result(steps -> steps.take(5)).block();

        assertEquals(Reason.CANCELLED, result.reason());
        assertEquals("cancelled by the subscriber after 5 steps", result.condition());
        assertEquals(5, result.stepsRun());
        assertEquals(5, counting.computedSteps());
    }

    @Test
    void theObserverSeesTheSameRunTheResultDescribes() {
        List<TrainingStep> seen = new java.util.ArrayList<>();
        TrainingResult result = builder(30).build().result(steps -> steps.doOnNext(seen::add)).block();

        assertEquals(30, seen.size());
        assertSame(seen.get(29), result.lastStep().orElseThrow());
        assertEquals(30, counting.computedSteps());
    }

    @Test
    void aDivergedRunEndsTheResultWithItsError() {
        Network exploding = Network.builder().layerSizes(1, 1).activation(Linear.INSTANCE).learningRate(1e6)
                .weights(new double[][] {{0.5}}).build();
        Training training = Trainer.training(exploding, TrainingData.of(new double[][] {{10}}, new double[][] {{1}}))
                .steps(1_000).configuration(Map.of()).build();

        TrainingResult result = training.result().block();

        assertEquals(Reason.FAILED, result.reason());
        TrainingDivergedException error = (TrainingDivergedException) result.error().orElseThrow();
        assertEquals(error.step(), result.stepsRun());
        assertEquals(String.valueOf(error), result.condition());
        assertEquals(0, result.bestStep().orElseThrow().step(), "the error only grew");
        StepVerifier.create(training.flux()).thenConsumeWhile(step -> true)
                .expectError(TrainingDivergedException.class).verify();
    }

    @Test
    void anObserversOwnErrorIsEmittedAsAnError() {
        StepVerifier.create(builder(100).build().result(steps -> steps.map(step -> {
                    if (step.step() == 4) {
                        throw new IllegalStateException("the dashboard broke");
                    }
                    return step;
                })))
                .expectErrorMessage("the dashboard broke")
                .verify();
        assertEquals(5, counting.computedSteps());
    }

    @Test
    void aStopOnTheLastRequestedStepIsACompletion() {
        TrainingResult result = builder(10).plugin("stop-at", Map.of("step", 9L)).build().result().block();

        assertEquals(Reason.COMPLETED, result.reason());
        assertEquals("ran all 10 requested steps", result.condition());
    }

    @Test
    void aPluginThatThrowsEndsTheRunWithAnErrorNamingIt() {
        Training training = builder(100).plugin("failing", Map.of("at", 3L)).build();

        StepVerifier.create(training.flux())
                .expectNextCount(3)
                .expectErrorSatisfies(error -> {
                    assertTrue(error instanceof PluginFailureException, error.toString());
                    assertEquals("failing", ((PluginFailureException) error).pluginId());
                    assertEquals("Plugin 'failing' failed: java.lang.IllegalStateException: deliberate failure at step 3",
                            error.getMessage());
                })
                .verify();
        assertEquals(4, counting.computedSteps());
    }

    @Test
    void anEngineErrorPassesThroughPluginsUnwrapped() {
        Network overflowing = Network.builder().layerSizes(1, 1).weights(new double[][] {{0.5}})
                .activation(Linear.INSTANCE).learningRate(1e6).build();
        Training training = Trainer.training(overflowing, TrainingData.of(new double[][] {{10}}, new double[][] {{1}}))
                .steps(1_000).plugin("stop-at", Map.of("step", 999L)).plugin("failing", Map.of("at", 999L))
                .configuration(Map.of()).build();

        StepVerifier.create(training.flux())
                .thenConsumeWhile(step -> true)
                .expectError(TrainingDivergedException.class)
                .verify();
    }
}
