package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Activation;
import dev.backflux.testing.Linear;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

class DivergenceTests {

    private static final Activation LINEAR = Linear.INSTANCE;

    private static final TrainingData ONE_EXAMPLE = TrainingData.of(new double[][] {{10}}, new double[][] {{1}});

    @Test
    void weightsThatBecomeInfiniteEndTheRunWithAnErrorNamingTheStep() {
        Network exploding = Network.builder().layerSizes(1, 1).activation(LINEAR).learningRate(1e6)
                .weights(new double[][] {{0.5}}).build();

        StepVerifier.create(Trainer.train(exploding, ONE_EXAMPLE, 1_000))
                .thenConsumeWhile(step -> true)
                .expectErrorSatisfies(error -> {
                    assertTrue(error instanceof TrainingDivergedException, error.toString());
                    long step = ((TrainingDivergedException) error).step();
                    assertEquals("Training diverged at step " + step
                            + ": weights(0) hold a NaN or infinite value after the update (learning rate 1000000.0)",
                            error.getMessage());
                })
                .verify();
    }

    @Test
    void anErrorThatIsInfiniteAtTheFirstStepEndsTheRunBeforeAnyStepIsPublished() {
        Network overflowing = Network.builder().layerSizes(1, 1).activation(LINEAR)
                .weights(new double[][] {{1e308}}).build();

        StepVerifier.create(Trainer.train(overflowing, ONE_EXAMPLE, 10))
                .expectErrorSatisfies(error -> {
                    assertEquals(0, ((TrainingDivergedException) error).step());
                    assertEquals("Training diverged at step 0: the mean absolute error is Infinity (learning rate 1.0)",
                            error.getMessage());
                })
                .verify();
    }

    @Test
    void noStepIsPublishedForTheStepThatDiverged() {
        Network exploding = Network.builder().layerSizes(1, 1).activation(LINEAR).learningRate(1e6)
                .weights(new double[][] {{0.5}}).build();

        long published = Trainer.train(exploding, ONE_EXAMPLE, 1_000).onErrorResume(e -> Flux.empty())
                .count().block();
        TrainingDivergedException error = (TrainingDivergedException) Trainer.train(exploding, ONE_EXAMPLE, 1_000)
                .ignoreElements().materialize().block().getThrowable();
        assertTrue(published > 0);
        assertEquals(error.step(), published);
    }
}
