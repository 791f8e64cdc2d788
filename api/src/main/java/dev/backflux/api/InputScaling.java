package dev.backflux.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * Min-max scaling of a network's inputs: each input column {@code j} goes from its raw value {@code x} to
 * {@code (x − min[j]) / (max[j] − min[j])}, which is 0 to 1 over the data it was measured on (a column whose
 * min equals its max becomes 0). Data read with scaling records it ({@link TrainingData#inputScaling()}), a saved
 * network keeps it, and predictions from raw inputs apply it, so that a network sees the same numbers in training
 * and in use. Instances are immutable.
 */
public final class InputScaling {

    private final double[] min;
    private final double[] max;

    private InputScaling(double[] min, double[] max) {
        this.min = min;
        this.max = max;
    }

    /**
     * Returns the scaling with these bounds.
     *
     * @param min each input column's smallest raw value
     * @param max each input column's largest raw value, at least its {@code min}
     * @return the scaling, independent of the arrays; never {@code null}
     * @throws NullPointerException if an array is {@code null}
     * @throws IllegalArgumentException if the arrays are empty or differ in length, a bound is not finite, or a
     *                                  {@code max} is below its {@code min}, naming the column and the values
     */
    public static InputScaling of(double[] min, double[] max) {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.length == 0 || min.length != max.length) {
            throw new IllegalArgumentException("max: expected " + min.length + " bounds (one per column of min, at"
                    + " least 1), actual " + max.length);
        }
        for (int j = 0; j < min.length; j++) {
            if (!Double.isFinite(min[j]) || !Double.isFinite(max[j]) || max[j] < min[j]) {
                throw new IllegalArgumentException("max[" + j + "]: expected a finite bound at least min[" + j
                        + "] = " + min[j] + ", actual " + max[j]);
            }
        }
        return new InputScaling(min.clone(), max.clone());
    }

    /**
     * Returns the number of input columns.
     *
     * @return at least 1
     */
    public int columns() {
        return min.length;
    }

    /**
     * Returns each column's smallest raw value.
     *
     * @return a new array
     */
    public double[] min() {
        return min.clone();
    }

    /**
     * Returns each column's largest raw value.
     *
     * @return a new array
     */
    public double[] max() {
        return max.clone();
    }

    /**
     * Scales one raw value of a column.
     *
     * @param column the column, 0 to {@link #columns()} − 1
     * @param raw the raw value
     * @return the scaled value; 0 for a column whose min equals its max
     * @throws IndexOutOfBoundsException if {@code column} is out of range
     */
    public double scale(int column, double raw) {
        double range = max[column] - min[column];
        return range == 0 ? 0 : (raw - min[column]) / range;
    }

    /**
     * Scales one example's raw inputs.
     *
     * @param raw one value per column
     * @return a new array of the scaled values
     * @throws NullPointerException if {@code raw} is {@code null}
     * @throws IllegalArgumentException if {@code raw} does not have {@link #columns()} values
     */
    public double[] scale(double... raw) {
        Objects.requireNonNull(raw, "raw");
        if (raw.length != min.length) {
            throw new IllegalArgumentException("raw: expected " + min.length + " inputs, actual " + raw.length);
        }
        double[] scaled = new double[raw.length];
        for (int j = 0; j < raw.length; j++) {
            scaled[j] = scale(j, raw[j]);
        }
        return scaled;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InputScaling that && Arrays.equals(min, that.min) && Arrays.equals(max, that.max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return "InputScaling[min=" + Arrays.toString(min) + ", max=" + Arrays.toString(max) + "]";
    }
}
