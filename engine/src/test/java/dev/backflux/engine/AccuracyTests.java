package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.TrainedNetwork;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingResult;
import dev.backflux.testing.Linear;
import dev.backflux.testing.Tutorial;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run's accuracy: one-hot targets by the largest output, 0/1 targets by the side of 0.5, nothing otherwise. */
class AccuracyTests {

    /** A linear network whose outputs are its inputs' first columns: predictions chosen by the inputs. */
    private static TrainedNetwork passThrough(int inputs, int outputs) {
        double[][] weights = new double[inputs][outputs];
        for (int o = 0; o < outputs; o++) {
            weights[o][o] = 1;
        }
        return Trainer.trained(Network.builder().layerSizes(inputs, outputs).activation(Linear.INSTANCE)
                .weights(weights).build());
    }

    @Test
    void oneHotTargetsCountTheLargestOutput() {
        Matrix outputs = Matrix.of(new double[][] {{0.9, 0.2, 0.1}, {0.3, 0.4, 0.35}, {0.1, 0.2, 0.15}, {0, 0, 1}});
        Matrix targets = Matrix.of(new double[][] {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {0, 0, 1}});
        // Rows 0, 1 and 3 pick their class; row 2's largest output (0.2) is class 1, its target class 2.
        assertEquals(0.75, Accuracy.of(passThrough(3, 3), outputs, targets).getAsDouble());
    }

    @Test
    void zeroOneTargetsCountEveryOutputOnItsSideOfOneHalf() {
        Matrix outputs = Matrix.of(new double[][] {{0.6, 0.4}, {0.6, 0.6}, {0.49, 0.2}, {0.5, 0.1}});
        Matrix targets = Matrix.of(new double[][] {{1, 0}, {1, 0}, {0, 0}, {1, 1}});
        // Two columns but not one-hot (rows of two 1s or none): each output against 0.5; 0.5 counts as 1.
        assertEquals(0.5, Accuracy.of(passThrough(2, 2), outputs, targets).getAsDouble());
    }

    @Test
    void anOutputThatIsNotANumberIsNeverRight() {
        // Weights of 1e308 and -1e308 give inf - inf = NaN for every output: a diverged network.
        TrainedNetwork diverged = Trainer.trained(Network.builder().layerSizes(2, 2).activation(Linear.INSTANCE)
                .weights(new double[][] {{1e308, 1e308}, {-1e308, -1e308}}).build());
        Matrix inputs = Matrix.of(new double[][] {{2, 2}, {2, 2}});
        assertTrue(Double.isNaN(diverged.predict(2, 2)[0]));
        // NaN compared as "not larger" picked class 0, and "not >= 0.5" matched every 0 target.
        assertEquals(0.0, Accuracy.of(diverged, inputs, Matrix.of(new double[][] {{1, 0}, {0, 1}})).getAsDouble());
        assertEquals(0.0, Accuracy.of(diverged, inputs, Matrix.of(new double[][] {{0, 0}, {0, 0}})).getAsDouble());
    }

    @Test
    void rowsBeyondAChunkAreCountedEachOnceInTheirPlace() {
        int rows = 2 * Accuracy.CHUNK + 452;
        double[][] outputs = new double[rows][];
        double[][] targets = new double[rows][];
        int expected = 0;
        for (int r = 0; r < rows; r++) {
            outputs[r] = r % 3 == 0 ? new double[] {0.2, 0.8} : new double[] {0.8, 0.2};
            targets[r] = r % 7 == 0 ? new double[] {0, 1} : new double[] {1, 0};
            expected += (r % 3 == 0) == (r % 7 == 0) ? 1 : 0;
        }
        assertEquals((double) expected / rows,
                Accuracy.of(passThrough(2, 2), Matrix.of(outputs), Matrix.of(targets)).getAsDouble());
    }

    @Test
    void targetsThatAreNotClassesHaveNoAccuracy() {
        TrainingData regression = TrainingData.of(Tutorial.INPUTS, new double[][] {{0.2}, {1}, {1}, {0}});
        TrainingResult result = Trainer.training(Network.of(3, 4, 1), regression).steps(10)
                .configuration(Map.of()).build().result().block();
        assertTrue(result.accuracy().isEmpty());
        assertTrue(result.validationAccuracy().isEmpty());
    }

    @Test
    void theResultCountsTheLastNetworkOnTheTrainingAndTheValidationData() {
        TrainingResult early = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(1)
                .configuration(Map.of()).build().result().block();
        double expected = Accuracy.of(early.lastStep().orElseThrow().network(), Tutorial.XOR.inputs(),
                Tutorial.XOR.targets()).getAsDouble();
        assertEquals(expected, early.accuracy().getAsDouble());

        TrainingResult trained = Trainer.training(Network.of(3, 4, 1), Tutorial.XOR).steps(10_000)
                .configuration(Map.of()).build().start().result().block();
        assertEquals(1.0, trained.accuracy().getAsDouble());
        assertTrue(trained.validationAccuracy().isEmpty(), "no validation data");
    }
}
