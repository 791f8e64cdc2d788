package dev.backflux.plugins;

import dev.backflux.api.Activation;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.PluginOptions;

/** The {@code identity} activation: {@code x}, derivative 1; a linear network, for regression and teaching. */
public final class IdentityPlugin implements ActivationPlugin {

    /** Creates the plugin; called by {@link java.util.ServiceLoader}. */
    public IdentityPlugin() {
    }

    @Override
    public String id() {
        return "identity";
    }

    @Override
    public String description() {
        return "Identity x, derivative 1: a linear network.";
    }

    @Override
    public Activation activation(PluginOptions options) {
        return Identity.INSTANCE;
    }

    /** The identity. */
    static final class Identity implements Activation {

        static final Identity INSTANCE = new Identity();

        @Override
        public double apply(double input) {
            return input;
        }

        @Override
        public double derivativeFromOutput(double output) {
            return 1;
        }

        @Override
        public void apply(double[] values) {
            // the identity leaves the weighted sums as they are
        }

        @Override
        public void derivativeFromOutput(double[] outputs, double[] derivatives) {
            java.util.Arrays.fill(derivatives, 1.0);
        }

        @Override
        public String toString() {
            return "identity";
        }
    }
}
