package dev.backflux.plugins;

import dev.backflux.api.Activation;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.PluginOptions;

/**
 * The {@code softplus} activation, {@link Activation#softplus()}: {@code log(1 + exp(x))}, a smooth ReLU; its
 * derivative is the sigmoid of the input, which is {@code 1 - exp(-out)} in terms of the output.
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
        return Activation.softplus();
    }
}
