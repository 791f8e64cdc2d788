package dev.backflux.engine;

import dev.backflux.testing.Tutorial;
import dev.backflux.testing.CountingActivation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/** The Flux is cold, demand-driven and cancellable, and its snapshots are immutable. */
class ReactiveContractTests {

    private final CountingActivation counting = new CountingActivation(2);
    private final Network network = Network.builder().layerSizes(3, 4, 1).activation(counting).build();

    @Test
    void nothingIsComputedBeforeSubscription() {
        Flux<TrainingStep> flux = Trainer.train(network, Tutorial.XOR, 1_000);

        assertEquals(0, counting.computedSteps());
        StepVerifier.create(flux.take(3)).expectNextCount(3).verifyComplete();
        assertEquals(3, counting.computedSteps());
    }

    @Test
    void eachRequestOfOneComputesExactlyOneStep() {
        StepVerifier.create(Trainer.train(network, Tutorial.XOR, 1_000), 0)
                .expectSubscription()
                .then(() -> assertEquals(0, counting.computedSteps()))
                .thenRequest(1)
                .assertNext(step -> assertEquals(0, step.step()))
                .then(() -> assertEquals(1, counting.computedSteps()))
                .thenRequest(2)
                .assertNext(step -> assertEquals(1, step.step()))
                .assertNext(step -> assertEquals(2, step.step()))
                .then(() -> assertEquals(3, counting.computedSteps()))
                .thenCancel()
                .verify();
        assertEquals(3, counting.computedSteps());
    }

    @Test
    void takeFiveComputesNoSixthStep() {
        StepVerifier.create(Trainer.train(network, Tutorial.XOR, 1_000).take(5))
                .expectNextCount(5)
                .verifyComplete();
        assertEquals(5, counting.computedSteps());
    }

    @Test
    void cancellingStopsTheComputation() {
        StepVerifier.create(Trainer.train(network, Tutorial.XOR, 1_000), 4)
                .expectNextCount(4)
                .thenCancel()
                .verify();
        assertEquals(4, counting.computedSteps());
    }

    @Test
    void theFluxCompletesAfterTheRequestedSteps() {
        StepVerifier.create(Trainer.train(network, Tutorial.XOR, 7))
                .expectNextCount(6)
                .assertNext(step -> assertEquals(6, step.step()))
                .verifyComplete();
        assertEquals(7, counting.computedSteps());
    }

    @Test
    void twoSubscriptionsTrainTheirOwnIdenticalRuns() {
        Flux<TrainingStep> flux = Trainer.train(network, Tutorial.XOR, 50);

        List<TrainingStep> first = flux.collectList().block();
        List<TrainingStep> second = flux.collectList().block();

        assertEquals(100, counting.computedSteps());
        assertEquals(50, first.size());
        for (int i = 0; i < 50; i++) {
            assertNotSame(first.get(i), second.get(i));
            assertSameValues(first.get(i), second.get(i));
        }
    }

    @Test
    void nothingASubscriberDoesToASnapshotChangesTheRunOrAnotherSubscribersSnapshot() {
        Flux<TrainingStep> flux = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 5);
        List<TrainingStep> untouched = flux.collectList().block();

        // One run shared by two subscribers: the first scribbles over everything it is handed.
        Flux<TrainingStep> shared = flux.publish().autoConnect(2);
        List<TrainingStep> seenBySecond = new ArrayList<>();
        shared.subscribe(ReactiveContractTests::scribbleOverEverything);
        shared.doOnNext(seenBySecond::add).blockLast();

        assertEquals(5, seenBySecond.size());
        for (int i = 0; i < 5; i++) {
            assertSameValues(untouched.get(i), seenBySecond.get(i));
        }
    }

    @Test
    void changingTheCallersArraysAfterAssemblyChangesNothing() {
        double[][] inputs = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};
        double[][] targets = {{0}, {1}, {1}, {0}};
        double[][] w0 = {{0.1, 0.2}, {0.3, 0.4}, {0.5, 0.6}};
        double[][] w1 = {{0.7}, {0.8}};
        Network explicit = Network.builder().layerSizes(3, 2, 1).weights(w0, w1).build();
        Flux<TrainingStep> flux = Trainer.train(explicit, TrainingData.of(inputs, targets), 3);
        List<TrainingStep> before = flux.collectList().block();

        inputs[0][0] = 9;
        targets[0][0] = 9;
        w0[0][0] = 9;
        w1[0][0] = 9;
        List<TrainingStep> after = flux.collectList().block();

        for (int i = 0; i < 3; i++) {
            assertSameValues(before.get(i), after.get(i));
        }
    }

    private static void scribbleOverEverything(TrainingStep step) {
        List<Matrix> matrices = new ArrayList<>(step.layers());
        matrices.addAll(step.weights());
        matrices.addAll(step.network().weights());
        for (int layer = 1; layer < step.layerCount(); layer++) {
            matrices.add(step.error(layer));
            matrices.add(step.delta(layer));
        }
        for (Matrix matrix : matrices) {
            matrix.toArray()[0][0] = Double.NaN;
            matrix.row(0)[0] = Double.NaN;
            matrix.toRowMajorArray()[0] = Double.NaN;
        }
        step.network().layerSizes()[0] = 99;
        assertThrows(UnsupportedOperationException.class, () -> step.layers().set(0, Matrix.of(new double[][] {{1}})));
        assertThrows(UnsupportedOperationException.class, () -> step.weights().clear());
        assertThrows(UnsupportedOperationException.class, () -> step.network().weights().clear());
    }

    private static void assertSameValues(TrainingStep expected, TrainingStep actual) {
        assertEquals(expected.step(), actual.step());
        assertEquals(expected.meanAbsoluteError(), actual.meanAbsoluteError(), 0.0);
        assertEquals(expected.layers(), actual.layers());
        assertEquals(expected.weights(), actual.weights());
        for (int layer = 1; layer < expected.layerCount(); layer++) {
            assertEquals(expected.error(layer), actual.error(layer));
            assertEquals(expected.delta(layer), actual.delta(layer));
        }
        assertArrayEquals(expected.network().layerSizes(), actual.network().layerSizes());
        assertEquals(expected.network().predict(Tutorial.INPUTS), actual.network().predict(Tutorial.INPUTS));
    }
}
