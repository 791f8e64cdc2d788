package dev.backflux.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * The {@link Matrix} of Backflux: a row-major {@code double[]} that is never written once wrapped.
 *
 * <p>The only implementation of the sealed {@link Matrix}, and package-private, so every matrix is one
 * of these and only this package creates them. {@link #wrap} takes ownership of the array without copying
 * it; the caller promises never to write it again. Only {@link MatrixAccess} calls it, for the engine, which
 * alone is handed that capability, so that every step is published as an immutable snapshot without a
 * defensive copy. Nothing here hands the array out again: every accessor returns a copy.
 */
final class DenseMatrix implements Matrix {

    /** The most elements a Java array holds on common JVMs. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

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
    static DenseMatrix wrap(int rows, int columns, double[] data) {
        Objects.requireNonNull(data, "data");
        if (rows < 1 || columns < 1 || data.length != (long) rows * columns) {
            throw new IllegalArgumentException("data: expected " + rows + "x" + columns + " = "
                    + ((long) rows * columns) + " elements (at least 1x1), actual " + data.length);
        }
        return new DenseMatrix(rows, columns, data);
    }

    /**
     * Checks that a matrix holds only finite values; every matrix is immutable, so none is copied.
     *
     * @param name the argument's name, used in error messages
     * @param matrix the matrix
     * @return {@code matrix}
     * @throws IllegalArgumentException naming {@code name}, the row and column of the first NaN or infinite value
     */
    static Matrix checkedOf(String name, Matrix matrix) {
        DenseMatrix dense = (DenseMatrix) matrix;
        for (int i = 0; i < dense.data.length; i++) {
            if (!Double.isFinite(dense.data[i])) {
                throw new IllegalArgumentException(name + "[" + (i / dense.columns) + "][" + (i % dense.columns)
                        + "]: expected a finite value, actual " + dense.data[i]);
            }
        }
        return dense;
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
    static DenseMatrix copyOf(String name, double[][] values, boolean requireFinite) {
        double[] data = rowMajorCopyOf(name, values, requireFinite);
        return new DenseMatrix(values.length, values[0].length, data);
    }

    /**
     * Checks rows as {@link #copyOf} does and returns their elements, row after row, in a new array.
     *
     * @param name the argument's name, used in error messages
     * @param values the rows
     * @param requireFinite whether NaN and infinite values are rejected
     * @return a new array that the caller owns
     * @throws NullPointerException naming {@code name} if {@code values} or a row is null
     * @throws IllegalArgumentException naming {@code name}, the row and column, the expected and the actual value
     */
    static double[] rowMajorCopyOf(String name, double[][] values, boolean requireFinite) {
        Objects.requireNonNull(values, name);
        if (values.length == 0) {
            throw new IllegalArgumentException(name + ": expected at least one row, actual 0 rows");
        }
        Objects.requireNonNull(values[0], () -> name + "[0]");
        int columns = values[0].length;
        if (columns == 0) {
            throw new IllegalArgumentException(name + "[0]: expected at least one column, actual 0 columns");
        }
        if ((long) values.length * columns > MAX_ELEMENTS) {
            throw new IllegalArgumentException(name + ": expected at most " + MAX_ELEMENTS + " elements, actual "
                    + values.length + "x" + columns);
        }
        double[] data = new double[values.length * columns];
        for (int r = 0; r < values.length; r++) {
            double[] row = values[r];
            int index = r;
            Objects.requireNonNull(row, () -> name + "[" + index + "]");
            if (row.length != columns) {
                throw new IllegalArgumentException(name + "[" + r + "]: expected " + columns
                        + " columns (as " + name + "[0]), actual " + row.length + " (ragged rows)");
            }
            if (requireFinite) {
                checkFinite(name + "[" + r + "]", row);
            }
            System.arraycopy(row, 0, data, r * columns, columns);
        }
        return data;
    }

    /**
     * Checks that every value is finite.
     *
     * @param name the array's name, used in error messages
     * @param values the values
     * @throws IllegalArgumentException naming {@code name[i]} and the first NaN or infinite value
     */
    static void checkFinite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + "[" + i + "]: expected a finite value, actual " + values[i]);
            }
        }
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
    public double[] toRowMajorArray() {
        return data.clone();
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
        if (!(other instanceof DenseMatrix)) {
            return false;
        }
        DenseMatrix that = (DenseMatrix) other;
        return that.rows == rows && that.columns == columns && Arrays.equals(data, that.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + columns) + Arrays.hashCode(data);
    }

    /**
     * Returns the matrix as numpy 2.4 prints a {@code float64} array of the same shape and elements with its
     * default print options ({@code print(a)}, that is {@code str(a)}), so that {@code System.out.println(matrix)}
     * can be compared with the tutorial's output line for line.
     *
     * <p>The defaults reproduced: {@code precision=8} and {@code floatmode='maxprec'} (as many decimals as
     * the printed elements need, at most 8, the same width for all), {@code suppress=False} (scientific
     * notation when the largest magnitude is at least {@code 1e8}, the smallest non-zero below {@code 1e-4},
     * or their ratio above {@code 1e3}), {@code threshold=1000} and {@code edgeitems=3} (a matrix of more than
     * 1000 elements shows only its first and last 3 rows and columns, with {@code ...} between),
     * {@code linewidth=75} (longer rows go on over the next lines), {@code sign='-'}, {@code nanstr='nan'},
     * {@code infstr='inf'}. For example the tutorial's inputs print as
     * <pre>{@code
     * [[0. 0. 1.]
     *  [0. 1. 1.]
     *  [1. 0. 1.]
     *  [1. 1. 1.]]
     * }</pre>
     *
     * @return the matrix as numpy prints it, on several lines, without a final line break
     */
    @Override
    public String toString() {
        return NumpyFormat.format(rows, columns, data);
    }
}
