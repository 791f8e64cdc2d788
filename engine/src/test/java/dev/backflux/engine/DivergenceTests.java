package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingDivergedException;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

class DivergenceTests {

    /** An identity-like activation whose weights grow without bound under a huge learning rate. */
    private static final dev.backflux.api.Activation LINEAR = new dev.backflux.api.Activation() {
        @Override
        public double apply(double input) {
            return input;
        }

        @Override
        public double derivativeFromOutput(double output) {
            return 1;
        }
    };

    @Test
    void aRunWhoseErrorBecomesInfiniteEndsWithAnErrorNamingTheStep() {
        Network exploding = Network.builder().layerSizes(1, 1).activation(LINEAR).learningRate(1e6)
                .weights(new double[][] {{0.5}}).build();
        TrainingData data = TrainingData.of(new double[][] {{10}}, new double[][] {{1}});

        StepVerifier.create(Trainer.train(exploding, data, 1_000))
                .thenConsumeWhile(step -> Double.isFinite(step.meanAbsoluteError()))
                .expectErrorSatisfies(error -> {
                    assertTrue(error instanceof TrainingDivergedException, error.toString());
                    long step = ((TrainingDivergedException) error).step();
                    assertTrue(step > 0 && step < 1_000, "step " + step);
                    assertTrue(error.getMessage().startsWith("Training diverged at step " + step + ": "),
                            error.getMessage());
                    assertTrue(error.getMessage().contains("learning rate 1000000.0"), error.getMessage());
                })
                .verify();
    }

    @Test
    void noStepIsPublishedForTheStepThatDiverged() {
        Network exploding = Network.builder().layerSizes(1, 1).activation(LINEAR).learningRate(1e6)
                .weights(new double[][] {{0.5}}).build();
        TrainingData data = TrainingData.of(new double[][] {{10}}, new double[][] {{1}});

        long published = Trainer.train(exploding, data, 1_000).onErrorResume(e -> reactor.core.publisher.Flux.empty())
                .count().block();
        TrainingDivergedException error = (TrainingDivergedException) Trainer.train(exploding, data, 1_000)
                .ignoreElements().materialize().block().getThrowable();
        assertEquals(error.step(), published);
    }
}
