package dev.backflux.plugins;

import dev.backflux.api.Activation;
import dev.backflux.api.spi.ActivationPlugin;
import dev.backflux.api.spi.PluginOptions;

/**
 * The {@code tanh} activation, {@link Activation#tanh()}: {@code tanh(x)}, derivative {@code 1 - out²}; outputs
 * from -1 to 1.
 */
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
        return "Hyperbolic tangent tanh(x), derivative 1 - out^2; outputs from -1 to 1.";
    }

    @Override
    public Activation activation(PluginOptions options) {
        return Activation.tanh();
    }
}
