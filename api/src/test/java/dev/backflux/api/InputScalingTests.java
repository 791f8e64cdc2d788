package dev.backflux.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Min-max scaling, and data built from matrices that records it. */
class InputScalingTests {

    @Test
    void rawValuesGoToZeroToOneByTheirColumnsBounds() {
        InputScaling scaling = InputScaling.of(new double[] {4.3, 2, 7}, new double[] {7.9, 4.4, 7});
        assertArrayEquals(new double[] {0, 1, 0}, scaling.scale(4.3, 4.4, 7));
        assertEquals(0.5, scaling.scale(0, 6.1), 1e-15);
        assertEquals(0, scaling.scale(2, 123), "a constant column is 0 whatever the value");
        assertEquals(-0.5, scaling.scale(1, 0.8), 1e-15, "outside the bounds, outside 0..1");
        double[] min = scaling.min();
        min[0] = 99;
        assertEquals(4.3, scaling.min()[0], "a copy");
    }

    @Test
    void badBoundsAreRefusedNamingTheColumn() {
        assertEquals("max[1]: expected a finite bound at least min[1] = 3.0, actual 2.0",
                assertThrows(IllegalArgumentException.class,
                        () -> InputScaling.of(new double[] {0, 3}, new double[] {1, 2})).getMessage());
        assertEquals("max: expected 2 bounds (one per column of min, at least 1), actual 1",
                assertThrows(IllegalArgumentException.class,
                        () -> InputScaling.of(new double[] {0, 3}, new double[] {1})).getMessage());
        assertEquals("raw: expected 2 inputs, actual 3", assertThrows(IllegalArgumentException.class,
                () -> InputScaling.of(new double[] {0, 3}, new double[] {1, 4}).scale(1, 2, 3)).getMessage());
    }

    @Test
    void dataFromMatricesKeepsThemAndRecordsItsScaling() {
        Matrix inputs = Matrix.ofRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, 6});
        Matrix targets = Matrix.ofRowMajor(2, 1, new double[] {0, 1});
        TrainingData data = TrainingData.of(inputs, targets);
        assertSame(inputs, data.inputs(), "a matrix cannot change: no copy");
        assertEquals(4, data.inputs().get(1, 0));
        assertTrue(data.inputScaling().isEmpty());

        InputScaling scaling = InputScaling.of(new double[] {0, 0, 0}, new double[] {10, 10, 10});
        TrainingData scaled = data.withInputScaling(scaling)
                .withValidation(Matrix.ofRowMajor(1, 3, new double[] {7, 8, 9}), Matrix.ofRowMajor(1, 1, new double[] {1}));
        assertEquals(scaling, scaled.inputScaling().orElseThrow(), "kept through withValidation");
        assertEquals(9, scaled.validationInputs().orElseThrow().get(0, 2));

        assertEquals("scaling: expected 3 columns (as inputs), actual 1", assertThrows(IllegalArgumentException.class,
                () -> data.withInputScaling(InputScaling.of(new double[] {0}, new double[] {1}))).getMessage());
        assertEquals("inputs[1][2]: expected a finite value, actual NaN", assertThrows(IllegalArgumentException.class,
                () -> TrainingData.of(Matrix.ofRowMajor(2, 3, new double[] {1, 2, 3, 4, 5, Double.NaN}), targets))
                .getMessage());
        assertEquals("targets: expected 2 rows (one per row of inputs), actual 1",
                assertThrows(IllegalArgumentException.class, () -> TrainingData.of(inputs,
                        Matrix.ofRowMajor(1, 1, new double[] {0}))).getMessage());
    }

    @Test
    void aRowMajorMatrixIsACopyOfTheRightSize() {
        double[] values = {1, 2, 3, 4};
        Matrix matrix = Matrix.ofRowMajor(2, 2, values);
        values[0] = 99;
        assertEquals(1, matrix.get(0, 0));
        assertEquals("values: expected 2x3 = 6 elements (at least 1x1), actual 4",
                assertThrows(IllegalArgumentException.class, () -> Matrix.ofRowMajor(2, 3, values)).getMessage());
    }
}
