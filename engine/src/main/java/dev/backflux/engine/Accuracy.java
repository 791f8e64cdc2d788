package dev.backflux.engine;

import dev.backflux.api.Matrix;
import dev.backflux.api.TrainedNetwork;
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
        double[] outputs = network.predict(inputs.toArray()).toRowMajorArray();
        int right = 0;
        for (int r = 0; r < rows; r++) {
            right += (oneHot ? largestIsWanted(outputs, wanted, r, columns) : allOnTheirSide(outputs, wanted, r, columns))
                    ? 1 : 0;
        }
        return OptionalDouble.of((double) right / rows);
    }

    /** An output that is not a finite number (a diverged network) is never right. */
    private static boolean largestIsWanted(double[] outputs, double[] wanted, int row, int columns) {
        for (int c = 0; c < columns; c++) {
            if (!Double.isFinite(outputs[row * columns + c])) {
                return false;
            }
        }
        int largest = 0;
        for (int c = 1; c < columns; c++) {
            if (outputs[row * columns + c] > outputs[row * columns + largest]) {
                largest = c;
            }
        }
        return wanted[row * columns + largest] == 1;
    }

    private static boolean allOnTheirSide(double[] outputs, double[] wanted, int row, int columns) {
        for (int c = 0; c < columns; c++) {
            double output = outputs[row * columns + c];
            if (!Double.isFinite(output) || (output >= 0.5) != (wanted[row * columns + c] == 1)) {
                return false;
            }
        }
        return true;
    }
}
