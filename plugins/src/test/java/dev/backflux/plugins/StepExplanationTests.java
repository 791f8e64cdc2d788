package dev.backflux.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import dev.backflux.testing.Tutorial;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The tutorial's explanations as a step holds them (slope, weights before, update, each example's share, the
 * examples' agreement), checked by hand computation and against finite differences of the loss, for the
 * default sigmoid and for the tanh plugin.
 */
class StepExplanationTests {

    private static final int[] DEEP = {5, 7, 6, 3};
    private static final double LEARNING_RATE = 0.3;
    private static final double H = 1e-6;

    /** A random 5-7-6-3 network on 8 random examples: every accessor, on a network deeper than the tutorial's. */
    private static TrainingData randomData() {
        Random random = new Random(42);
        double[][] inputs = new double[8][DEEP[0]];
        double[][] targets = new double[8][DEEP[3]];
        for (int e = 0; e < 8; e++) {
            for (int i = 0; i < DEEP[0]; i++) {
                inputs[e][i] = random.nextDouble() * 2 - 1;
            }
            for (int o = 0; o < DEEP[3]; o++) {
                targets[e][o] = random.nextDouble() * 0.8 + 0.1;
            }
        }
        return TrainingData.of(inputs, targets);
    }

    private static List<TrainingStep> steps(Network network, TrainingData data, String activation, long count) {
        return Trainer.training(network, data).steps(count).configuration(Map.of()).plugin(activation).build()
                .flux().collectList().block();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh"})
    void theSlopeIsTheActivationsDerivativeAtEachOutputAndMakesTheDelta(String activation) {
        for (TrainingStep step : steps(Network.of(3, 4, 1), Tutorial.XOR, activation, 3)) {
            for (int layer = 1; layer < step.layerCount(); layer++) {
                Matrix slope = step.slope(layer);
                Matrix out = step.layer(layer);
                for (int e = 0; e < out.rows(); e++) {
                    for (int u = 0; u < out.columns(); u++) {
                        double o = out.get(e, u);
                        double byHand = activation.equals("tanh") ? 1 - o * o : o * (1 - o);
                        assertEquals(byHand, slope.get(e, u), 1e-15, "slope at " + e + "," + u);
                        assertEquals(step.error(layer).get(e, u) * slope.get(e, u), step.delta(layer).get(e, u), 0.0,
                                "the error weighted derivative, exactly");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh"})
    void theWeightsAfterAreTheWeightsBeforePlusTheUpdateWhichSumsEveryExamplesShare(String activation) {
        Network network = Network.builder().layerSizes(DEEP).learningRate(LEARNING_RATE).seed(7).build();
        List<TrainingStep> steps = steps(network, randomData(), activation, 3);
        for (int s = 0; s < steps.size(); s++) {
            TrainingStep step = steps.get(s);
            assertEquals(LEARNING_RATE, step.learningRate());
            for (int k = 0; k < step.layerCount() - 1; k++) {
                Matrix before = step.weightsBefore(k);
                Matrix update = step.update(k);
                Matrix after = step.weights(k);
                if (s > 0) {
                    assertEquals(matrix(steps.get(s - 1).weights(k)), matrix(before), "the previous step's weights");
                }
                Matrix agreement = step.agreement(k);
                for (int i = 0; i < before.rows(); i++) {
                    for (int j = 0; j < before.columns(); j++) {
                        assertEquals(before.get(i, j) + update.get(i, j), after.get(i, j), 0.0, "exactly the update");
                        double sum = 0;
                        double magnitude = 0;
                        for (int e = 0; e < step.layer(0).rows(); e++) {
                            double share = step.update(k, e).get(i, j);
                            assertEquals(LEARNING_RATE * step.layer(k).get(e, i) * step.delta(k + 1).get(e, j), share,
                                    1e-15, "input value x delta");
                            sum += share;
                            magnitude += Math.abs(share);
                        }
                        assertEquals(update.get(i, j), sum, 1e-12 * Math.max(1e-3, Math.abs(update.get(i, j))),
                                "the shares sum to the update");
                        assertEquals(Math.abs(sum) / magnitude, agreement.get(i, j), 1e-12);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh"})
    void theUpdateIsTheLearningRateTimesMinusTheGradientOfHalfTheSquaredError(String activation) {
        TrainingData data = randomData();
        Network network = Network.builder().layerSizes(DEEP).learningRate(LEARNING_RATE).seed(7).build();
        TrainingStep step = steps(network, data, activation, 1).get(0);
        double[][][] weights = new double[DEEP.length - 1][][];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = step.weightsBefore(k).toArray();
        }
        for (int k = 0; k < weights.length; k++) {
            Matrix update = step.update(k);
            for (int i = 0; i < weights[k].length; i++) {
                for (int j = 0; j < weights[k][i].length; j++) {
                    double w = weights[k][i][j];
                    weights[k][i][j] = w + H;
                    double plus = halfSquaredError(weights, data, activation);
                    weights[k][i][j] = w - H;
                    double minus = halfSquaredError(weights, data, activation);
                    weights[k][i][j] = w;
                    double gradient = (plus - minus) / (2 * H);
                    assertEquals(-gradient, update.get(i, j) / LEARNING_RATE, 1e-6,
                            "weights " + k + "[" + i + "][" + j + "]");
                }
            }
        }
    }

    private static double halfSquaredError(double[][][] weights, TrainingData data, String activation) {
        Network network = Network.builder().layerSizes(DEEP).weights(weights).build();
        TrainingStep first = steps(network, data, activation, 1).get(0);
        double sum = 0;
        for (int e = 0; e < data.inputs().rows(); e++) {
            for (int o = 0; o < DEEP[3]; o++) {
                double error = first.error(DEEP.length - 1).get(e, o);
                sum += error * error / 2;
            }
        }
        return sum;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sigmoid", "tanh"})
    void everyAccessorRejectsAnIndexOutOfRangeNamingItAndTheRange(String activation) {
        TrainingStep step = steps(Network.of(3, 4, 1), Tutorial.XOR, activation, 1).get(0);

        assertEquals("layer: expected a non-input layer in [1, 2], actual 0",
                assertThrows(IndexOutOfBoundsException.class, () -> step.slope(0)).getMessage());
        assertEquals("k: expected a weight matrix in [0, 1], actual 2",
                assertThrows(IndexOutOfBoundsException.class, () -> step.weightsBefore(2)).getMessage());
        assertEquals("k: expected a weight matrix in [0, 1], actual -1",
                assertThrows(IndexOutOfBoundsException.class, () -> step.update(-1)).getMessage());
        assertEquals("example: expected an index in [0, 3], actual 4",
                assertThrows(IndexOutOfBoundsException.class, () -> step.update(0, 4)).getMessage());
        assertEquals("k: expected a weight matrix in [0, 1], actual 5",
                assertThrows(IndexOutOfBoundsException.class, () -> step.agreement(5)).getMessage());
        assertEquals("from: expected a unit of layer 1 in [0, 3], actual 4",
                assertThrows(IndexOutOfBoundsException.class, () -> step.explain(1, 4, 0)).getMessage());
        assertEquals("to: expected a unit of layer 1 in [0, 3], actual -1",
                assertThrows(IndexOutOfBoundsException.class, () -> step.explain(0, 0, -1)).getMessage());
        assertTrue(step.explain(0, 2, 3).toString().contains("weights 0[2][3]"));
    }

    private static List<List<Double>> matrix(Matrix m) {
        List<List<Double>> rows = new java.util.ArrayList<>();
        for (double[] row : m.toArray()) {
            List<Double> values = new java.util.ArrayList<>();
            for (double value : row) {
                values.add(value);
            }
            rows.add(values);
        }
        return rows;
    }
}
