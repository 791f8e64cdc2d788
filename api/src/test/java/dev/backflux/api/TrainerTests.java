package dev.backflux.api;

import static dev.backflux.api.TrainingDataTests.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What {@link Trainer} checks at assembly, before it looks for an engine (none is on this module's path). */
class TrainerTests {

    private static final TrainingData XOR = TrainingData.of(
            new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}}, new double[][] {{0}, {1}, {1}, {0}});

    @Test
    void aStepCountBelowOneIsRejected() {
        assertMessage("steps: expected at least 1, actual 0", () -> Trainer.train(Network.of(3, 4, 1), XOR, 0));
        assertMessage("steps: expected at least 1, actual -5", () -> Trainer.train(Network.of(3, 4, 1), XOR, -5));
    }

    @Test
    void dataMustFitTheFirstAndLastLayer() {
        assertMessage("data: inputs expected 2 columns (the input layer size of Network[2, 4, 1] activation=sigmoid"
                        + " learningRate=1.0 seed=1), actual 3",
                () -> Trainer.train(Network.of(2, 4, 1), XOR, 10));
        assertMessage("data: targets expected 2 columns (the output layer size of Network[3, 4, 2] activation=sigmoid"
                        + " learningRate=1.0 seed=1), actual 1",
                () -> Trainer.train(Network.of(3, 4, 2), XOR, 10));
    }

    @Test
    void dataWhoseLayersWouldNotFitInAnArrayIsRejected() {
        TrainingData many = TrainingData.of(new double[100_000][3], new double[100_000][1]);
        assertMessage("data: layer 1 of 100000 examples expected at most 2147483639 elements, actual 100000x30000"
                + " = 3000000000", () -> Trainer.train(Network.of(3, 30_000, 1), many, 10));
    }

    @Test
    void nullArgumentsAreRejectedByName() {
        assertEquals("network", assertThrows(NullPointerException.class, () -> Trainer.train(null, XOR, 1)).getMessage());
        assertEquals("data", assertThrows(NullPointerException.class,
                () -> Trainer.train(Network.of(3, 1), null, 1)).getMessage());
    }

    @Test
    void withoutAnEngineOnThePathTheCallFailsSayingWhatToAdd() {
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> Trainer.train(Network.of(3, 4, 1), XOR, 10));
        assertTrue(error.getMessage().startsWith("No Backflux engine found"), error.getMessage());
        assertTrue(error.getMessage().contains("backflux-engine"), error.getMessage());
    }
}
