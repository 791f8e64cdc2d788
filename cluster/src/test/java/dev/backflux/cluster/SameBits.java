package dev.backflux.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backflux.api.TrainingResult;
import dev.backflux.api.TrainingStep;
import java.util.Optional;
import java.util.OptionalDouble;

/** Asserts that results and steps hold the same values, every double to the bit. */
final class SameBits {

    private SameBits() {
    }

    static void assertSameResult(TrainingResult expected, TrainingResult actual, String what) {
        assertEquals(expected.reason(), actual.reason(), what + ": reason");
        assertEquals(expected.condition(), actual.condition(), what + ": condition");
        assertEquals(expected.stoppedBy(), actual.stoppedBy(), what + ": stoppedBy");
        assertEquals(expected.stepsRun(), actual.stepsRun(), what + ": stepsRun");
        assertSameBits(expected.bestError(), actual.bestError(), what + ": bestError");
        assertSameBits(expected.accuracy(), actual.accuracy(), what + ": accuracy");
        assertSameBits(expected.validationAccuracy(), actual.validationAccuracy(), what + ": validationAccuracy");
        assertSameStep(expected.lastStep(), actual.lastStep(), what + ": lastStep");
        assertSameStep(expected.bestStep(), actual.bestStep(), what + ": bestStep");
    }

    static void assertSameStep(Optional<TrainingStep> expected, Optional<TrainingStep> actual, String what) {
        assertEquals(expected.isPresent(), actual.isPresent(), what + " present");
        expected.ifPresent(step -> assertSameStep(step, actual.get(), what));
    }

    static void assertSameStep(TrainingStep expected, TrainingStep actual, String what) {
        assertEquals(expected.step(), actual.step(), what + ": step");
        assertEquals(expected.layerCount(), actual.layerCount(), what + ": layerCount");
        assertEquals(Double.doubleToRawLongBits(expected.meanAbsoluteError()),
                Double.doubleToRawLongBits(actual.meanAbsoluteError()), what + ": meanAbsoluteError");
        assertSameBits(expected.validationMeanAbsoluteError(), actual.validationMeanAbsoluteError(),
                what + ": validation error");
        assertEquals(Double.doubleToRawLongBits(expected.learningRate()),
                Double.doubleToRawLongBits(actual.learningRate()), what + ": learningRate");
        for (int layer = 0; layer < expected.layerCount(); layer++) {
            RunSpecTests.assertSameBits(expected.layer(layer), actual.layer(layer));
            if (layer > 0) {
                RunSpecTests.assertSameBits(expected.error(layer), actual.error(layer));
                RunSpecTests.assertSameBits(expected.delta(layer), actual.delta(layer));
            }
        }
        for (int k = 0; k < expected.layerCount() - 1; k++) {
            RunSpecTests.assertSameBits(expected.weightsBefore(k), actual.weightsBefore(k));
            RunSpecTests.assertSameBits(expected.weights(k), actual.weights(k));
        }
    }

    static void assertSameBits(OptionalDouble expected, OptionalDouble actual, String what) {
        assertEquals(expected.isPresent(), actual.isPresent(), what + " present");
        if (expected.isPresent()) {
            assertEquals(Double.doubleToRawLongBits(expected.getAsDouble()),
                    Double.doubleToRawLongBits(actual.getAsDouble()), what + ": " + expected + " vs " + actual);
        }
    }
}
