package dev.backflux.benchmarks;

import dev.backflux.api.TrainingData;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Network shapes written {@code examples x size-size-...}, and random data for them. */
final class Shapes {

    private Shapes() {
    }

    /** The examples of a shape such as {@code 4096x784-256-10}. */
    static int examples(String shape) {
        return Integer.parseInt(shape.substring(0, shape.indexOf('x')));
    }

    /** The layer sizes of a shape such as {@code 4096x784-256-10}. */
    static int[] sizes(String shape) {
        return Arrays.stream(shape.substring(shape.indexOf('x') + 1).split("-")).mapToInt(Integer::parseInt).toArray();
    }

    /**
     * The floating-point operations of one step: the forward products, the errors sent back to the hidden
     * layers and the weight updates, two operations (a multiply and an add) per term.
     */
    static long flopsPerStep(String shape) {
        int[] sizes = sizes(shape);
        long examples = examples(shape);
        long flops = 0;
        for (int k = 0; k + 1 < sizes.length; k++) {
            long products = examples * sizes[k] * sizes[k + 1];
            flops += 2 * products * (k == 0 ? 2 : 3);
        }
        return flops;
    }

    /** Random inputs in [0, 1) and targets in {0, 1}, from a fixed seed. */
    static TrainingData randomData(String shape) {
        int[] sizes = sizes(shape);
        int examples = examples(shape);
        SplittableRandom random = new SplittableRandom(42);
        double[][] inputs = new double[examples][sizes[0]];
        double[][] targets = new double[examples][sizes[sizes.length - 1]];
        for (int i = 0; i < examples; i++) {
            for (int j = 0; j < inputs[i].length; j++) {
                inputs[i][j] = random.nextDouble();
            }
            targets[i][random.nextInt(targets[i].length)] = 1;
        }
        return TrainingData.of(inputs, targets);
    }
}
