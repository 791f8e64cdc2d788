package dev.backflux.engine;

import dev.backflux.testing.Tutorial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictionTests {

    @Test
    void theWeightsOfAStepPredictTheOutputOfTheNextStepsForwardPass() {
        List<TrainingStep> steps = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 20).collectList().block();

        for (int s = 0; s + 1 < steps.size(); s++) {
            Matrix predicted = steps.get(s).network().predict(Tutorial.INPUTS);
            assertEquals(steps.get(s + 1).output(), predicted, "step " + s);
        }
    }

    @Test
    void aTrainedXorNetworkAnswersXorForOneExampleAtATime() {
        TrainedNetwork xor = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 60_000).last().block().network();

        assertTrue(xor.predict(0, 0, 1)[0] < 0.05);
        assertTrue(xor.predict(0, 1, 1)[0] > 0.95);
        assertTrue(xor.predict(1, 0, 1)[0] > 0.95);
        assertTrue(xor.predict(1, 1, 1)[0] < 0.05);
        assertArrayEquals(new int[] {3, 4, 1}, xor.layerSizes());
        assertEquals(2, xor.weights().size());
        double unseen = xor.predict(0.5, 0.5, 1)[0];
        assertTrue(unseen > 0 && unseen < 1, "a sigmoid output: " + unseen);
    }

    @Test
    void predictionsRejectInputsThatDoNotFitTheNetwork() {
        TrainedNetwork network = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 1).blockFirst().network();

        IllegalArgumentException narrow = assertThrows(IllegalArgumentException.class,
                () -> network.predict(new double[][] {{1, 0}}));
        assertEquals("inputs: expected 3 columns (the input layer size), actual 2", narrow.getMessage());
        IllegalArgumentException one = assertThrows(IllegalArgumentException.class, () -> network.predict(1, 0));
        assertEquals("input: expected 3 values (the input layer size), actual 2", one.getMessage());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> network.predict(1, Double.NaN, 1));
        assertEquals("input[1]: expected a finite value, actual NaN", nan.getMessage());
        assertThrows(NullPointerException.class, () -> network.predict((double[][]) null));
    }
}
