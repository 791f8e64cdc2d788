package dev.backflux.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.backflux.api.Matrix;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The binary forms members exchange carry every double's bits as they were. */
class CodecTests {

    /** A quiet NaN with a payload: {@code Double.doubleToLongBits} would make it the canonical NaN. */
    static final double NAN_WITH_PAYLOAD = Double.longBitsToDouble(0x7ff8_0000_0000_1234L);

    static final double[] VALUES = {NAN_WITH_PAYLOAD, Double.longBitsToDouble(0xfff8_0000_dead_beefL), -0.0, 0.0,
            Double.MIN_VALUE, 4.9e-320, -Double.MIN_NORMAL / 3, Double.MIN_NORMAL, 2.0, -3.5, 1e17, 1e300,
            Double.MAX_VALUE, -Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};

    @Test
    void aCheckpointCarriesEveryDoublesRawBits() {
        assertEquals(0x7ff8_0000_0000_1234L, Double.doubleToRawLongBits(NAN_WITH_PAYLOAD), "the payload itself");
        Matrix weights = Matrix.ofRowMajor(4, 4, VALUES);
        Codec.StepItem best = new Codec.StepItem(3, Double.NaN, OptionalDouble.empty(), List.of(weights));
        Codec.Checkpoint checkpoint = new Codec.Checkpoint(7, List.of(weights, weights), 99,
                OptionalDouble.of(NAN_WITH_PAYLOAD), Optional.of(best));

        Codec.Checkpoint read = Codec.checkpoint(Codec.checkpoint(checkpoint));

        assertEquals(7, read.step());
        assertEquals(99, read.elapsedNanos());
        assertEquals(0x7ff8_0000_0000_1234L, Double.doubleToRawLongBits(read.bestError().getAsDouble()));
        assertEquals(2, read.weights().size());
        for (Matrix matrix : read.weights()) {
            assertBits(matrix);
        }
        assertBits(read.best().orElseThrow().weightsBefore().get(0));
    }

    private static void assertBits(Matrix matrix) {
        double[] values = matrix.toRowMajorArray();
        assertEquals(VALUES.length, values.length);
        for (int i = 0; i < VALUES.length; i++) {
            assertEquals(Long.toHexString(Double.doubleToRawLongBits(VALUES[i])),
                    Long.toHexString(Double.doubleToRawLongBits(values[i])), "value " + i + " (" + VALUES[i] + ")");
        }
    }
}
