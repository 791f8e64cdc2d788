package dev.backflux.plugins;

import dev.backflux.api.Activation;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.PluginOptions;

/** The {@code tanh} activation: {@code tanh(x)}, derivative {@code 1 - out²}. Outputs in (-1, 1). */
public final class TanhPlugin implements ActivationPlugin {

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public TanhPlugin() {
    }

    @Override
    public String id() {
        return "tanh";
    }

    @Override
    public String description() {
        return "Hyperbolic tangent tanh(x), derivative 1 - out^2; outputs in (-1, 1).";
    }

    @Override
    public Activation activation(PluginOptions options) {
        return Tanh.INSTANCE;
    }

    /** The hyperbolic tangent. */
    static final class Tanh implements Activation {

        static final Tanh INSTANCE = new Tanh();

        @Override
        public double apply(double input) {
            return Math.tanh(input);
        }

        @Override
        public double derivativeFromOutput(double output) {
            return 1 - output * output;
        }

        @Override
        public void apply(double[] values) {
            for (int i = 0; i < values.length; i++) {
                values[i] = Math.tanh(values[i]);
            }
        }

        @Override
        public void derivativeFromOutput(double[] outputs, double[] derivatives) {
            for (int i = 0; i < outputs.length; i++) {
                derivatives[i] = 1 - outputs[i] * outputs[i];
            }
        }

        @Override
        public String toString() {
            return "tanh";
        }
    }
}
