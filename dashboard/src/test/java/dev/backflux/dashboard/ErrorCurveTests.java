package dev.backflux.dashboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The error curve keeps the shape of any run in at most 1024 buckets: each bucket's min, max and last. */
class ErrorCurveTests {

    @Test
    void eachBucketHoldsTheMinMaxAndLastOfItsStepsWhateverTheLengthAndTheSkippedSteps() {
        SplittableRandom random = new SplittableRandom(7);
        int steps = 300_000;
        double[] errors = new double[steps];
        boolean[] recorded = new boolean[steps];
        ErrorCurve curve = new ErrorCurve();
        for (int step = 0; step < steps; step++) {
            errors[step] = random.nextDouble() * (step % 10_007 == 0 ? 100 : 1);
            // A reader behind a fast run skips steps: about one in three here.
            recorded[step] = random.nextInt(3) != 0 || step == steps - 1;
            if (recorded[step]) {
                curve.record(step, errors[step], Double.NaN);
            }
        }
        Map<String, Object> columns = curve.columns();
        long width = (long) columns.get("width");
        long[] lastSteps = (long[]) columns.get("step");
        Double[] min = (Double[]) columns.get("min");
        Double[] max = (Double[]) columns.get("max");
        Double[] last = (Double[]) columns.get("last");
        assertEquals(512, width, "300,000 steps in buckets of 512: 586 buckets, at most 1024");
        assertTrue(lastSteps.length <= ErrorCurve.BUCKETS);
        assertEquals(steps - 1, lastSteps[lastSteps.length - 1]);
        assertFalse(columns.containsKey("validationMin"), "no validation data, no validation columns");
        for (int i = 0; i < lastSteps.length; i++) {
            long from = lastSteps[i] / width * width;
            double expectedMin = Double.POSITIVE_INFINITY;
            double expectedMax = Double.NEGATIVE_INFINITY;
            long expectedLast = -1;
            for (long step = from; step < Math.min(steps, from + width); step++) {
                if (recorded[(int) step]) {
                    expectedMin = Math.min(expectedMin, errors[(int) step]);
                    expectedMax = Math.max(expectedMax, errors[(int) step]);
                    expectedLast = step;
                }
            }
            assertEquals(expectedLast, lastSteps[i]);
            assertEquals(expectedMin, min[i]);
            assertEquals(expectedMax, max[i]);
            assertEquals(errors[(int) expectedLast], last[i]);
        }
        // The spikes (every 10,007th step is up to 100 times larger) are all still there.
        double highest = 0;
        for (Double value : max) {
            highest = Math.max(highest, value);
        }
        double expectedHighest = 0;
        for (int step = 0; step < steps; step++) {
            if (recorded[step]) {
                expectedHighest = Math.max(expectedHighest, errors[step]);
            }
        }
        assertEquals(expectedHighest, highest);
    }

    @Test
    void aShortRunKeepsEveryStepAndItsValidationError() {
        ErrorCurve curve = new ErrorCurve();
        for (int step = 0; step < 10; step++) {
            curve.record(step, 1.0 / (step + 1), step == 3 ? Double.NaN : 2.0 / (step + 1));
        }
        Map<String, Object> columns = curve.columns();
        assertEquals(1L, columns.get("width"));
        assertArrayEquals(new long[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, (long[]) columns.get("step"));
        Double[] validation = (Double[]) columns.get("validationMin");
        assertEquals(2.0, validation[0]);
        assertEquals(null, validation[3], "a step without a validation error has none");
        assertEquals(0.2, validation[9]);
    }

    @Test
    void aDivergingRunsInfiniteErrorIsSentAsNull() {
        ErrorCurve curve = new ErrorCurve();
        curve.record(0, 0.5, Double.NaN);
        curve.record(1, Double.POSITIVE_INFINITY, Double.NaN);
        Double[] max = (Double[]) curve.columns().get("max");
        assertEquals(0.5, max[0]);
        assertEquals(null, max[1]);
    }
}
