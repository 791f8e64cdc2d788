package dev.backflux.dashboard;

import dev.backflux.api.TrainingData;
import java.util.List;

/** The tutorial's two data sets, by the names a run's spec gives them. */
final class TutorialSets {

    /** Part 1's two-layer network: the output copies the first input. */
    static final String COPY_FIRST = "copy-first";
    /** Part 1's three-layer network: the output is the XOR of the first two inputs. */
    static final String XOR = "xor";
    static final List<String> NAMES = List.of(COPY_FIRST, XOR);

    private static final double[][] INPUTS = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};

    private TutorialSets() {
    }

    static TrainingData named(String name) {
        return switch (name) {
            case COPY_FIRST -> TrainingData.of(INPUTS, new double[][] {{0}, {0}, {1}, {1}});
            case XOR -> TrainingData.of(INPUTS, new double[][] {{0}, {1}, {1}, {0}});
            default -> throw ApiException.badField("data", "a data set's name, one of " + NAMES, "'" + name + "'");
        };
    }
}
