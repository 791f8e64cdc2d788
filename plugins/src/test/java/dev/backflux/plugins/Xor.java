package dev.backflux.plugins;

import dev.backflux.api.Network;
import dev.backflux.api.Trainer;
import dev.backflux.api.Training;
import dev.backflux.api.TrainingData;
import dev.backflux.testing.Tutorial;
import java.util.Map;

/** The tutorial's three-layer XOR problem, and a builder for runs on it without system-property plugins. */
final class Xor {

    static final double[][] INPUTS = Tutorial.INPUTS;
    static final double[][] TARGETS = {{0}, {1}, {1}, {0}};
    static final TrainingData DATA = Tutorial.XOR;

    private Xor() {
    }

    static Training.Builder training(Network network, long steps) {
        return Trainer.training(network, DATA).steps(steps).configuration(Map.of());
    }
}
