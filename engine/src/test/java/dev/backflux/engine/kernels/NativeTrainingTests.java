package dev.backflux.engine.kernels;

import static dev.backflux.engine.kernels.NativeBlasAssumption.assertWithin1e12;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * Whole training steps on the native backend against the same steps on the Java kernels: every step's error
 * and weights agree to 1e-12 relative (not bit for bit). The steps are computed on Reactor's parallel
 * scheduler, with the suite's BlockHound installed: the native products never block.
 */
class NativeTrainingTests {

    private static final int STEPS = 5;

    @ParameterizedTest(name = "{0} examples x {1}")
    @CsvSource({"512, 100-64-10", "1024, 64-64-64-1"})
    void stepsMatchTheJavaKernels(int examples, String layers) throws Exception {
        NativeProducts products = NativeBlasAssumption.nativeProducts();
        int[] sizes = java.util.Arrays.stream(layers.split("-")).mapToInt(Integer::parseInt).toArray();
        TrainingData data = randomData(examples, sizes);

        List<double[][]> onJava;
        try (AutoCloseable chosen = KernelChoice.use(null)) {
            onJava = steps(sizes, data);
        }
        List<double[][]> onNative;
        try (AutoCloseable chosen = KernelChoice.use(products)) {
            onNative = steps(sizes, data);
        }

        assertEquals(STEPS, onJava.size());
        assertEquals(STEPS, onNative.size());
        for (int step = 0; step < STEPS; step++) {
            double[][] expected = onJava.get(step);
            double[][] actual = onNative.get(step);
            for (int part = 0; part < expected.length; part++) {
                assertWithin1e12(expected[part], actual[part], "step " + (step + 1)
                        + (part == 0 ? ", mean absolute error" : ", weights " + (part - 1)));
            }
        }
    }

    /** Each step's mean absolute error, then its weights, copied as the step is published. */
    private static List<double[][]> steps(int[] sizes, TrainingData data) {
        return Trainer.training(Network.builder().layerSizes(sizes).learningRate(0.01).build(), data)
                .steps(STEPS).configuration(Map.of()).build().flux()
                .map(NativeTrainingTests::copy)
                .subscribeOn(Schedulers.parallel())
                .collectList()
                .block(Duration.ofSeconds(60));
    }

    private static double[][] copy(TrainingStep step) {
        List<Matrix> weights = step.weights();
        double[][] copy = new double[weights.size() + 1][];
        copy[0] = new double[] {step.meanAbsoluteError()};
        for (int k = 0; k < weights.size(); k++) {
            copy[k + 1] = weights.get(k).toRowMajorArray();
        }
        return copy;
    }

    private static TrainingData randomData(int examples, int[] sizes) {
        SplittableRandom random = new SplittableRandom(42);
        double[][] inputs = new double[examples][sizes[0]];
        double[][] targets = new double[examples][sizes[sizes.length - 1]];
        for (int i = 0; i < examples; i++) {
            for (int j = 0; j < inputs[i].length; j++) {
                inputs[i][j] = random.nextDouble();
            }
            targets[i][random.nextInt(targets[i].length)] = 1;
        }
        return TrainingData.of(Matrix.of(inputs), Matrix.of(targets));
    }
}
