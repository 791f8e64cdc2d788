package dev.backflux.engine;

import dev.backflux.api.Matrix;
import dev.backflux.api.TrainedNetwork;
import java.util.Arrays;
import java.util.OptionalDouble;

/**
 * The share of examples a network classifies right, when the targets are classes: one-hot rows by the largest
 * output, 0/1 targets by the side of 0.5 each output is on.
 */
final class Accuracy {

    private Accuracy() {
    }

    /** The share right, or empty when a target is neither 0 nor 1. */
    static OptionalDouble of(TrainedNetwork network, Matrix inputs, Matrix targets) {
        double[] wanted = targets.toRowMajorArray();
        for (double value : wanted) {
            if (value != 0 && value != 1) {
                return OptionalDouble.empty();
            }
        }
        int rows = targets.rows();
        int columns = targets.columns();
        boolean oneHot = columns > 1;
        for (int r = 0; r < rows && oneHot; r++) {
            double sum = 0;
            for (int c = 0; c < columns; c++) {
                sum += wanted[r * columns + c];
            }
            oneHot = sum == 1;
        }
        int right = 0;
        int width = inputs.columns();
        // A chunk of rows at a time: the whole data at once took two copies of the inputs (toArray, then predict's
        // own) and every layer's outputs for every example, at the end of a run whose data may fill the heap.
        for (int from = 0; from < rows; from += CHUNK) {
            double[][] chunk = new double[Math.min(CHUNK, rows - from)][width];
            for (int r = 0; r < chunk.length; r++) {
                for (int c = 0; c < width; c++) {
                    chunk[r][c] = inputs.get(from + r, c);
                }
            }
            double[] outputs = network.predict(chunk).toRowMajorArray();
            for (int r = 0; r < chunk.length; r++) {
                double[] row = Arrays.copyOfRange(outputs, r * columns, (r + 1) * columns);
                right += (oneHot ? largestIsWanted(row, wanted, from + r, columns)
                        : allOnTheirSide(row, wanted, from + r, columns)) ? 1 : 0;
            }
        }
        return OptionalDouble.of((double) right / rows);
    }

    /** The rows predicted at once. */
    static final int CHUNK = 1024;

    /** An output that is not a finite number (a diverged network) is never right. */
    private static boolean largestIsWanted(double[] outputs, double[] wanted, int row, int columns) {
        for (int c = 0; c < columns; c++) {
            if (!Double.isFinite(outputs[c])) {
                return false;
            }
        }
        int largest = 0;
        for (int c = 1; c < columns; c++) {
            if (outputs[c] > outputs[largest]) {
                largest = c;
            }
        }
        return wanted[row * columns + largest] == 1;
    }

    private static boolean allOnTheirSide(double[] outputs, double[] wanted, int row, int columns) {
        for (int c = 0; c < columns; c++) {
            double output = outputs[c];
            if (!Double.isFinite(output) || (output >= 0.5) != (wanted[row * columns + c] == 1)) {
                return false;
            }
        }
        return true;
    }
}
