package dev.backflux.engine;

import dev.backflux.api.Network;
import dev.backflux.api.TrainingData;
import java.util.Locale;

/**
 * Checks at assembly that one training step can fit in the heap, so that a network far too big fails when the
 * run is built, with the numbers, instead of with an {@code OutOfMemoryError} during the run.
 *
 * <p>The estimate is a lower bound: the arrays that must exist together while a step is computed and
 * published, in doubles of 8 bytes: the weights before the update and after it, every non-input layer of the
 * forward pass with its error and delta, and each layer's weighted input when the activation's derivative
 * needs it, or else the validation forward pass, whichever is larger (it runs after the weighted inputs are
 * gone). Packing buffers, the snapshot that subscribers still
 * hold and the JVM's own needs come on top, so a run that passes may still run short; a run that fails this
 * check could never run.
 */
final class StepMemory {

    private StepMemory() {
    }

    /**
     * @throws IllegalArgumentException naming the estimate and {@code Runtime.maxMemory()} when a step cannot fit
     */
    static void check(Network network, TrainingData data) {
        long needed = estimate(network, data);
        long max = Runtime.getRuntime().maxMemory();
        if (needed > max) {
            throw new IllegalArgumentException("network: expected a step that fits in the JVM's maximum heap"
                    + " (Runtime.maxMemory() = " + mib(max) + "), actual an estimated " + mib(needed)
                    + " at least for one step of " + network + " on " + data.inputs().rows() + " examples"
                    + " (weights before and after the update, layers, errors and deltas); train a smaller network"
                    + " or start the JVM with more heap (-Xmx)");
        }
    }

    /** The bytes one step needs at least. */
    static long estimate(Network network, TrainingData data) {
        int[] sizes = network.layerSizes();
        long weights = 0;
        long units = 0;
        for (int k = 0; k < sizes.length; k++) {
            if (k + 1 < sizes.length) {
                weights += (long) sizes[k] * sizes[k + 1];
            }
            if (k > 0) {
                units += sizes[k];
            }
        }
        long examples = data.inputs().rows();
        long validation = data.validationInputs().map(inputs -> (long) inputs.rows()).orElse(0L);
        // While the step is computed: the weights twice, and per example and unit its layer, error and delta,
        // and its weighted input when the derivative needs it. The validation forward pass comes after, when
        // those weighted inputs are gone, so it counts only where it is larger.
        long trainingUnits = examples * units * 3;
        long weightedInputs = network.activation().hasDerivativeFromOutput() ? 0 : examples * units;
        long doubles = 2 * weights + trainingUnits + Math.max(weightedInputs, validation * units);
        return doubles * Double.BYTES;
    }

    private static String mib(long bytes) {
        return String.format(Locale.ROOT, "%,.1f MiB", bytes / (1024.0 * 1024.0));
    }
}
