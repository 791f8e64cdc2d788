package dev.backflux.dashboard;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A run's error curve since step 0 in bounded memory, however long the run: the steps are grouped into at most
 * {@link #BUCKETS} buckets of equal width, each keeping the lowest, the highest and the last error of the steps in
 * it (training and validation), so that the curve keeps its shape, spikes included. When a step falls beyond the
 * last bucket, neighbouring buckets merge in pairs and the width doubles.
 *
 * <p>It records the steps it is given: a dashboard that reads a live run's steps may skip some when the run is
 * faster than it, and those steps are then in no bucket. Thread-safe.
 */
final class ErrorCurve {

    /** The most buckets the curve keeps: its memory is fixed at about 6 doubles and a long per bucket. */
    static final int BUCKETS = 1024;

    private long width = 1;
    private int used;
    private final long[] lastStep = new long[BUCKETS];
    private final double[] min = new double[BUCKETS];
    private final double[] max = new double[BUCKETS];
    private final double[] last = new double[BUCKETS];
    private final double[] validationMin = new double[BUCKETS];
    private final double[] validationMax = new double[BUCKETS];
    private boolean validation;

    /**
     * Records one step's errors; steps must come in increasing order.
     *
     * @param step the step's index
     * @param error its mean absolute error
     * @param validationError its validation error, or NaN when the run has no validation data
     */
    synchronized void record(long step, double error, double validationError) {
        while (step / width >= BUCKETS) {
            halve();
        }
        int bucket = (int) (step / width);
        if (bucket >= used) {
            for (int b = used; b <= bucket; b++) {
                lastStep[b] = -1;
                min[b] = Double.NaN;
                max[b] = Double.NaN;
                last[b] = Double.NaN;
                validationMin[b] = Double.NaN;
                validationMax[b] = Double.NaN;
            }
            used = bucket + 1;
        }
        lastStep[bucket] = step;
        min[bucket] = lower(min[bucket], error);
        max[bucket] = higher(max[bucket], error);
        last[bucket] = error;
        if (!Double.isNaN(validationError)) {
            validation = true;
            validationMin[bucket] = lower(validationMin[bucket], validationError);
            validationMax[bucket] = higher(validationMax[bucket], validationError);
        }
    }

    /** Merges buckets 2i and 2i+1 into bucket i, doubling the width. */
    private void halve() {
        int merged = (used + 1) / 2;
        for (int i = 0; i < merged; i++) {
            int a = 2 * i;
            int b = Math.min(a + 1, used - 1);
            boolean second = b != a && lastStep[b] >= 0;
            lastStep[i] = second ? lastStep[b] : lastStep[a];
            min[i] = lower(min[a], min[b]);
            max[i] = higher(max[a], max[b]);
            last[i] = second ? last[b] : last[a];
            validationMin[i] = lower(validationMin[a], validationMin[b]);
            validationMax[i] = higher(validationMax[a], validationMax[b]);
        }
        used = merged;
        width *= 2;
    }

    /**
     * The curve as columns for a chart: {@code width} (steps per bucket), {@code step} (each bucket's last step
     * recorded), {@code min}, {@code max}, {@code last}, and {@code validationMin}, {@code validationMax} when the
     * run has validation data. Buckets with no step recorded are left out.
     */
    synchronized Map<String, Object> columns() {
        int count = 0;
        for (int b = 0; b < used; b++) {
            if (lastStep[b] >= 0) {
                count++;
            }
        }
        long[] steps = new long[count];
        double[][] columns = new double[5][count];
        int i = 0;
        for (int b = 0; b < used; b++) {
            if (lastStep[b] >= 0) {
                steps[i] = lastStep[b];
                columns[0][i] = min[b];
                columns[1][i] = max[b];
                columns[2][i] = last[b];
                columns[3][i] = validationMin[b];
                columns[4][i] = validationMax[b];
                i++;
            }
        }
        Map<String, Object> curve = new LinkedHashMap<>();
        curve.put("width", width);
        curve.put("step", steps);
        curve.put("min", finite(columns[0]));
        curve.put("max", finite(columns[1]));
        curve.put("last", finite(columns[2]));
        if (validation) {
            curve.put("validationMin", finite(columns[3]));
            curve.put("validationMax", finite(columns[4]));
        }
        return curve;
    }

    /** JSON has no NaN or infinity: they are sent as null. */
    private static Double[] finite(double[] values) {
        return Arrays.stream(values).mapToObj(v -> Double.isFinite(v) ? v : null).toArray(Double[]::new);
    }

    private static double lower(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.min(a, b);
    }

    private static double higher(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
