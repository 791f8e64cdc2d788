package dev.backflux.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backflux.api.Activation;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Back-propagation checked against finite differences: one step changes every weight by
 * {@code α × -∂(½·Σ error²)/∂w}.
 */
class GradientCheckTests {

    private static final int[] SIZES = {5, 7, 6, 3};
    private static final int EXAMPLES = 8;
    private static final double LEARNING_RATE = 0.3;
    private static final double H = 1e-5;

    private final Random random = new Random(20261128);

    /** Swish, {@code x · sigmoid(x)}: its slope cannot be told from its output, only from its input. */
    private static final Activation SWISH = new Activation() {
        @Override
        public double apply(double input) {
            return input / (1 + Math.exp(-input));
        }

        @Override
        public double derivativeFromOutput(double output) {
            throw new UnsupportedOperationException("swish has no derivative in terms of its output");
        }

        @Override
        public double derivative(double input) {
            double sigmoid = 1 / (1 + Math.exp(-input));
            return sigmoid + input * sigmoid * (1 - sigmoid);
        }

        @Override
        public boolean hasDerivativeFromOutput() {
            return false;
        }
    };

    @Test
    void theWeightChangeOfOneStepIsTheLearningRateTimesTheNegativeGradient() {
        checkGradient(Activation.sigmoid());
    }

    @Test
    void anActivationWithOnlyAnInputDerivativeIsDifferentiatedFromTheLayersInputs() {
        checkGradient(SWISH);
    }

    private void checkGradient(Activation activation) {
        double[] inputs = uniform(EXAMPLES * SIZES[0], -1, 1);
        double[] targets = uniform(EXAMPLES * SIZES[SIZES.length - 1], 0, 1);
        double[][] weights = new double[SIZES.length - 1][];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = uniform(SIZES[k] * SIZES[k + 1], -1, 1);
        }
        BackPropagation math = new BackPropagation(SIZES, activation, LEARNING_RATE);

        BackPropagation.Result result = math.step(inputs, targets, EXAMPLES, weights);

        int checked = 0;
        for (int k = 0; k < weights.length; k++) {
            for (int i = 0; i < weights[k].length; i++) {
                double saved = weights[k][i];
                weights[k][i] = saved + H;
                double plus = halfSquaredError(math, inputs, targets, weights);
                weights[k][i] = saved - H;
                double minus = halfSquaredError(math, inputs, targets, weights);
                weights[k][i] = saved;
                double gradient = (plus - minus) / (2 * H);

                double expectedChange = -LEARNING_RATE * gradient;
                double actualChange = result.weights[k][i] - weights[k][i];
                double scale = Math.max(Math.abs(expectedChange), 1e-8);
                assertEquals(expectedChange, actualChange, 1e-6 * scale,
                        "weights(" + k + ")[" + i + "]: relative error " + Math.abs(actualChange - expectedChange) / scale);
                checked++;
            }
        }
        assertEquals(5 * 7 + 7 * 6 + 6 * 3, checked);
    }

    private static double halfSquaredError(BackPropagation math, double[] inputs, double[] targets, double[][] weights) {
        double[][] layers = math.forward(inputs, EXAMPLES, weights);
        double[] output = layers[layers.length - 1];
        double sum = 0;
        for (int i = 0; i < output.length; i++) {
            double error = targets[i] - output[i];
            sum += error * error;
        }
        return sum / 2;
    }

    private double[] uniform(int length, double low, double high) {
        double[] values = new double[length];
        for (int i = 0; i < length; i++) {
            values[i] = low + (high - low) * random.nextDouble();
        }
        return values;
    }
}
