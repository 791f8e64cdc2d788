package dev.backflux.dashboard;

import dev.backflux.api.Matrix;
import dev.backflux.api.TrainingStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A large step in a bounded size: for each layer, statistics and a histogram of its values and of its deltas; for
 * each weight matrix, statistics, a histogram, and heatmaps of the weights and of the update reduced to at most
 * {@link #HEATMAP} × {@link #HEATMAP} cells (the mean of each block); and up to {@link #OUTPUT_POINTS} outputs with
 * their sums and slopes, for the slope picture. The size depends on the number of layers only: about 25 KB for a
 * three-layer network.
 */
final class StepSummary {

    static final int BINS = 32;
    static final int HEATMAP = 32;
    static final int OUTPUT_POINTS = 64;

    private StepSummary() {
    }

    static void of(TrainingStep step, Map<String, Object> json) {
        json.put("detail", "summary");
        List<Object> layers = new ArrayList<>();
        for (int layer = 0; layer < step.layerCount(); layer++) {
            Map<String, Object> summary = new LinkedHashMap<>();
            Matrix values = step.layer(layer);
            summary.put("examples", values.rows());
            summary.put("units", values.columns());
            summary.put("values", statistics(values));
            if (layer > 0) {
                summary.put("deltas", statistics(step.delta(layer)));
            }
            Matrix mask = StepJson.hidden(step, layer) ? step.dropoutMask(layer) : null;
            if (mask != null && StepJson.hasDropout(mask)) {
                long dropped = java.util.Arrays.stream(mask.toRowMajorArray()).filter(factor -> factor == 0).count();
                summary.put("droppedFraction", (double) dropped / ((long) mask.rows() * mask.columns()));
            }
            layers.add(summary);
        }
        json.put("layerSummaries", layers);
        List<Object> weights = new ArrayList<>();
        for (int k = 0; k < step.layerCount() - 1; k++) {
            Matrix matrix = step.weights(k);
            Matrix update = step.update(k);
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("rows", matrix.rows());
            summary.put("columns", matrix.columns());
            summary.put("values", statistics(matrix));
            summary.put("heatmap", heatmap(matrix));
            summary.put("update", statistics(update));
            summary.put("updateHeatmap", heatmap(update));
            weights.add(summary);
        }
        json.put("weightSummaries", weights);
        json.put("outputPoints", outputPoints(step));
    }

    /**
     * min, max, mean, the Frobenius norm and a histogram of {@link #BINS} equal bins between min and max, of the
     * finite values; {@code nonFinite} counts the others (NaN, infinities: a diverging run's).
     */
    static Map<String, Object> statistics(Matrix matrix) {
        double[] values = matrix.toRowMajorArray();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        double squares = 0;
        long finite = 0;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
                sum += v;
                squares += v * v;
                finite++;
            }
        }
        long[] counts = new long[BINS];
        double width = (max - min) / BINS;
        for (double v : values) {
            if (Double.isFinite(v)) {
                counts[width > 0 ? (int) Math.min(BINS - 1, (v - min) / width) : 0]++;
            }
        }
        Map<String, Object> statistics = new LinkedHashMap<>();
        statistics.put("min", finite > 0 ? min : null);
        statistics.put("max", finite > 0 ? max : null);
        statistics.put("mean", finite > 0 ? StepJson.finite(sum / finite) : null);
        statistics.put("norm", StepJson.finite(Math.sqrt(squares)));
        statistics.put("histogram", counts);
        statistics.put("nonFinite", values.length - finite);
        return statistics;
    }

    /** The matrix reduced to at most HEATMAP x HEATMAP cells, each the mean of its block of elements. */
    static Object[][] heatmap(Matrix matrix) {
        int rows = Math.min(HEATMAP, matrix.rows());
        int columns = Math.min(HEATMAP, matrix.columns());
        double[][] sums = new double[rows][columns];
        int[][] counts = new int[rows][columns];
        for (int r = 0; r < matrix.rows(); r++) {
            int cellRow = (int) ((long) r * rows / matrix.rows());
            for (int c = 0; c < matrix.columns(); c++) {
                int cellColumn = (int) ((long) c * columns / matrix.columns());
                sums[cellRow][cellColumn] += matrix.get(r, c);
                counts[cellRow][cellColumn]++;
            }
        }
        double[][] means = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                means[r][c] = sums[r][c] / counts[r][c];
            }
        }
        return StepJson.rows(Matrix.of(means));
    }

    /** Up to OUTPUT_POINTS (example, unit) pairs of the output layer, spread evenly: sum, output and slope. */
    private static List<Object> outputPoints(TrainingStep step) {
        int layer = step.layerCount() - 1;
        Matrix output = step.layer(layer);
        Matrix slope = step.slope(layer);
        Matrix input = step.layer(layer - 1);
        Matrix weights = step.weightsBefore(layer - 1);
        long total = (long) output.rows() * output.columns();
        int count = (int) Math.min(OUTPUT_POINTS, total);
        List<Object> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long index = i * total / count;
            int e = (int) (index / output.columns());
            int j = (int) (index % output.columns());
            double sum = 0;
            for (int k = 0; k < input.columns(); k++) {
                sum += input.get(e, k) * weights.get(k, j);
            }
            Map<String, Object> point = new LinkedHashMap<>();
            point.put("example", e);
            point.put("unit", j);
            point.put("sum", StepJson.finite(sum));
            point.put("output", StepJson.finite(output.get(e, j)));
            point.put("slope", StepJson.finite(slope.get(e, j)));
            points.add(point);
        }
        return points;
    }
}
