package dev.backflux.files;

import dev.backflux.api.TrainingData;
import java.util.List;

/**
 * What a {@link CsvReader} read: the training data (with its validation part and input scaling, if asked for), the
 * names of the input and target columns, and the class labels of one-hot targets.
 */
public final class CsvData {

    private final TrainingData trainingData;
    private final List<String> inputColumns;
    private final List<String> targetColumns;
    private final List<String> classes;

    CsvData(TrainingData trainingData, List<String> inputColumns, List<String> targetColumns, List<String> classes) {
        this.trainingData = trainingData;
        this.inputColumns = List.copyOf(inputColumns);
        this.targetColumns = List.copyOf(targetColumns);
        this.classes = List.copyOf(classes);
    }

    /**
     * Returns the data to train on.
     *
     * @return the data, never {@code null}
     */
    public TrainingData trainingData() {
        return trainingData;
    }

    /**
     * Returns the names of the input columns, in the order of the data's input columns: the header's names, or
     * {@code "column 0"}, {@code "column 1"}, ... without a header.
     *
     * @return an unmodifiable list
     */
    public List<String> inputColumns() {
        return inputColumns;
    }

    /**
     * Returns the names of the target columns as the file has them (one, for one-hot targets).
     *
     * @return an unmodifiable list
     */
    public List<String> targetColumns() {
        return targetColumns;
    }

    /**
     * Returns the class labels of one-hot targets, in the order of the data's target columns.
     *
     * @return an unmodifiable list, empty unless the reader made one-hot targets
     */
    public List<String> classes() {
        return classes;
    }

    @Override
    public String toString() {
        return "CsvData[" + trainingData + ", inputs " + inputColumns + ", targets " + targetColumns
                + (classes.isEmpty() ? "" : ", classes " + classes) + "]";
    }
}
