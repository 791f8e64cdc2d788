package dev.backflux.api;

/**
 * The capability to build a {@link Matrix} over an array without copying it: for the engine only.
 *
 * <p>The engine computes fresh arrays for every step and never writes them again, so it may publish
 * them as matrices without a defensive copy. Nothing else may: a matrix over an array that its caller
 * still holds would not be read-only. The capability is an object rather than a public static method
 * because a public method is callable by anyone on the class path, where module boundaries do not exist:
 *
 * <ul>
 *   <li>There is exactly one instance. It is created here and has no public constructor, and no public
 *       method or field of Backflux returns it.</li>
 *   <li>{@link Trainer} hands it to the single {@link dev.backflux.api.spi.TrainingEngine} it loads with
 *       {@link java.util.ServiceLoader}, through {@link dev.backflux.api.spi.TrainingEngine#attach}, before
 *       the engine is used. Calling {@code attach} on an engine is harmless: only this instance exists to
 *       pass.</li>
 * </ul>
 *
 * <p>Applications never see an instance. Whoever supplies the engine receives it, which grants nothing
 * the engine does not already have: it computes every matrix a run publishes.
 */
public final class MatrixAccess {

    /** The only instance: {@link Trainer} passes it to the engine it loads. */
    static final MatrixAccess INSTANCE = new MatrixAccess();

    private MatrixAccess() {
    }

    /**
     * Returns a matrix over a row-major array without copying it; the caller hands the array over and must
     * never write it again.
     *
     * @param rows the number of rows, at least 1
     * @param columns the number of columns, at least 1
     * @param data {@code rows * columns} elements, row after row
     * @return a matrix backed by {@code data}, never {@code null}
     * @throws NullPointerException if {@code data} is {@code null}
     * @throws IllegalArgumentException if the shape is empty or does not match {@code data.length}
     */
    public Matrix wrap(int rows, int columns, double[] data) {
        return DenseMatrix.wrap(rows, columns, data);
    }

    /**
     * Checks rows as {@link TrainingData#of} does (a non-empty rectangle of finite values) and returns their
     * elements, row after row, in a new array; so the engine's messages match the API's.
     *
     * @param name the argument's name, used in error messages
     * @param values the rows
     * @return a new array that the caller owns
     * @throws NullPointerException naming {@code name} if {@code values} or a row is null
     * @throws IllegalArgumentException naming {@code name}, the row and column, the expected and the actual value
     */
    public double[] rowMajorCopyOf(String name, double[][] values) {
        return DenseMatrix.rowMajorCopyOf(name, values, true);
    }

    /**
     * Checks that every value is finite, as {@link #rowMajorCopyOf} does.
     *
     * @param name the array's name, used in error messages
     * @param values the values
     * @throws IllegalArgumentException naming {@code name[i]} and the first NaN or infinite value
     */
    public void checkFinite(String name, double[] values) {
        DenseMatrix.checkFinite(name, values);
    }

    @Override
    public String toString() {
        return "MatrixAccess";
    }
}
