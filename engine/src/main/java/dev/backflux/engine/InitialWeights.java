package dev.backflux.engine;

import dev.backflux.api.Network;
import dev.backflux.api.Matrix;

import java.util.List;

/** The weights a run starts from: the network's explicit weights, or numpy-compatible draws from its seed. */
final class InitialWeights {

    private InitialWeights() {
    }

    /**
     * Returns the initial weights of {@code network}, row-major, one fresh array per weight matrix that the
     * run owns: explicit weights are copied once per run.
     */
    static double[][] of(Network network) {
        int[] sizes = network.layerSizes();
        return network.initialWeights()
                .map(InitialWeights::copies)
                .orElseGet(() -> fromSeed(sizes, network.seed().orElseThrow()));
    }

    /**
     * Draws every weight matrix in turn, row-major, as {@code 2u - 1} with {@code u} uniform in [0, 1):
     * numpy's {@code np.random.seed(seed)} followed by {@code 2 * np.random.random((rows, columns)) - 1}.
     */
    static double[][] fromSeed(int[] sizes, long seed) {
        return from(sizes, new MersenneTwister(seed));
    }

    /**
     * Returns the initial weights of {@code network}: explicit ones copied, or drawn from {@code random} (seeded
     * with the network's seed), which then stands where numpy's generator stands after the weights.
     */
    static double[][] of(Network network, MersenneTwister random) {
        return network.initialWeights().map(InitialWeights::copies).orElseGet(() -> from(network.layerSizes(), random));
    }

    /** Draws every weight matrix in turn from {@code random}, as {@link #fromSeed} does. */
    static double[][] from(int[] sizes, MersenneTwister random) {
        double[][] weights = new double[sizes.length - 1][];
        for (int k = 0; k < weights.length; k++) {
            double[] w = new double[sizes[k] * sizes[k + 1]];
            for (int i = 0; i < w.length; i++) {
                w[i] = 2 * random.nextDouble() - 1;
            }
            weights[k] = w;
        }
        return weights;
    }

    private static double[][] copies(List<Matrix> matrices) {
        double[][] weights = new double[matrices.size()][];
        for (int k = 0; k < weights.length; k++) {
            weights[k] = matrices.get(k).toRowMajorArray();
        }
        return weights;
    }
}
