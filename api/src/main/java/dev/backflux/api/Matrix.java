package dev.backflux.api;

/**
 * A read-only matrix of {@code double} values: a layer, an error, a delta or a weight matrix.
 *
 * <p>Rows are examples (for layers, errors and deltas) or the units of the layer below (for weights);
 * columns are the units of a layer. Nothing a caller does to what a {@code Matrix} returns can change
 * the matrix: {@link #row(int)} and {@link #toArray()} return fresh copies.
 *
 * <p>The matrices Backflux creates are equal when they have the same shape and the same elements,
 * compared as {@link Double#equals(Object)} does.
 *
 * <p>{@code toString()} returns the matrix as numpy 2.4's {@code print(a)} shows a {@code float64} array of the
 * same shape and elements with the default print options, so that Backflux's matrices can be compared with
 * the tutorial's output side by side: rows in brackets, columns aligned, at most 8 decimals
 * ({@code precision=8}, {@code floatmode='maxprec'}: as many as the printed elements need, the same for all),
 * scientific notation when the largest magnitude is at least {@code 1e8}, the smallest non-zero below
 * {@code 1e-4} or their ratio above {@code 1e3} ({@code suppress=False}), only the first and last 3 rows and
 * columns with {@code ...} between when there are more than 1000 elements ({@code threshold=1000},
 * {@code edgeitems=3}), rows longer than 75 characters continued on the next lines ({@code linewidth=75}),
 * {@code nan}, {@code inf}, {@code -inf} and {@code -0.} as numpy writes them. The tutorial's inputs print as
 * <pre>{@code
 * [[0. 0. 1.]
 *  [0. 1. 1.]
 *  [1. 0. 1.]
 *  [1. 1. 1.]]
 * }</pre>
 *
 * <p>The interface is sealed and its one implementation is not public: every {@code Matrix} is a Backflux
 * matrix, whose elements nobody else holds. Applications build one with {@link #of}, which copies.
 */
public sealed interface Matrix permits DenseMatrix {

    /**
     * Returns a matrix holding a copy of the given rows.
     *
     * @param values the rows; at least one, all of the same length, at least one column
     * @return a matrix independent of {@code values}, never {@code null}
     * @throws NullPointerException if {@code values} or one of its rows is {@code null}
     * @throws IllegalArgumentException if {@code values} is empty or ragged, naming the row and both lengths
     */
    static Matrix of(double[][] values) {
        return DenseMatrix.copyOf("values", values, false);
    }

    /**
     * Returns a matrix holding a copy of elements given row after row: one copy, with no array per row, for large
     * data.
     *
     * @param rows the number of rows, at least 1
     * @param columns the number of columns, at least 1
     * @param values {@code rows * columns} elements, row-major
     * @return a matrix independent of {@code values}, never {@code null}
     * @throws NullPointerException if {@code values} is {@code null}
     * @throws IllegalArgumentException if a size is below 1 or {@code values} does not have
     *                                  {@code rows * columns} elements, naming the expected and actual count
     */
    static Matrix ofRowMajor(int rows, int columns, double[] values) {
        java.util.Objects.requireNonNull(values, "values");
        if (rows < 1 || columns < 1 || values.length != (long) rows * columns) {
            throw new IllegalArgumentException("values: expected " + rows + "x" + columns + " = "
                    + ((long) rows * columns) + " elements (at least 1x1), actual " + values.length);
        }
        return DenseMatrix.wrap(rows, columns, values.clone());
    }

    /**
     * Returns the number of rows.
     *
     * @return the number of rows, at least 1
     */
    int rows();

    /**
     * Returns the number of columns.
     *
     * @return the number of columns, at least 1
     */
    int columns();

    /**
     * Returns one element.
     *
     * @param row the row, from 0 to {@code rows() - 1}
     * @param column the column, from 0 to {@code columns() - 1}
     * @return the element at {@code row}, {@code column}
     * @throws IndexOutOfBoundsException if {@code row} or {@code column} is out of range, naming both
     */
    double get(int row, int column);

    /**
     * Returns a copy of one row.
     *
     * @param row the row, from 0 to {@code rows() - 1}
     * @return a new array of {@code columns()} elements
     * @throws IndexOutOfBoundsException if {@code row} is out of range
     */
    double[] row(int row);

    /**
     * Returns a copy of every element, row after row.
     *
     * @return a new array of {@code rows() * columns()} elements that the caller owns
     */
    double[] toRowMajorArray();

    /**
     * Returns a copy of the whole matrix as rows.
     *
     * @return a new {@code rows() x columns()} array that the caller owns
     */
    double[][] toArray();
}
