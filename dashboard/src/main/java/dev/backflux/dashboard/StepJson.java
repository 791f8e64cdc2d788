package dev.backflux.dashboard;

import dev.backflux.api.Matrix;
import dev.backflux.api.TrainingStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step as the page draws it. A small network's step carries every number the tutorial names: each layer
 * {@code l}, the sums before the activation, {@code l_error}, {@code nonlin(l, True)} (the slope), {@code l_delta},
 * each {@code syn} before and after the update, the update and the examples' agreement. A step with more than
 * {@link #FULL_DETAIL_NUMBERS} such numbers is sent as per-layer summaries instead (see {@link StepSummary}), so
 * that no event grows beyond about 100 KB whatever the network.
 */
final class StepJson {

    /**
     * The most numbers a step sends in full: about 20 bytes each in JSON, so at most about 400 KB for the
     * largest step sent in full (the tutorial's three-layer network sends 180).
     */
    static final long FULL_DETAIL_NUMBERS = 20_000;

    private StepJson() {
    }

    /** The numbers a step would send in full. */
    static long fullNumbers(TrainingStep step) {
        long examples = step.layer(0).rows();
        long count = 0;
        for (int layer = 0; layer < step.layerCount(); layer++) {
            count += examples * step.layer(layer).columns() * 6;
        }
        for (Matrix weights : step.weights()) {
            count += (long) weights.rows() * weights.columns() * 4;
        }
        return count;
    }

    /** The step as a JSON-ready map: in full when it is small enough, else summarised. */
    static Map<String, Object> of(TrainingStep step) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("step", step.step());
        json.put("error", finite(step.meanAbsoluteError()));
        json.put("validationError", step.validationMeanAbsoluteError().isPresent()
                ? finite(step.validationMeanAbsoluteError().getAsDouble()) : null);
        json.put("learningRate", step.learningRate());
        if (fullNumbers(step) <= FULL_DETAIL_NUMBERS) {
            full(step, json);
        } else {
            StepSummary.of(step, json);
        }
        return json;
    }

    private static void full(TrainingStep step, Map<String, Object> json) {
        json.put("detail", "full");
        int count = step.layerCount();
        List<Object> layers = new ArrayList<>();
        List<Object> sums = new ArrayList<>();
        List<Object> errors = new ArrayList<>();
        List<Object> slopes = new ArrayList<>();
        List<Object> deltas = new ArrayList<>();
        for (int layer = 0; layer < count; layer++) {
            layers.add(rows(step.layer(layer)));
            boolean input = layer == 0;
            sums.add(input ? null : rows(sums(step, layer)));
            errors.add(input ? null : rows(step.error(layer)));
            slopes.add(input ? null : rows(step.slope(layer)));
            deltas.add(input ? null : rows(step.delta(layer)));
        }
        json.put("layers", layers);
        json.put("sums", sums);
        json.put("errors", errors);
        json.put("slopes", slopes);
        json.put("deltas", deltas);
        List<Object> weights = new ArrayList<>();
        List<Object> before = new ArrayList<>();
        List<Object> updates = new ArrayList<>();
        List<Object> agreement = new ArrayList<>();
        for (int k = 0; k < count - 1; k++) {
            weights.add(rows(step.weights(k)));
            before.add(rows(step.weightsBefore(k)));
            updates.add(rows(step.update(k)));
            agreement.add(rows(step.agreement(k)));
        }
        List<Object> masks = new ArrayList<>();
        for (int layer = 0; layer < count; layer++) {
            Matrix mask = hidden(step, layer) ? step.dropoutMask(layer) : null;
            masks.add(mask != null && hasDropout(mask) ? rows(mask) : null);
        }
        json.put("masks", masks);
        json.put("weights", weights);
        json.put("weightsBefore", before);
        json.put("updates", updates);
        json.put("agreement", agreement);
    }

    /**
     * The sums a layer's activation was applied to, {@code np.dot(l(k-1), syn(k-1))} with the weights before this
     * step's update: where each output sits on the activation's curve.
     */
    static Matrix sums(TrainingStep step, int layer) {
        Matrix input = step.layer(layer - 1);
        Matrix weights = step.weightsBefore(layer - 1);
        double[][] sums = new double[input.rows()][weights.columns()];
        for (int e = 0; e < input.rows(); e++) {
            double[] row = input.row(e);
            for (int j = 0; j < weights.columns(); j++) {
                double sum = 0;
                for (int i = 0; i < row.length; i++) {
                    sum += row[i] * weights.get(i, j);
                }
                sums[e][j] = sum;
            }
        }
        return Matrix.of(sums);
    }

    /** Whether a layer is hidden: only hidden layers can have dropout, so no other layer's mask is asked for. */
    static boolean hidden(TrainingStep step, int layer) {
        return layer > 0 && layer < step.layerCount() - 1;
    }

    /** Whether a dropout mask dropped or scaled anything (read in place): a layer without dropout has every factor 1. */
    static boolean hasDropout(Matrix mask) {
        for (int r = 0; r < mask.rows(); r++) {
            for (int c = 0; c < mask.columns(); c++) {
                if (mask.get(r, c) != 1) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A matrix as rows of numbers, non-finite ones as null (JSON has no NaN). */
    static Object[][] rows(Matrix matrix) {
        Object[][] rows = new Object[matrix.rows()][matrix.columns()];
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < rows[r].length; c++) {
                rows[r][c] = finite(matrix.get(r, c));
            }
        }
        return rows;
    }

    static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }
}
