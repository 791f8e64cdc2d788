package dev.backflux.examples;

import dev.backflux.api.TrainingData;

/** The data sets of the tutorial's Part 1. */
final class TutorialData {

    /** Four examples of three inputs; the constant third column plays the role of a bias. */
    static final double[][] INPUTS = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};

    /** The output copies the first input column: what the two-layer network learns. */
    static final TrainingData COPY_FIRST_COLUMN = TrainingData.of(INPUTS, new double[][] {{0}, {0}, {1}, {1}});

    /** The output is the XOR of the first two columns: what needs the three-layer network. */
    static final TrainingData XOR = TrainingData.of(INPUTS, new double[][] {{0}, {1}, {1}, {0}});

    private TutorialData() {
    }
}
