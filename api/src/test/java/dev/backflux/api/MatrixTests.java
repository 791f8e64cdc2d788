package dev.backflux.api;

import static dev.backflux.api.TrainingDataTests.assertMessage;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MatrixTests {

    private final Matrix matrix = Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}});

    @Test
    void elementsAreReadByRowAndColumn() {
        assertEquals(2, matrix.rows());
        assertEquals(3, matrix.columns());
        assertEquals(6, matrix.get(1, 2));
        assertArrayEquals(new double[] {4, 5, 6}, matrix.row(1));
        assertEquals("[[1. 2. 3.]\n [4. 5. 6.]]", matrix.toString());
    }

    @Test
    void whatAMatrixHandsOutIsACopy() {
        matrix.row(0)[0] = 42;
        matrix.toArray()[1][1] = 42;
        assertArrayEquals(new double[][] {{1, 2, 3}, {4, 5, 6}}, matrix.toArray());
    }

    @Test
    void equalityIsByShapeAndElements() {
        assertEquals(matrix, Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}));
        assertEquals(matrix.hashCode(), Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 6}}).hashCode());
        assertNotEquals(matrix, Matrix.of(new double[][] {{1, 2}, {3, 4}, {5, 6}}));
        assertNotEquals(matrix, Matrix.of(new double[][] {{1, 2, 3}, {4, 5, 7}}));
    }

    @Test
    void outOfRangeIndicesAreRejectedNamingTheRange() {
        IndexOutOfBoundsException error = assertThrows(IndexOutOfBoundsException.class, () -> matrix.get(2, 0));
        assertEquals("(2, 0): expected row in [0, 2) and column in [0, 3)", error.getMessage());
        assertThrows(IndexOutOfBoundsException.class, () -> matrix.row(-1));
    }

    @Test
    void raggedOrEmptyRowsAreRejected() {
        assertMessage("values[1]: expected 2 columns (as values[0]), actual 1 (ragged rows)",
                () -> Matrix.of(new double[][] {{1, 2}, {3}}));
        assertMessage("values: expected at least one row, actual 0 rows", () -> Matrix.of(new double[0][]));
    }

    @Test
    void largeMatricesPrintTheirCornersOnlyAsNumpyDoes() {
        assertEquals("[[0. 0. 0. ... 0. 0. 0.]\n [0. 0. 0. ... 0. 0. 0.]\n [0. 0. 0. ... 0. 0. 0.]\n ...\n"
                + " [0. 0. 0. ... 0. 0. 0.]\n [0. 0. 0. ... 0. 0. 0.]\n [0. 0. 0. ... 0. 0. 0.]]",
                Matrix.of(new double[100][100]).toString());
    }
}
