package dev.backflux.engine;

/**
 * The dropout masks of one run: for each step and each hidden layer with dropout, one factor per example and unit,
 * {@code 0} (dropped) or {@code 1 / (1 − p)} (kept), drawn in row-major order from the run's generator as the
 * tutorial's {@code np.random.binomial([np.ones((len(X), hidden_dim))], 1 - p)[0] * (1.0 / (1 - p))} draws them.
 */
final class DropoutMasks {

    private final double[] rates;
    private final MersenneTwister random;

    /**
     * @param rates the dropout rate of each layer, 0 where none
     * @param random the run's generator, already past the initial weights
     */
    DropoutMasks(double[] rates, MersenneTwister random) {
        this.rates = rates.clone();
        this.random = random;
    }

    /** Tells whether a layer drops units. */
    boolean applies(int layer) {
        return rates[layer] > 0;
    }

    /** The generator's outputs drawn so far, counted from its seeding. */
    long draws() {
        return random.drawn();
    }

    /** Draws the next mask of a layer: {@code count} factors, row-major over examples then units. */
    double[] draw(int layer, int count) {
        double keep = 1 - rates[layer];
        double scale = 1.0 / keep;
        double[] mask = new double[count];
        for (int i = 0; i < count; i++) {
            mask[i] = NumpyBinomial.draw(random, 1, keep) * scale;
        }
        return mask;
    }
}
