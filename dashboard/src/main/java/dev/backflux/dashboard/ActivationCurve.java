package dev.backflux.dashboard;

import dev.backflux.api.Activation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The activation's curve for the tutorial's slope picture: {@code nonlin(x)} and its slope at evenly spaced
 * inputs, and the slope below which an output counts as confident ({@link #CONFIDENT_SHARE} of the steepest slope
 * on the curve: 0.1 for the sigmoid, whose steepest slope is 0.25 at x = 0).
 */
final class ActivationCurve {

    static final double FROM = -6;
    static final double TO = 6;
    static final int POINTS = 121;
    static final double CONFIDENT_SHARE = 0.4;

    private ActivationCurve() {
    }

    static Map<String, Object> of(Activation activation) {
        double[] x = new double[POINTS];
        Double[] y = new Double[POINTS];
        Double[] slope = new Double[POINTS];
        double steepest = 0;
        for (int i = 0; i < POINTS; i++) {
            x[i] = FROM + (TO - FROM) * i / (POINTS - 1);
            y[i] = StepJson.finite(activation.apply(x[i]));
            double s = activation.derivative(x[i]);
            slope[i] = StepJson.finite(s);
            if (Double.isFinite(s)) {
                steepest = Math.max(steepest, Math.abs(s));
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("x", x);
        json.put("y", y);
        json.put("slope", slope);
        json.put("confidentBelow", CONFIDENT_SHARE * steepest);
        return json;
    }
}
