package dev.backflux.engine;



import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backflux.api.Network;
import dev.backflux.testing.Tutorial;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingStep;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The figures the tutorial printed, reproduced to 1e-12 relative error through the public API. */
class TutorialFiguresTests {

    private static final double RELATIVE = 1e-12;

    @Test
    void theTwoLayerNetworksOutputAfterTrainingMatchesTheTutorial() {
        TrainingStep last = Trainer.train(Network.of(3, 1), Tutorial.COPY_FIRST_COLUMN, 10_000).last().block();

        assertEquals(9_999, last.step());
        double[][] output = last.output().toArray();
        for (int i = 0; i < Tutorial.TWO_LAYER_OUTPUT.length; i++) {
            assertRelative(Tutorial.TWO_LAYER_OUTPUT[i], output[i][0], "output " + i);
        }
    }

    @Test
    void theThreeLayerNetworkPrintsTheTutorialsSixErrors() {
        List<TrainingStep> printed = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 60_000)
                .filter(step -> step.step() % 10_000 == 0)
                .collectList()
                .block();

        assertEquals(6, printed.size());
        for (int i = 0; i < 6; i++) {
            assertEquals(i * 10_000L, printed.get(i).step());
            assertRelative(Tutorial.THREE_LAYER_ERRORS[i], printed.get(i).meanAbsoluteError(), "error at step " + i * 10_000);
        }
    }

    @Test
    void theFirstStepStartsFromTheSeededWeightsAndUpdatesThemOnce() {
        TrainingStep first = Trainer.train(Network.of(3, 4, 1), Tutorial.XOR, 1).blockFirst();

        // layer 1 of step 0 is sigmoid(X · W0) with the tutorial's initial W0
        double[] w0 = Tutorial.W0;
        double[][] x = Tutorial.INPUTS;
        for (int example = 0; example < 4; example++) {
            for (int unit = 0; unit < 4; unit++) {
                double sum = 0;
                for (int p = 0; p < 3; p++) {
                    sum += x[example][p] * w0[p * 4 + unit];
                }
                assertEquals(1 / (1 + Math.exp(-sum)), first.layer(1).get(example, unit), 1e-15);
            }
        }
        // and the published weights are W0 + L0ᵀ · D1
        for (int p = 0; p < 3; p++) {
            for (int unit = 0; unit < 4; unit++) {
                double change = 0;
                for (int example = 0; example < 4; example++) {
                    change += x[example][p] * first.delta(1).get(example, unit);
                }
                assertEquals(w0[p * 4 + unit] + change, first.weights(0).get(p, unit), 1e-15);
            }
        }
    }

    private static void assertRelative(double expected, double actual, String what) {
        double relative = Math.abs(actual - expected) / Math.abs(expected);
        assertEquals(true, relative <= RELATIVE,
                what + ": expected " + expected + ", actual " + actual + " (relative error " + relative + ")");
    }
}
