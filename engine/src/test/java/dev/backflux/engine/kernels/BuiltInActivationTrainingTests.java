package dev.backflux.engine.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backflux.api.Activation;
import dev.backflux.api.DropoutGradient;
import dev.backflux.api.Matrix;
import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.TrainingData;
import dev.backflux.api.TrainingStep;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.scheduler.Schedulers;

/**
 * Whole training steps with the API's sigmoid, tanh or softplus (applied on SIMD registers, a row block at a time,
 * by the threads that computed the products; deltas in one pass; softplus's derivative on SIMD registers), with
 * and without dropout, are the bits of the same steps with an activation the engine does not know that calls the
 * same scalar code (applied to whole layers on the training thread, value by value): errors, weights and slopes.
 */
class BuiltInActivationTrainingTests {

    private static final int STEPS = 4;
    private static final int[] SIZES = {64, 64, 64, 1};

    @ParameterizedTest(name = "{0}, dropout gradient {1}")
    @CsvSource({"SIGMOID, NONE", "TANH, NONE", "SOFTPLUS, NONE", "SIGMOID, TEXTBOOK", "TANH, TUTORIAL",
        "SOFTPLUS, TEXTBOOK", "SOFTPLUS, TUTORIAL"})
    void stepsAreTheBitsOfTheScalarCode(BuiltInActivation builtIn, String dropout) {
        Activation activation = builtIn.activation();
        TrainingData data = randomData(1024);
        List<double[]> kernels = steps(activation, dropout, data);
        List<double[]> scalar = steps(new ScalarOnly(activation), dropout, data);
        assertEquals(STEPS, kernels.size());
        for (int step = 0; step < STEPS; step++) {
            assertArrayEquals(scalar.get(step), kernels.get(step), 0.0, activation + ", step " + (step + 1));
        }
    }

    /**
     * Each step's mean absolute error, weights and slopes, copied as the step is published; with dropout on the
     * hidden layers unless {@code dropout} is {@code NONE}.
     */
    private static List<double[]> steps(Activation activation, String dropout, TrainingData data) {
        Network.Builder network = Network.builder().layerSizes(SIZES).learningRate(0.01).activation(activation);
        if (!dropout.equals("NONE")) {
            network.dropout(1, 0.25).dropout(2, 0.5).dropoutGradient(DropoutGradient.valueOf(dropout));
        }
        return Trainer.training(network.build(), data)
                .steps(STEPS).configuration(Map.of()).build().flux()
                .map(BuiltInActivationTrainingTests::copy)
                .subscribeOn(Schedulers.parallel())
                .collectList()
                .block(Duration.ofSeconds(60));
    }

    private static double[] copy(TrainingStep step) {
        List<Matrix> weights = step.weights();
        double[][] parts = new double[2 * weights.size() + 1][];
        parts[0] = new double[] {step.meanAbsoluteError()};
        for (int k = 0; k < weights.size(); k++) {
            parts[k + 1] = weights.get(k).toRowMajorArray();
            parts[weights.size() + k + 1] = step.slope(k + 1).toRowMajorArray();
        }
        return java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray();
    }

    private static TrainingData randomData(int examples) {
        SplittableRandom random = new SplittableRandom(17);
        double[][] inputs = new double[examples][SIZES[0]];
        double[][] targets = new double[examples][1];
        for (int i = 0; i < examples; i++) {
            for (int j = 0; j < SIZES[0]; j++) {
                inputs[i][j] = random.nextDouble(-1, 1);
            }
            targets[i][0] = random.nextDouble();
        }
        return TrainingData.of(Matrix.of(inputs), Matrix.of(targets));
    }

    /** The API's activation as the engine would run a plugin's: its scalar code, value by value. */
    private record ScalarOnly(Activation scalar) implements Activation {

        @Override
        public double apply(double input) {
            return scalar.apply(input);
        }

        @Override
        public double derivativeFromOutput(double output) {
            return scalar.derivativeFromOutput(output);
        }
    }
}
