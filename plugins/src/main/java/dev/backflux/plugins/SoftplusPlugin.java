package dev.backflux.plugins;

import dev.backflux.api.Activation;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.PluginOptions;

/**
 * The {@code softplus} activation: {@code log(1 + exp(x))}, a smooth ReLU; its derivative is the sigmoid
 * of the input, which is {@code 1 - exp(-out)} in terms of the output.
 */
public final class SoftplusPlugin implements ActivationPlugin {

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public SoftplusPlugin() {
    }

    @Override
    public String id() {
        return "softplus";
    }

    @Override
    public String description() {
        return "Softplus log(1 + exp(x)), a smooth ReLU; derivative 1 - exp(-out).";
    }

    @Override
    public Activation activation(PluginOptions options) {
        return Softplus.INSTANCE;
    }

    /** {@code log(1 + exp(x))}, computed without overflow for large inputs. */
    static final class Softplus implements Activation {

        static final Softplus INSTANCE = new Softplus();

        @Override
        public double apply(double input) {
            // log1p(exp(x)) overflows for large x; max(x, 0) + log1p(exp(-|x|)) does not.
            return Math.max(input, 0) + Math.log1p(Math.exp(-Math.abs(input)));
        }

        @Override
        public double derivativeFromOutput(double output) {
            return -Math.expm1(-output);
        }

        @Override
        public void apply(double[] values) {
            for (int i = 0; i < values.length; i++) {
                double x = values[i];
                values[i] = Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
            }
        }

        @Override
        public void derivativeFromOutput(double[] outputs, double[] derivatives) {
            for (int i = 0; i < outputs.length; i++) {
                derivatives[i] = -Math.expm1(-outputs[i]);
            }
        }

        @Override
        public String toString() {
            return "softplus";
        }
    }
}
