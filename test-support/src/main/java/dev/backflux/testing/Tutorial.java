package dev.backflux.testing;

import dev.backflux.api.TrainingData;

/** The data sets and published figures of the tutorial (docs/tutorial.md). */
public final class Tutorial {

    public static final double[][] INPUTS = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};

    /** Part 1, two-layer network: the output copies the first input column. */
    public static final TrainingData COPY_FIRST_COLUMN = TrainingData.of(INPUTS, new double[][] {{0}, {0}, {1}, {1}});

    /** Part 1, three-layer network: XOR of the first two columns. */
    public static final TrainingData XOR = TrainingData.of(INPUTS, new double[][] {{0}, {1}, {1}, {0}});

    /** The three-layer network's W0 after {@code np.random.seed(1)}, 3x4 row-major. */
    public static final double[] W0 = {
        -0.165955990594852, 0.4406489868843162, -0.9997712503653102, -0.39533485473632046,
        -0.7064882183657739, -0.8153228104624044, -0.6274795772446582, -0.3088785459139045,
        -0.20646505153866013, 0.07763346800671389, -0.1616109711934104, 0.370439000793519};

    /** The three-layer network's W1, drawn after W0, 4x1. */
    public static final double[] W1 = {-0.5910955005369651, 0.7562348727818908, -0.9452248136041477, 0.34093502035680445};

    /** The two-layer network's output layer in the forward pass of its 10,000th step. */
    public static final double[] TWO_LAYER_OUTPUT = {0.0096644916879683, 0.007865059671309264, 0.9935889804970555, 0.992119573219358};

    /** The three-layer network's mean absolute error at steps 0, 10000, ..., 50000. */
    public static final double[] THREE_LAYER_ERRORS = {
        0.4964100319027255, 0.008584525653247152, 0.00578945986250781,
        0.004629176776769983, 0.00395876528027365, 0.0035101225678616783};

    private Tutorial() {
    }
}
