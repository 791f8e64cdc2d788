package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
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
            TrainingStep a = first.get(i);
            TrainingStep b = second.get(i);
            assertNotSame(a, b);
            assertEquals(a.step(), b.step());
            assertEquals(a.meanAbsoluteError(), b.meanAbsoluteError(), 0.0);
            assertEquals(a.layers(), b.layers());
            assertEquals(a.errors(), b.errors());
            assertEquals(a.deltas(), b.deltas());
            assertEquals(a.weights(), b.weights());
        }
    }

    @Test
    void nothingASubscriberDoesToASnapshotChangesTheRunOrAnotherSnapshot() {
        Flux<TrainingStep> flux = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 3);
        List<TrainingStep> untouched = flux.collectList().block();
        List<TrainingStep> mutated = flux
                .doOnNext(ReactiveContractTests::scribbleOverEverything)
                .collectList()
                .block();

        for (int i = 0; i < 3; i++) {
            assertEquals(untouched.get(i).weights(), mutated.get(i).weights());
            assertEquals(untouched.get(i).layers(), mutated.get(i).layers());
            assertEquals(untouched.get(i).errors(), mutated.get(i).errors());
            assertEquals(untouched.get(i).deltas(), mutated.get(i).deltas());
            assertEquals(untouched.get(i).meanAbsoluteError(), mutated.get(i).meanAbsoluteError(), 0.0);
        }
        assertArrayEquals(Tutorial.INPUTS, untouched.get(0).layer(0).toArray());
    }

    private static void scribbleOverEverything(TrainingStep step) {
        for (List<Matrix> matrices : List.of(step.layers(), step.errors(), step.deltas(), step.weights())) {
            for (Matrix matrix : matrices) {
                double[][] copy = matrix.toArray();
                copy[0][0] = Double.NaN;
                matrix.row(0)[0] = Double.NaN;
            }
            assertThrowsOnChange(matrices);
        }
    }

    private static void assertThrowsOnChange(List<Matrix> matrices) {
        try {
            matrices.set(0, Matrix.of(new double[][] {{1}}));
        } catch (UnsupportedOperationException expected) {
            return;
        }
        throw new AssertionError("a snapshot's list of matrices accepted a change");
    }
}
