package dev.backflux.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TrainingDataTests {

    private static final double[][] X = {{0, 0, 1}, {0, 1, 1}, {1, 0, 1}, {1, 1, 1}};
    private static final double[][] Y = {{0}, {1}, {1}, {0}};

    @Test
    void dataIsCopiedSoLaterChangesToTheArraysChangeNothing() {
        double[][] inputs = {{0, 1}, {1, 0}};
        double[][] targets = {{1}, {0}};
        TrainingData data = TrainingData.of(inputs, targets);
        inputs[0][0] = 42;
        targets[1][0] = 42;
        data.inputs().toArray()[1][1] = 42;

        assertArrayEquals(new double[][] {{0, 1}, {1, 0}}, data.inputs().toArray());
        assertArrayEquals(new double[][] {{1}, {0}}, data.targets().toArray());
        assertEquals(2, data.size());
        assertFalse(data.hasValidation());
        assertTrue(data.validationInputs().isEmpty());
    }

    @Test
    void emptyDataIsRejectedNamingTheArgument() {
        assertMessage("inputs: expected at least one row, actual 0 rows", () -> TrainingData.of(new double[0][], Y));
        assertMessage("inputs[0]: expected at least one column, actual 0 columns",
                () -> TrainingData.of(new double[][] {{}}, new double[][] {{1}}));
        assertMessage("targets: expected at least one row, actual 0 rows", () -> TrainingData.of(X, new double[0][]));
    }

    @Test
    void raggedRowsAreRejectedNamingTheRowAndBothLengths() {
        assertMessage("inputs[2]: expected 3 columns (as inputs[0]), actual 2 (ragged rows)",
                () -> TrainingData.of(new double[][] {{0, 0, 1}, {0, 1, 1}, {1, 0}, {1, 1, 1}}, Y));
        assertMessage("targets[1]: expected 1 columns (as targets[0]), actual 2 (ragged rows)",
                () -> TrainingData.of(X, new double[][] {{0}, {1, 1}, {1}, {0}}));
    }

    @Test
    void aRowCountMismatchIsRejected() {
        assertMessage("targets: expected 4 rows (one per row of inputs), actual 3",
                () -> TrainingData.of(X, new double[][] {{0}, {1}, {1}}));
    }

    @Test
    void nanAndInfiniteValuesAreRejectedNamingTheCell() {
        assertMessage("inputs[1][2]: expected a finite value, actual NaN",
                () -> TrainingData.of(new double[][] {{0, 0, 1}, {0, 1, Double.NaN}, {1, 0, 1}, {1, 1, 1}}, Y));
        assertMessage("targets[3][0]: expected a finite value, actual Infinity",
                () -> TrainingData.of(X, new double[][] {{0}, {1}, {1}, {Double.POSITIVE_INFINITY}}));
        assertMessage("validationTargets[0][0]: expected a finite value, actual -Infinity",
                () -> TrainingData.of(X, Y).withValidation(new double[][] {{1, 1, 1}},
                        new double[][] {{Double.NEGATIVE_INFINITY}}));
    }

    @Test
    void nullArraysAndRowsAreRejectedByName() {
        assertEquals("inputs", assertThrows(NullPointerException.class, () -> TrainingData.of(null, Y)).getMessage());
        assertEquals("targets", assertThrows(NullPointerException.class, () -> TrainingData.of(X, null)).getMessage());
        assertEquals("inputs[1]", assertThrows(NullPointerException.class,
                () -> TrainingData.of(new double[][] {{1}, null}, new double[][] {{1}, {1}})).getMessage());
    }

    @Test
    void validationDataMustHaveTheTrainingWidths() {
        TrainingData data = TrainingData.of(X, Y);
        assertMessage("validationInputs: expected 3 columns (as inputs), actual 2",
                () -> data.withValidation(new double[][] {{1, 1}}, new double[][] {{1}}));
        assertMessage("validationTargets: expected 1 columns (as targets), actual 2",
                () -> data.withValidation(new double[][] {{1, 1, 1}}, new double[][] {{1, 0}}));
        assertMessage("validationTargets: expected 1 rows (one per row of validationInputs), actual 2",
                () -> data.withValidation(new double[][] {{1, 1, 1}}, new double[][] {{1}, {0}}));

        TrainingData withValidation = data.withValidation(new double[][] {{1, 1, 0}}, new double[][] {{0}});
        assertTrue(withValidation.hasValidation());
        assertArrayEquals(new double[][] {{1, 1, 0}}, withValidation.validationInputs().orElseThrow().toArray());
        assertFalse(data.hasValidation());
    }

    static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }
}
