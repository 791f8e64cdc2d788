package dev.backflux.testing;

import dev.backflux.api.Activation;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sigmoid, counting the forward passes of its layers: a network with {@code n} weight matrices and no
 * validation data applies its activation to {@code n} layers per computed step.
 */
public final class CountingActivation implements Activation {

    private final Activation sigmoid = Activation.sigmoid();
    private final AtomicLong layersApplied = new AtomicLong();
    private final int layersPerStep;

    /** @param layersPerStep the layers the activation is applied to per step (forward passes included) */
    public CountingActivation(int layersPerStep) {
        this.layersPerStep = layersPerStep;
    }

    /** @return the steps computed so far */
    public long computedSteps() {
        return layersApplied.get() / layersPerStep;
    }

    @Override
    public double apply(double input) {
        return sigmoid.apply(input);
    }

    @Override
    public double derivativeFromOutput(double output) {
        return sigmoid.derivativeFromOutput(output);
    }

    @Override
    public void apply(double[] values) {
        layersApplied.incrementAndGet();
        sigmoid.apply(values);
    }

    @Override
    public void derivativeFromOutput(double[] outputs, double[] derivatives) {
        sigmoid.derivativeFromOutput(outputs, derivatives);
    }
}
