package dev.backflux.api.internal;

import dev.backflux.api.Matrix;

import java.util.Arrays;
import java.util.Objects;

/**
 * The {@link Matrix} of Backflux: a row-major {@code double[]} that is never written once wrapped.
 *
 * <p>Internal: exported to the Backflux modules only. {@link #wrap} takes ownership of the array
 * without copying it; the caller promises never to write it again. That is what lets the engine
 * publish every step as an immutable snapshot without a defensive copy.
 */
public final class DenseMatrix implements Matrix {

    /** Larger matrices print their shape only. */
    private static final int MAX_PRINTED_ELEMENTS = 64;

    private final int rows;
    private final int columns;
    private final double[] data;

    private DenseMatrix(int rows, int columns, double[] data) {
        this.rows = rows;
        this.columns = columns;
        this.data = data;
    }

    /**
     * Wraps a row-major array without copying it; the array must never be written afterwards.
     *
     * @param rows the number of rows, at least 1
     * @param columns the number of columns, at least 1
     * @param data {@code rows * columns} elements, row after row
     * @return a matrix backed by {@code data}
     */
    public static DenseMatrix wrap(int rows, int columns, double[] data) {
        Objects.requireNonNull(data, "data");
        if (rows < 1 || columns < 1 || data.length != (long) rows * columns) {
            throw new IllegalArgumentException("data: expected " + rows + "x" + columns + " = "
                    + ((long) rows * columns) + " elements (at least 1x1), actual " + data.length);
        }
        return new DenseMatrix(rows, columns, data);
    }

    /**
     * Copies rows into a new matrix, checking that they are a non-empty rectangle.
     *
     * @param name the argument's name, used in error messages
     * @param values the rows
     * @param requireFinite whether NaN and infinite values are rejected
     * @return a new matrix independent of {@code values}
     * @throws NullPointerException naming {@code name} if {@code values} or a row is null
     * @throws IllegalArgumentException naming {@code name}, the row and column, the expected and the actual value
     */
    public static DenseMatrix copyOf(String name, double[][] values, boolean requireFinite) {
        Objects.requireNonNull(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + ": expected at least one row, actual 0 rows");
        }
        Objects.requireNonNull(values[0], () -> name + "[0]");
        int columns = values[0].length;
        if (columns == 0) {
            throw new IllegalArgumentException(name + "[0]: expected at least one column, actual 0 columns");
        }
        double[] data = new double[Math.multiplyExact(values.length, columns)];
        for (int r = 0; r < values.length; r++) {
            double[] row = values[r];
            int index = r;
            Objects.requireNonNull(row, () -> name + "[" + index + "]");
            if (row.length != columns) {
                throw new IllegalArgumentException(name + "[" + r + "]: expected " + columns
                        + " columns (as " + name + "[0]), actual " + row.length + " (ragged rows)");
            }
            if (requireFinite) {
                for (int c = 0; c < columns; c++) {
                    if (!Double.isFinite(row[c])) {
                        throw new IllegalArgumentException(name + "[" + r + "][" + c
                                + "]: expected a finite value, actual " + row[c]);
                    }
                }
            }
            System.arraycopy(row, 0, data, r * columns, columns);
        }
        return new DenseMatrix(values.length, columns, data);
    }

    /**
     * Returns the row-major elements of any matrix: the backing array of a {@code DenseMatrix}
     * (which the caller must not write), a copy for any other implementation.
     *
     * @param matrix the matrix
     * @return {@code rows * columns} elements, row after row; read only
     */
    public static double[] readOnlyData(Matrix matrix) {
        if (matrix instanceof DenseMatrix) {
            return ((DenseMatrix) matrix).data;
        }
        double[] data = new double[matrix.rows() * matrix.columns()];
        for (int r = 0; r < matrix.rows(); r++) {
            for (int c = 0; c < matrix.columns(); c++) {
                data[r * matrix.columns() + c] = matrix.get(r, c);
            }
        }
        return data;
    }

    @Override
    public int rows() {
        return rows;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public double get(int row, int column) {
        if (row < 0 || row >= rows || column < 0 || column >= columns) {
            throw new IndexOutOfBoundsException("(" + row + ", " + column + "): expected row in [0, "
                    + rows + ") and column in [0, " + columns + ")");
        }
        return data[row * columns + column];
    }

    @Override
    public double[] row(int row) {
        Objects.checkIndex(row, rows);
        return Arrays.copyOfRange(data, row * columns, (row + 1) * columns);
    }

    @Override
    public double[][] toArray() {
        double[][] copy = new double[rows][];
        for (int r = 0; r < rows; r++) {
            copy[r] = Arrays.copyOfRange(data, r * columns, (r + 1) * columns);
        }
        return copy;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof Matrix)) {
            return false;
        }
        Matrix that = (Matrix) other;
        if (that.rows() != rows || that.columns() != columns) {
            return false;
        }
        return Arrays.equals(data, readOnlyData(that));
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + columns) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (data.length > MAX_PRINTED_ELEMENTS) {
            return rows + "x" + columns + " matrix";
        }
        StringBuilder text = new StringBuilder(rows + "x" + columns + " [");
        for (int r = 0; r < rows; r++) {
            text.append(r == 0 ? "[" : ", [");
            for (int c = 0; c < columns; c++) {
                text.append(c == 0 ? "" : ", ").append(data[r * columns + c]);
            }
            text.append(']');
        }
        return text.append(']').toString();
    }
}
